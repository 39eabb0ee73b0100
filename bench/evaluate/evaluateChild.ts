/**
 * Ours, in a process of its own so its peak RSS is evaluate's alone (not the generator's):
 * `evaluateChild.js <database> <asOf ISO> [mode]`; sends one OursRun to the parent.
 * mode: `evaluate` (the default: lib's evaluate()), `evaluateHits` (lib's streaming form,
 * hits dropped as they come).
 */
import { evaluate, evaluateHits, type EvaluateOptions, type EvaluateSummary, type NewHit } from '../../lib/monitor';
import { allPresetsRuleSet, type RuleSet } from '../../lib/rules';
import type { Store } from '../../lib/store';
import { OURS_APPLICATION, benchClient, benchStore } from './benchConnection';
import { backendCpu, cpuBetween } from './cpuTime';
import { elapsed } from './floor';
import { ensureRulesData } from './rulesData';

export interface OursRun {
	seconds: number;
	leadsEvaluated: number;
	matches: number;
	newHits: number;
	ruleErrors: number;
	hitsByRule: Record<string, number>;
	peakRssMb: number;
	rssBeforeMb: number;
	/** CPU seconds of this process during evaluate, and of its store's PostgreSQL backends. */
	nodeCpuSeconds: number;
	pgCpuSeconds: number;
}

async function main(): Promise<void> {
	const [database, asOf, mode = 'evaluate'] = process.argv.slice(2);
	ensureRulesData();
	const ruleSet = allPresetsRuleSet();
	process.env.PGAPPNAME = OURS_APPLICATION;
	const store = benchStore(database);
	const client = await benchClient(database);
	try {
		const rssBeforeMb = Math.round(process.resourceUsage().maxRSS / 1024);
		const cpu = process.cpuUsage();
		const started = process.hrtime.bigint();
		const { hits, summary } = await evaluateIn(mode, store, ruleSet, { asOf: new Date(asOf) });
		const seconds = elapsed(started);
		const nodeCpu = process.cpuUsage(cpu);
		const pgCpuSeconds = cpuBetween(new Map(), await backendCpu(client, OURS_APPLICATION));
		const hitsByRule: Record<string, number> = {};
		for (const hit of hits) hitsByRule[hit.ruleId] = (hitsByRule[hit.ruleId] ?? 0) + 1;
		const run: OursRun = {
			seconds,
			leadsEvaluated: summary.leadsEvaluated,
			matches: summary.matches,
			newHits: summary.newHits,
			ruleErrors: summary.ruleErrors.reduce((sum, e) => sum + e.count, 0),
			hitsByRule,
			peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
			rssBeforeMb,
			nodeCpuSeconds: (nodeCpu.user + nodeCpu.system) / 1e6,
			pgCpuSeconds,
		};
		process.send!(run);
	} finally {
		await client.end();
		await store.close();
	}
}

async function evaluateIn(mode: string, store: Store, ruleSet: RuleSet, options: EvaluateOptions): Promise<{ hits: NewHit[]; summary: EvaluateSummary }> {
	if (mode === 'evaluate') return evaluate(store, ruleSet, options);
	if (mode !== 'evaluateHits') throw new Error(`Unknown mode ${mode}`);
	// Hits counted by rule and dropped: the memory of the streaming form alone.
	const kept: NewHit[] = [];
	const iterator = evaluateHits(store, ruleSet, options);
	for (;;) {
		const next = await iterator.next();
		if (next.done) return { hits: kept, summary: next.value };
		for (const hit of next.value) kept.push({ ruleId: hit.ruleId } as NewHit);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
