import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where one run keeps things: a fresh temp folder (removed afterwards) and test-output/e2e (kept, git-ignored). */
export interface E2ePaths {
	root: string;
	/** The fresh n8n user folder (n8n's data in .n8n/, our package in .n8n/nodes/). */
	userFolder: string;
	packDir: string;
	/** Where call-log files are delivered. */
	callLogDir: string;
	/** test-output/e2e: screenshot, logs. */
	outputDir: string;
	/** npm and step output that is not n8n's own log. */
	stepLog: string;
}

/**
 * `name`: the test-output folder (each end-to-end file keeps its own); `keepOutput`: leave what
 * another e2e file put there.
 */
export function createE2ePaths(name = 'e2e', { keepOutput = false } = {}): E2ePaths {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), `lead-monitor-${name}-`));
	const outputDir = path.join(REPO_ROOT, 'test-output', name);
	if (!keepOutput) fs.rmSync(outputDir, { recursive: true, force: true });
	fs.mkdirSync(outputDir, { recursive: true });
	const paths: E2ePaths = {
		root,
		userFolder: path.join(root, 'n8n-user'),
		packDir: path.join(root, 'pack'),
		callLogDir: path.join(root, 'call-logs'),
		outputDir,
		stepLog: path.join(outputDir, 'steps.log'),
	};
	for (const dir of [paths.userFolder, paths.packDir, paths.callLogDir]) fs.mkdirSync(dir, { recursive: true });
	return paths;
}

/** LEAD_MONITOR_E2E_KEEP=1 keeps the temp folder for a look after a failure. */
export function removeE2ePaths(paths: E2ePaths | undefined): void {
	if (!paths) return;
	if (process.env.LEAD_MONITOR_E2E_KEEP === '1') {
		console.log(`[e2e] kept ${paths.root} (LEAD_MONITOR_E2E_KEEP=1)`);
		return;
	}
	fs.rmSync(paths.root, { recursive: true, force: true, maxRetries: 3 });
}
