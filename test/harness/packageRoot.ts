import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: its package.json "n8n" section lists the built nodes in dist/.
 * Found by walking up, so the harness works from test/ and compiled (bench) alike.
 */
export const packageRoot = findPackageRoot(__dirname);

function findPackageRoot(from: string): string {
	for (let dir = from; ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'n8n-nodes-lead-monitor') return dir;
		if (dirname(dir) === dir) throw new Error(`No n8n-nodes-lead-monitor package.json above ${from}`);
	}
}

/** A module under dist/, loaded into the same module registry as the nodes the harness runs. */
export function requireFromDist<T>(relativePath: string): T {
	const file = join(packageRoot, 'dist', relativePath);
	if (!existsSync(`${file}.js`) && !existsSync(join(file, 'index.js'))) {
		throw new Error(`${file} is not built: run "npm run build" before the workflow tests`);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(file) as T;
}
