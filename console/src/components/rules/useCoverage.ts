/**
 * The coverage preview while a person edits: after a pause in the edits, `rules.coverage`
 * first as the quick sample estimate, then exact. A newer edit drops the answers of older ones.
 */
import { ref, shallowRef, watch, type Ref } from 'vue';

import type { ApiError, CoverageAnswer } from '../../../../lib/console/api/contract';
import type { RuleSet } from '../../../../lib/rules/types';
import { ApiFailure, call } from '../../api/client';
import { cloneJson } from '../../model/json';

const PAUSE_MS = 600;

export function useCoverage(ruleSet: () => RuleSet | null, days: Ref<number>) {
	const answer = shallowRef<CoverageAnswer | null>(null);
	const loading = ref(false);
	const problem = ref<ApiError | null>(null);
	let ticket = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;

	async function run() {
		const current = ruleSet();
		if (!current) return;
		const mine = ++ticket;
		const body = cloneJson(current);
		loading.value = true;
		try {
			for (const mode of ['estimate', 'exact'] as const) {
				const result = await call('rules.coverage', { ruleSet: body, days: days.value, mode });
				if (mine !== ticket) return;
				answer.value = result;
				problem.value = null;
			}
		} catch (error) {
			if (mine !== ticket) return;
			problem.value = error instanceof ApiFailure ? error.error : { code: 'error', message: String((error as Error)?.message ?? error) };
		} finally {
			if (mine === ticket) loading.value = false;
		}
	}

	function schedule() {
		clearTimeout(timer);
		timer = setTimeout(() => void run(), PAUSE_MS);
	}

	watch([() => JSON.stringify(ruleSet()), days], schedule);

	return { answer, loading, problem, refresh: run };
}
