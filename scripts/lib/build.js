'use strict';
const { runNpm, describeExit } = require('./processes');
const { say } = require('./say');

/** `npm run build` (tsc + gulp into dist/), its output shown as it comes. */
async function buildPackage(config) {
	say.step('Building the package (npm run build)…');
	const result = await runNpm(['run', 'build'], { cwd: config.repoRoot });
	if (result.code !== 0) {
		throw new Error(`The build failed (${describeExit(result)}); its errors are printed above.`);
	}
	say.step('Build finished: dist/ is up to date.');
}

module.exports = { buildPackage };
