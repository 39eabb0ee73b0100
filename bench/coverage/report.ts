import { median, table } from '../lib/benchDatabase';
import type { CoverageMeasurements } from './measure';

/** The targets (issue 14, "Speed"). */
const ESTIMATE_SECONDS = 1;
const MAX_FLOOR_RATIO = 1.5;

export function printCoverageReport(m: CoverageMeasurements): void {
	const floor = median(m.floors);
	const spread = (values: number[]) => (values.length > 1 ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}` : '');
	const estimate = median(m.estimates.map((r) => r.seconds));
	const exact = median(m.exacts.map((r) => r.seconds));
	const alone = median(m.exactAlone);
	const scan = median(m.scanFloors);
	const row = (what: string, seconds: number, runs: number[], goal: string, notes: string) => ({
		what,
		seconds: seconds.toFixed(2),
		'min–max': spread(runs),
		'× evaluate floor': (seconds / floor).toFixed(2),
		goal,
		notes,
	});
	console.log(
		`\n${m.days}-day preview up to ${m.shape.lastDay}: the presets with one threshold raised against the presets (the active version); ` +
			`${m.leadsRead.toLocaleString('en')} roster leads read; ${m.floors.length} round(s), median shown; ` +
			`2 shared cores (load average ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)})\n`,
	);
	const rows = [
		row('evaluate floor: one day\'s aggregate SQL, COPY TO STDOUT, discarded', floor, m.floors, '', 'the floor'),
		row(`estimate (sample 1/64 of ID hashes), ${m.days} days + diff`, estimate, m.estimates.map((r) => r.seconds), `≤ ${ESTIMATE_SECONDS} s`, `met: ${estimate <= ESTIMATE_SECONDS ? 'yes' : 'NO'}`),
		row(`exact, ${m.days} days + diff against the active version`, exact, m.exacts.map((r) => r.seconds), `≤ ${MAX_FLOOR_RATIO}× floor`, `met: ${exact / floor <= MAX_FLOOR_RATIO ? 'yes' : 'NO'}`),
		row(`  exact, ${m.days} days, one rule set (Lead Monitor's preview)`, alone, m.exactAlone, '', ''),
		row('  the one-scan SQL alone, COPY TO STDOUT, discarded', scan, m.scanFloors, '', 'both rule sets'),
	];
	if (m.baseline) {
		rows.push(row(`baseline: the old preview, one aggregate per day (${m.days} scans)`, m.baseline.seconds, [], '', `${(m.baseline.seconds / alone).toFixed(1)}× the one scan`));
	}
	console.log(table(rows));

	const last = m.exacts[0].answer.days.at(-1)!;
	const guess = m.estimates[0].answer;
	const guessed = guess.days.at(-1)!;
	console.log(
		`\nlast day: exact ${last.leads} leads (+${last.added} / −${last.removed}); estimate ${guessed.leads} ± ${guess.margin} ` +
			`(${Math.abs(guessed.leads - last.leads) <= guess.margin! ? 'within' : 'OUTSIDE'} its margin)`,
	);
	if (m.baseline) {
		const same = m.baseline.leads.every((n, i) => n === m.exacts[0].answer.days[i].leads);
		console.log(`leads per day, one scan vs one aggregate per day: ${same ? 'identical' : 'DIFFER'} (${m.baseline.leads.join(', ')})`);
	}
}
