import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { maskedContacts, type MaskedContact } from '../../../../lib/hits';
import { evaluateHits, type NewHit } from '../../../../lib/monitor';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { ruleSetToRun } from './ruleSetParameters';
import { timeFrom } from './timeOptions';

/**
 * New hits only: one item per hit, with the lead's masked contact, the rule, grade, reason
 * and the values that made it a hit (and, from the saved configuration, the version that
 * found it). Runs once per execution (on the first item's settings).
 */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const { ruleSet, ruleSetVersion } = await ruleSetToRun(this, 0, store);
	const { asOf, timeZone } = timeFrom(this, 0);
	const items: INodeExecutionData[] = [];
	// Batch by batch as the hits are stored: only the items are kept, with their contacts.
	for await (const hits of evaluateHits(store, ruleSet, { asOf, timeZone })) {
		const contacts = await maskedContacts(store, hits.map((hit) => hit.leadId));
		for (const hit of hits) items.push(hitItem(hit, contacts.get(hit.leadId), ruleSetVersion));
	}
	return [items];
}

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
