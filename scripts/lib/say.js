'use strict';
// Console output of `npm start`: one line per step, so a slow first start shows where it is.
const startedAt = Date.now();

function elapsed() {
	return `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
}

const say = {
	step(message) {
		console.log(`[lead-monitor ${elapsed()}] ${message}`);
	},
	detail(message) {
		console.log(`    ${message}`);
	},
	warn(message) {
		console.warn(`[lead-monitor ${elapsed()}] WARNING: ${message}`);
	},
	error(message) {
		console.error(`[lead-monitor ${elapsed()}] ERROR: ${message}`);
	},
	// For problems that must not scroll past unnoticed.
	banner(lines) {
		const width = Math.max(...lines.map((line) => line.length)) + 4;
		const rule = '!'.repeat(width);
		console.warn(['', rule, ...lines.map((line) => `! ${line.padEnd(width - 4)} !`), rule, ''].join('\n'));
	},
	secondsSinceStart() {
		return (Date.now() - startedAt) / 1000;
	},
};

module.exports = { say };
