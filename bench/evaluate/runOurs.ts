import { fork } from 'node:child_process';
import * as path from 'node:path';

import { OURS_APPLICATION } from './benchConnection';
import type { OursRun } from './evaluateChild';

/** Runs evaluate() in a fresh Node process (the same Node binary) and returns its figures. */
export function runOurs(database: string, asOf: Date, execArgv: string[] = [], mode = 'evaluate'): Promise<OursRun> {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'evaluateChild.js'), [database, asOf.toISOString(), mode], {
			execArgv,
			env: { ...process.env, PGAPPNAME: OURS_APPLICATION },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let run: OursRun | undefined;
		child.on('message', (message) => (run = message as OursRun));
		child.on('error', reject);
		child.on('exit', (code) => (run && code === 0 ? resolve(run) : reject(new Error(`evaluate child exited with ${code}`))));
	});
}
