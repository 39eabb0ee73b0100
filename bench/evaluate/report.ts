import { table } from '../lib/benchDatabase';
import type { MatchSet } from './engineBaseline';
import type { Measurements } from './run';

/** The targets (issue 4, "Bench"). */
const MAX_FLOOR_RATIO = 1.5;
const MIN_BASELINE_RATIO = 50;
const MAX_RSS_MB = 500;

export function printReport(m: Measurements): void {
	const leads = m.ours[0].leadsEvaluated;
	const scale = leads / m.sampleSize;
	const floor = median(m.copyFloors.map((r) => r.seconds));
	const cursor = median(m.cursorFloors.map((r) => r.seconds));
	const ours = median(m.ours.map((r) => r.seconds));
	const reference = m.reference.seconds * scale;
	const oneEngine = m.oneEngine.seconds * scale;
	const compiled = m.compiled.seconds * scale;
	const rss = Math.max(...m.ours.map((r) => r.peakRssMb));
	const spread = (values: number[]) => (values.length > 1 ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}` : '');
	const row = (what: string, seconds: number, runs: number[], cpu: string, notes: string) => ({
		what,
		seconds: seconds.toFixed(2),
		'min–max': spread(runs),
		'leads/s': Math.round(leads / seconds).toLocaleString('en'),
		'× floor': (seconds / floor).toFixed(2),
		'CPU s (median)': cpu,
		notes,
	});
	const cpu = (values: number[]) => median(values).toFixed(1);

	console.log(`\n${leads.toLocaleString('en')} roster leads with activity in range (aggregate rows), of ${m.shape.roster.toLocaleString('en')}; ` +
		`${m.ours.length} round(s), median shown; 2 shared cores (load average ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)})\n`);
	console.log(
		table([
			row(
				'floor: aggregate SQL, COPY TO STDOUT, discarded',
				floor,
				m.copyFloors.map((r) => r.seconds),
				`PG ${cpu(m.copyFloors.map((r) => r.pgCpuSeconds))} (leader only)`,
				`${(m.copyFloors[0].bytes / 1e6).toFixed(0)} MB of rows`,
			),
			row(
				'  same SQL through the store cursor, rows dropped',
				cursor,
				m.cursorFloors.map((r) => r.seconds),
				`PG ${cpu(m.cursorFloors.map((r) => r.pgCpuSeconds))}`,
				'FETCH 5000, pg parses',
			),
			row(
				'ours: evaluate(), all five presets',
				ours,
				m.ours.map((r) => r.seconds),
				`node ${cpu(m.ours.map((r) => r.nodeCpuSeconds))} + PG ${cpu(m.ours.map((r) => r.pgCpuSeconds))}`,
				`${m.ours[0].newHits} hits, peak RSS ${rss} MB`,
			),
			row(`  rules phase: compiled predicates (${m.sampleSize} rows, scaled)`, compiled, [], '', 'in memory, best of 10'),
			row(`baseline: json-rules-engine run(), new Engine per lead (${m.sampleSize}, scaled)`, reference, [], '', 'referenceEngine.ts'),
			row(`  json-rules-engine run(), one Engine sequential (${m.sampleSize}, scaled)`, oneEngine, [], '', 'its best case'),
		]),
	);

	const identical = sameSet(m.oursOnSample, m.reference.matches);
	const check = (ok: boolean) => (ok ? 'yes' : 'NO');
	console.log('\ntargets (issue 4), printed only:');
	console.log(
		table([
			{ target: 'ours ÷ floor', measured: `${(ours / floor).toFixed(2)}×`, goal: `≤ ${MAX_FLOOR_RATIO}×`, met: check(ours / floor <= MAX_FLOOR_RATIO) },
			{
				target: 'baseline ÷ ours, rules phase (same rows in memory)',
				measured: `${Math.round(reference / compiled)}× (one Engine: ${Math.round(oneEngine / compiled)}×)`,
				goal: `≥ ${MIN_BASELINE_RATIO}×`,
				met: check(oneEngine / compiled >= MIN_BASELINE_RATIO),
			},
			{
				target: 'baseline ÷ ours, end to end (baseline + the cursor floor)',
				measured: `${((reference + cursor) / ours).toFixed(1)}× (one Engine: ${((oneEngine + cursor) / ours).toFixed(1)}×)`,
				goal: `≥ ${MIN_BASELINE_RATIO}×`,
				met: check((oneEngine + cursor) / ours >= MIN_BASELINE_RATIO),
			},
			{ target: 'peak RSS of ours (own process)', measured: `${rss} MB`, goal: `≤ ${MAX_RSS_MB} MB`, met: check(rss <= MAX_RSS_MB) },
			{
				target: `identical hits, ${m.sampleSize} leads (lead × rule)`,
				measured: `${m.oursOnSample.size} vs ${m.reference.matches.size}`,
				goal: 'identical',
				met: check(identical),
			},
		]),
	);
	console.log(`identical: ${identical ? 'yes' : 'no'} (ours = the hits evaluate() stored; baseline = json-rules-engine per lead; ` +
		`one Engine ${sameSet(m.oneEngine.matches, m.reference.matches) ? 'agrees' : 'DIFFERS'}, compiled predicates ${sameSet(m.compiled.matches, m.reference.matches) ? 'agree' : 'DIFFER'})`);
	if (!identical) printDifference(m.oursOnSample, m.reference.matches);

	const byRule = m.ours[0].hitsByRule;
	console.log('\nhits per rule (a fresh hits table):');
	console.log(
		table(
			m.ruleNames.map((rule) => ({
				rule,
				hits: byRule[rule] ?? 0,
				'of leads evaluated': percent(byRule[rule] ?? 0, leads),
				'of roster': percent(byRule[rule] ?? 0, m.shape.roster),
			})),
		),
	);
	if (m.ruleNames.includes('dormant-and-back') && m.shape.days < 60) {
		console.log('dormant-and-back needs ≥ 60 silent days before this week: a 30-day log cannot hit it (its column is computed all the same).');
	}
	const errors = m.ours[0].ruleErrors;
	if (errors) console.log(`rule errors in ours: ${errors}`);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percent(part: number, whole: number): string {
	return `${((100 * part) / whole).toFixed(2)} %`;
}

function sameSet(a: MatchSet, b: MatchSet): boolean {
	if (a.size !== b.size) return false;
	for (const item of a) if (!b.has(item)) return false;
	return true;
}

function printDifference(ours: MatchSet, baseline: MatchSet): void {
	const onlyOurs = [...ours].filter((x) => !baseline.has(x));
	const onlyBaseline = [...baseline].filter((x) => !ours.has(x));
	console.log(`  only in ours: ${onlyOurs.length} (e.g. ${onlyOurs.slice(0, 3).join(' | ')})`);
	console.log(`  only in the baseline: ${onlyBaseline.length} (e.g. ${onlyBaseline.slice(0, 3).join(' | ')})`);
}
