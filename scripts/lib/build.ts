import type { StartConfig } from './config';
import { describeExit, runNpm } from './processes';
import { say } from './say';

/** `npm run build` (tsc + gulp into dist/), its output shown as it comes. */
export async function buildPackage(config: StartConfig): Promise<void> {
	say.step('Building the package (npm run build)…');
	const result = await runNpm(['run', 'build'], { cwd: config.repoRoot });
	if (result.code !== 0) {
		throw new Error(`The build failed (${describeExit(result)}); its errors are printed above.`);
	}
	say.step('Build finished: dist/ is up to date.');
}
