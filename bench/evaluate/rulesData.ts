import * as fs from 'node:fs';
import * as path from 'node:path';

import { packageDataPath } from '../../lib/packageData';

/**
 * The compiled bench (.cache/bench) has no rules/ folder beside its lib/ (gulp copies it
 * to dist/ only): link the source tree's, so the presets load as in the package.
 */
export function ensureRulesData(): void {
	const target = packageDataPath();
	if (fs.existsSync(path.join(target, 'presets'))) return;
	let dir = __dirname;
	while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'rules', 'presets'))) {
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error('Cannot find the rules/ folder of the source tree');
		dir = parent;
	}
	try {
		fs.symlinkSync(path.join(dir, 'rules'), target, 'dir');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
}
