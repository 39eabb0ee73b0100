// Copies into dist/ what tsc does not: node icons, codex JSON, rule data and shipped workflows.
const fs = require('node:fs');
const { src, dest, parallel, series } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function copyRules() {
	return src(['rules/**/*.json', 'rules/**/*.txt'], { base: '.' }).pipe(dest('dist'));
}

/** Shipped workflows are copied afresh: one removed from workflows/ must not ship from an old dist/. */
function cleanWorkflows(done) {
	fs.rmSync('dist/workflows', { recursive: true, force: true });
	done();
}

function copyWorkflows() {
	return src(['workflows/*.json'], { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports.build = parallel(copyNodeAssets, copyRules, series(cleanWorkflows, copyWorkflows));
