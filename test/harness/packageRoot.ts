import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: its package.json "n8n" section lists the built nodes in dist/. */
export const packageRoot = resolve(__dirname, '..', '..');

/** A module under dist/, loaded into the same module registry as the nodes the harness runs. */
export function requireFromDist<T>(relativePath: string): T {
	const file = join(packageRoot, 'dist', relativePath);
	if (!existsSync(`${file}.js`) && !existsSync(join(file, 'index.js'))) {
		throw new Error(`${file} is not built: run "npm run build" before the workflow tests`);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(file) as T;
}
