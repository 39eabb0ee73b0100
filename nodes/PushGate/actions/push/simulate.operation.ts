import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { isIsoDate } from '../../../../lib/calendar';
import type { Channel } from '../../../../lib/ledger';
import { clockMinutes, loadSimulatedHits, simulatePushDay } from '../../../../lib/push';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { policyToRun } from '../policy/policyParameters';

const show = { operation: ['simulate'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Hits',
		name: 'simulateHits',
		type: 'options',
		options: [
			{ name: 'All Pending Hits in the Store', value: 'store' },
			{ name: 'Input Items (By Hit ID)', value: 'items' },
		],
		default: 'store',
		displayOptions: { show },
	},
	{
		displayName: 'Grade',
		name: 'grade',
		type: 'string',
		default: '',
		placeholder: 'A',
		description: 'Only pending hits of this grade; empty: all',
		displayOptions: { show: { ...show, simulateHits: ['store'] } },
	},
	{
		displayName: 'Hit ID Field',
		name: 'hitIdField',
		type: 'string',
		default: 'hitId',
		description: 'The input field holding the hit ID',
		displayOptions: { show: { ...show, simulateHits: ['items'] } },
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [
			{ name: 'By Grade (Policy)', value: 'byGrade' },
			{ name: 'SMS (短信)', value: 'sms' },
			{ name: 'Call (外呼)', value: 'call' },
		],
		default: 'byGrade',
		displayOptions: { show },
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		placeholder: '2025-12-24',
		description: "The day to plan (YYYY-MM-DD, the policy's time zone); empty: today",
		displayOptions: { show },
	},
	{
		displayName: 'From Time',
		name: 'fromTime',
		type: 'string',
		default: '',
		placeholder: '09:15',
		description: 'Plan from this time of day (HH:mm); empty: from now when the date is today, else from midnight',
		displayOptions: { show },
	},
	{
		displayName: 'Run Every (Minutes)',
		name: 'runEveryMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: "How often the push workflow runs; 0: the policy's default interval",
		displayOptions: { show },
	},
];

/** Today's push flow: one item per planned send or hold, in time order; nothing is sent or written. */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const { policy, policyVersion } = await policyToRun(this, 0, store);
	const clock = policy.clock;
	const now = Date.now();
	const today = clock.local(now).date;
	const date = String(this.getNodeParameter('date', 0, '') || today).trim();
	if (!isIsoDate(date)) throw new NodeOperationError(this.getNode(), `日期 "${date}" 应为 YYYY-MM-DD`);
	const fromTime = String(this.getNodeParameter('fromTime', 0, '')).trim();
	if (fromTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(fromTime)) throw new NodeOperationError(this.getNode(), `开始时间 "${fromTime}" 应为 HH:mm`);
	const from = fromTime ? clock.instant(date, clockMinutes(fromTime)) : date === today ? now : undefined;
	const channelParameter = this.getNodeParameter('channel', 0, 'byGrade') as string;
	const channel = channelParameter === 'byGrade' ? undefined : (channelParameter as Channel);

	const items = this.getInputData();
	const fromItems = this.getNodeParameter('simulateHits', 0, 'store') === 'items';
	const hitIdField = String(this.getNodeParameter('hitIdField', 0, 'hitId'));
	const hitIds = fromItems ? items.map((item) => Number(item.json[hitIdField])).filter((id) => Number.isSafeInteger(id) && id > 0) : undefined;
	const grade = fromItems ? undefined : String(this.getNodeParameter('grade', 0, '')).trim() || undefined;
	const { hits, history } = await loadSimulatedHits(store, policy, { hitIds, grade, channel, keyScope: store.schema, now });
	const plan = simulatePushDay(policy, hits, {
		date,
		from,
		history,
		runEveryMinutes: (this.getNodeParameter('runEveryMinutes', 0, 0) as number) || undefined,
	});
	const summary = {
		date: plan.date,
		policyId: plan.policyId,
		...(policyVersion === undefined ? {} : { policyVersion }),
		plannedSends: plan.plannedSends,
		runEveryMinutes: plan.runEveryMinutes,
	};
	if (plan.entries.length === 0) {
		return [[{ json: { ...summary, message: `${date} 没有待推送的命中` }, pairedItem: { item: 0 } }]];
	}
	return [
		plan.entries.map((entry) => ({
			json: { ...summary, ...entry, at: clock.isoLocal(entry.at) } as unknown as IDataObject,
			pairedItem: { item: 0 },
		})),
	];
}
