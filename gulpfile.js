// Copies into dist/ what tsc does not: node icons, codex JSON, rule data and shipped workflows.
const { src, dest, parallel } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function copyRules() {
	return src(['rules/**/*.json', 'rules/**/*.txt'], { base: '.' }).pipe(dest('dist'));
}

function copyWorkflows() {
	return src(['workflows/*.json'], { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports.build = parallel(copyNodeAssets, copyRules, copyWorkflows);
