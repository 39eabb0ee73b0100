// Console output of `npm start`: one line per step, so a slow first start shows where it is.
const startedAt = Date.now();

function elapsed(): string {
	return `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
}

export const say = {
	step(message: string): void {
		console.log(`[lead-monitor ${elapsed()}] ${message}`);
	},
	detail(message: string): void {
		console.log(`    ${message}`);
	},
	warn(message: string): void {
		console.warn(`[lead-monitor ${elapsed()}] WARNING: ${message}`);
	},
	error(message: string): void {
		console.error(`[lead-monitor ${elapsed()}] ERROR: ${message}`);
	},
	// For problems that must not scroll past unnoticed.
	banner(lines: string[]): void {
		const width = Math.max(...lines.map((line) => line.length)) + 4;
		const rule = '!'.repeat(width);
		console.warn(['', rule, ...lines.map((line) => `! ${line.padEnd(width - 4)} !`), rule, ''].join('\n'));
	},
	secondsSinceStart(): number {
		return (Date.now() - startedAt) / 1000;
	},
};
