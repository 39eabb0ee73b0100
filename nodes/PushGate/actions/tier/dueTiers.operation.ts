import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { activeConfig } from '../../../../lib/config';
import {
	claimTierRuns,
	describeTier,
	dueTiers,
	frequenciesConfig,
	lastTierRuns,
	tierHits,
	type DueTier,
	type PushFrequencies,
} from '../../../../lib/push';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { operation: ['dueTiers'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Which push tiers are due now, by the saved push frequencies (推送频率, set in the console’s 推送频率管理; the cold start: A hourly, B daily 09:15, C Mondays 10:00, D on the 1st at 10:00). Each tier is claimed for its period, so it runs once per period however often the trigger fires. One item per tier, with its selection for Lead Store → Hit → Get Many and its frequency in words; nothing when no tier is due.',
		name: 'dueTiersNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Now',
		name: 'now',
		type: 'dateTime',
		default: '',
		description:
			'The moment to check, for tests (default: the current time). A tier claimed for a later period does not run again until then: leave it empty in production.',
		displayOptions: { show },
	},
];

/** The tiers due now that this execution won (claimed for their period): one item each. Runs once per execution. */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const now = nowFrom(this);
	const active = await activeConfig(store, frequenciesConfig);
	const frequencies = frequenciesConfig.validate(active.body);
	const due = dueTiers(frequencies, now, await lastTierRuns(store));
	const won = await claimTierRuns(store, due, { frequenciesVersion: active.version });
	return [won.map((tier) => ({ json: tierItem(frequencies, tier, active.version), pairedItem: { item: 0 } }))];
}

function nowFrom(context: IExecuteFunctions): Date {
	const given = context.getNodeParameter('now', 0, '') as string;
	if (!given) return new Date();
	const now = new Date(String(given));
	if (Number.isNaN(now.getTime())) throw new NodeOperationError(context.getNode(), `Now "${String(given)}" is not a date and time`);
	return now;
}

function tierItem(frequencies: PushFrequencies, due: DueTier, frequenciesVersion: number): IDataObject {
	const tier = frequencies.tiers.find((t) => t.id === due.tier)!;
	return {
		tier: due.tier,
		label: describeTier(tier).zh,
		periodKey: due.periodKey,
		periodStart: due.periodStart,
		dueFrom: due.dueFrom,
		missedPeriods: due.missedPeriods,
		...tierHits(frequencies, due.tier),
		frequenciesVersion,
	};
}
