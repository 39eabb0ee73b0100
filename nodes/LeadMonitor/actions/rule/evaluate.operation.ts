import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { maskedContacts, type MaskedContact } from '../../../../lib/hits';
import { addDays } from '../../../../lib/calendar';
import { activeConfig } from '../../../../lib/config';
import { scoringConfig } from '../../../../lib/scoring';
import { describeLogGaps, describeMissedDates, evaluateHits, findLogGaps, missedBusinessDates, recordDailyRun, type NewHit } from '../../../../lib/monitor';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { ruleSetToRun } from './ruleSetParameters';
import { timeFrom } from './timeOptions';

/**
 * New hits only: one item per hit, with the lead's masked contact, the rule, grade, reason
 * and the values that made it a hit (and, from the saved configuration, the version that
 * found it). Runs once per execution (on the first item's settings). When an institution's
 * call log for the window's last day is missing or clearly short, every hit carries the
 * warning and one alert item (`alert: "call_log_gap"`) follows them. The run is recorded by its
 * business date; dates before it that no run covered (a schedule that never fired) follow as
 * one more alert item (`alert: "missed_daily_run"`), so they are caught up, not skipped.
 * The saved scoring model's 对照组 per grade holds out its share of each grade's new hits.
 */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const { ruleSet, ruleSetVersion } = await ruleSetToRun(this, 0, store);
	const { asOf, timeZone } = timeFrom(this, 0);
	const items: INodeExecutionData[] = [];
	// Batch by batch as the hits are stored: only the items are kept, with their contacts.
	const { controlPercentByGrade } = (await activeConfig(store, scoringConfig)).body;
	const batches = evaluateHits(store, ruleSet, { asOf, timeZone, controlPercentByGrade });
	for (let next = await batches.next(); ; next = await batches.next()) {
		if (next.done) {
			const businessDate = next.value.windowEnd;
			const gaps = await findLogGaps(store, businessDate);
			await recordDailyRun(store, { businessDate, newHits: next.value.newHits, logGaps: gaps });
			const missedDates = await missedBusinessDates(store, addDays(businessDate, -1));
			const alerts: INodeExecutionData[] = [];
			if (gaps.length > 0) {
				const warning = describeLogGaps(gaps);
				for (const item of items) item.json.warning = warning;
				alerts.push(alertItem({ alert: 'call_log_gap', day: businessDate, gaps, message: warning }));
			}
			if (missedDates.length > 0) alerts.push(alertItem({ alert: 'missed_daily_run', day: businessDate, missedDates, message: describeMissedDates(missedDates) }));
			return [[...items, ...alerts]];
		}
		const contacts = await maskedContacts(store, next.value.map((hit) => hit.leadId));
		for (const hit of next.value) items.push(hitItem(hit, contacts.get(hit.leadId), ruleSetVersion));
	}
}

const alertItem = (json: object): INodeExecutionData => ({ json: json as IDataObject, pairedItem: { item: 0 } });

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
