import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { maskedContacts, type MaskedContact } from '../../../../lib/hits';
import { addDays } from '../../../../lib/calendar';
import { activeConfig } from '../../../../lib/config';
import { scoringConfig } from '../../../../lib/scoring';
import { describeLogGaps, describeMissedDates, evaluateHits, findLogGaps, missedBusinessDates, recordDailyRun, RunTally, type NewHit } from '../../../../lib/monitor';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { ruleSetToRun } from './ruleSetParameters';
import { timeFrom } from './timeOptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'One Item per Hit (每条命中一项)',
				value: 'hits',
				description: 'Each new hit as an item, with the lead\'s masked contact, reason and values; for a few hits handled in the workflow',
			},
			{
				name: 'Summary (运行汇总，一项)',
				value: 'summary',
				description: 'One item for the run: new hits per rule, grade and institution, the range of their ids, log gaps and missed dates. The hits stay in the store (board, push workflows). For the daily run: n8n keeps every item in its execution data.',
			},
		],
		default: 'hits',
		displayOptions: { show: { operation: ['evaluate'] } },
	},
];

/**
 * Output *One Item per Hit*: new hits only, one item per hit, with the lead's masked contact,
 * the rule, grade, reason and the values that made it a hit (and, from the saved
 * configuration, the version that found it); when an institution's call log for the window's
 * last day is missing or clearly short, every hit carries the warning. Output *Summary*: one
 * item for the run instead (lib/monitor's DailyRunSummary), the warning on it. Either way alert
 * items follow: `alert: "call_log_gap"` for those logs, and `alert: "missed_daily_run"` for
 * dates before the business date that no run covered (a schedule that never fired), so they
 * are caught up, not skipped. Runs once per execution (on the first item's settings); the run
 * is recorded by its business date. The saved scoring model's 对照组 per grade holds out its
 * share of each grade's new hits.
 */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const { ruleSet, ruleSetVersion } = await ruleSetToRun(this, 0, store);
	const { asOf, timeZone } = timeFrom(this, 0);
	const summaryOnly = this.getNodeParameter('output', 0, 'hits') === 'summary';
	const items: INodeExecutionData[] = [];
	const tally = new RunTally();
	// Batch by batch as the hits are stored: only the items (or the counts) are kept.
	const { controlPercentByGrade } = (await activeConfig(store, scoringConfig)).body;
	const batches = evaluateHits(store, ruleSet, { asOf, timeZone, controlPercentByGrade });
	for (let next = await batches.next(); ; next = await batches.next()) {
		if (next.done) {
			const businessDate = next.value.windowEnd;
			const gaps = await findLogGaps(store, businessDate);
			await recordDailyRun(store, { businessDate, newHits: next.value.newHits, logGaps: gaps });
			const missedDates = await missedBusinessDates(store, addDays(businessDate, -1));
			const warning = gaps.length > 0 ? describeLogGaps(gaps) : undefined;
			const alerts: INodeExecutionData[] = [];
			if (warning) alerts.push(runItem({ alert: 'call_log_gap', day: businessDate, gaps, message: warning }));
			if (missedDates.length > 0) alerts.push(runItem({ alert: 'missed_daily_run', day: businessDate, missedDates, message: describeMissedDates(missedDates) }));
			if (summaryOnly) {
				const summary = tally.summary(next.value, { logGaps: gaps, warning, missedDates });
				return [[runItem({ ...summary, ...(ruleSetVersion === undefined ? {} : { ruleSetVersion }) }), ...alerts]];
			}
			if (warning) for (const item of items) item.json.warning = warning;
			return [[...items, ...alerts]];
		}
		if (summaryOnly) {
			tally.add(next.value);
			continue;
		}
		const contacts = await maskedContacts(store, next.value.map((hit) => hit.leadId));
		for (const hit of next.value) items.push(hitItem(hit, contacts.get(hit.leadId), ruleSetVersion));
	}
}

const runItem = (json: object): INodeExecutionData => ({ json: json as IDataObject, pairedItem: { item: 0 } });

function hitItem(hit: NewHit, contact: MaskedContact | undefined, ruleSetVersion: number | undefined): INodeExecutionData {
	return {
		json: {
			hitId: hit.hitId,
			leadId: hit.leadId,
			name: contact?.name ?? null,
			phone: contact?.phone ?? null,
			ruleId: hit.ruleId,
			ruleVersion: hit.ruleVersion,
			label: hit.label,
			grade: hit.grade,
			reason: hit.reason,
			hitDate: hit.hitDate,
			window: hit.facts.window,
			values: hit.facts.values,
			why: hit.facts.conditions,
			source: hit.source,
			status: 'pending',
			...(ruleSetVersion === undefined ? {} : { ruleSetVersion }),
		} as IDataObject,
		pairedItem: { item: 0 },
	};
}
