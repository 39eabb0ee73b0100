import { median, table } from '../lib/benchDatabase';
import type { MatchSet } from './engineBaseline';
import type { Measurements } from './run';

/** The targets (issue 4, "Bench"). */
const MAX_FLOOR_RATIO = 1.5;
const MIN_BASELINE_RATIO = 50;
const MAX_RSS_MB = 500;

/** The medians and scaled figures the tables show, in seconds. */
interface Figures {
	leads: number;
	floor: number;
	stream: number;
	ours: number;
	compiled: number;
	reference: number;
	oneEngine: number;
	rssMb: number;
}

export function printReport(m: Measurements): void {
	const leads = m.ours[0].leadsEvaluated;
	const scale = leads / m.sampleSize;
	const figures: Figures = {
		leads,
		floor: median(m.copyFloors.map((r) => r.seconds)),
		stream: median(m.streamFloors.map((r) => r.seconds)),
		ours: median(m.ours.map((r) => r.seconds)),
		compiled: m.compiled.seconds * scale,
		reference: m.reference.seconds * scale,
		oneEngine: m.oneEngine.seconds * scale,
		rssMb: Math.max(...m.ours.map((r) => r.peakRssMb)),
	};
	console.log(
		`\n${leads.toLocaleString('en')} roster leads with activity in range (aggregate rows), of ${m.shape.roster.toLocaleString('en')}; ` +
			`${m.ours.length} round(s), median shown; 2 shared cores (load average ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)})\n`,
	);
	printFigures(m, figures);
	printTargets(m, figures);
	printHitsByRule(m, leads);
}

function printFigures(m: Measurements, f: Figures): void {
	const spread = (values: number[]) => (values.length > 1 ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}` : '');
	const cpu = (values: number[]) => median(values).toFixed(1);
	const row = (what: string, seconds: number, runs: number[], cpuSeconds: string, notes: string) => ({
		what,
		seconds: seconds.toFixed(2),
		'min–max': spread(runs),
		'leads/s': Math.round(f.leads / seconds).toLocaleString('en'),
		'× floor': (seconds / f.floor).toFixed(2),
		'CPU s (median)': cpuSeconds,
		notes,
	});
	console.log(
		table([
			row(
				'floor: aggregate SQL, COPY TO STDOUT, discarded',
				f.floor,
				m.copyFloors.map((r) => r.seconds),
				`PG ${cpu(m.copyFloors.map((r) => r.pgCpuSeconds))} (leader only)`,
				`${(m.copyFloors[0].bytes / 1e6).toFixed(0)} MB of rows`,
			),
			row(
				"  same SQL through the store's stream, rows dropped",
				f.stream,
				m.streamFloors.map((r) => r.seconds),
				`PG ${cpu(m.streamFloors.map((r) => r.pgCpuSeconds))}`,
				'batches of 5000, pg parses',
			),
			row(
				'ours: evaluate(), all five presets',
				f.ours,
				m.ours.map((r) => r.seconds),
				`node ${cpu(m.ours.map((r) => r.nodeCpuSeconds))} + PG ${cpu(m.ours.map((r) => r.pgCpuSeconds))}`,
				`${m.ours[0].newHits} hits, peak RSS ${f.rssMb} MB`,
			),
			row(`  rules phase: compiled predicates (${m.sampleSize} rows, scaled)`, f.compiled, [], '', 'in memory, best of 10'),
			row(`baseline: json-rules-engine run(), new Engine per lead (${m.sampleSize}, scaled)`, f.reference, [], '', 'referenceEngine.ts'),
			row(`  json-rules-engine run(), one Engine sequential (${m.sampleSize}, scaled)`, f.oneEngine, [], '', 'its best case'),
		]),
	);
}

function printTargets(m: Measurements, f: Figures): void {
	const identical = sameSet(m.oursOnSample, m.reference.matches);
	const check = (ok: boolean) => (ok ? 'yes' : 'NO');
	console.log('\ntargets (issue 4), printed only:');
	console.log(
		table([
			{ target: 'ours ÷ floor', measured: `${(f.ours / f.floor).toFixed(2)}×`, goal: `≤ ${MAX_FLOOR_RATIO}×`, met: check(f.ours / f.floor <= MAX_FLOOR_RATIO) },
			{
				target: 'baseline ÷ ours, rules phase (same rows in memory)',
				measured: `${Math.round(f.reference / f.compiled)}× (one Engine: ${Math.round(f.oneEngine / f.compiled)}×)`,
				goal: `≥ ${MIN_BASELINE_RATIO}×`,
				met: check(f.oneEngine / f.compiled >= MIN_BASELINE_RATIO),
			},
			{
				target: 'baseline ÷ ours, end to end (baseline + the stream floor)',
				measured: `${((f.reference + f.stream) / f.ours).toFixed(1)}× (one Engine: ${((f.oneEngine + f.stream) / f.ours).toFixed(1)}×)`,
				goal: `≥ ${MIN_BASELINE_RATIO}×`,
				met: check((f.oneEngine + f.stream) / f.ours >= MIN_BASELINE_RATIO),
			},
			{ target: 'peak RSS of ours (own process)', measured: `${f.rssMb} MB`, goal: `≤ ${MAX_RSS_MB} MB`, met: check(f.rssMb <= MAX_RSS_MB) },
			{
				target: `identical hits, ${m.sampleSize} leads (lead × rule)`,
				measured: `${m.oursOnSample.size} vs ${m.reference.matches.size}`,
				goal: 'identical',
				met: check(identical),
			},
		]),
	);
	const agrees = (set: MatchSet) => (sameSet(set, m.reference.matches) ? 'agree' : 'DIFFER');
	console.log(
		`identical: ${identical ? 'yes' : 'no'} (ours = the hits evaluate() stored; baseline = json-rules-engine per lead; ` +
			`one Engine: ${agrees(m.oneEngine.matches)}, compiled predicates: ${agrees(m.compiled.matches)})`,
	);
	if (!identical) printDifference(m.oursOnSample, m.reference.matches);
}

function printHitsByRule(m: Measurements, leads: number): void {
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
