import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { leadSessions, qualityStandings, sessionBreakdown } from '../../../../lib/quality';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { resource: ['conversation'], operation: ['report'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Report',
		name: 'report',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Agents (客服排名)', value: 'agents', description: 'One item per agent: 3- and 30-day scores, stars, badges' },
			{ name: 'Teams (团队排名)', value: 'teams', description: 'One item per team: 3- and 30-day scores and stars' },
			{ name: 'Session (会话明细)', value: 'session', description: 'One session’s metrics, sub-scores and messages, those that cost points marked' },
			{ name: 'Lead’s Conversations (线索会话)', value: 'lead', description: 'The sessions linked to a lead by its ID or phone' },
		],
		default: 'agents',
		displayOptions: { show },
	},
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.sessionId }}',
		displayOptions: { show: { ...show, report: ['session'] } },
	},
	{
		displayName: 'Lead ID',
		name: 'leadId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.leadId }}',
		displayOptions: { show: { ...show, report: ['lead'] } },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, { store, keys }: StoreConnection): Promise<IDataObject | IDataObject[]> {
	const report = this.getNodeParameter('report', itemIndex) as 'agents' | 'teams' | 'session' | 'lead';
	if (report === 'agents' || report === 'teams') {
		const standings = await qualityStandings(store, { group: report === 'agents' ? 'agent' : 'team' });
		return standings.rows.map((row, rank) => ({ rank: rank + 1, ...row, averageGoodRatingShare: standings.averageGoodRatingShare, modelVersion: standings.modelVersion }) as unknown as IDataObject);
	}
	if (report === 'lead') {
		const leadId = (this.getNodeParameter('leadId', itemIndex) as string).trim();
		return (await leadSessions(store, keys.hashKey, leadId)).map((s) => ({ leadId, ...s }) as unknown as IDataObject);
	}
	const sessionId = (this.getNodeParameter('sessionId', itemIndex) as string).trim();
	const breakdown = await sessionBreakdown(store, sessionId);
	if (!breakdown) throw new NodeOperationError(this.getNode(), `Session "${sessionId}" is not in the store (会话不存在)`, { itemIndex });
	return breakdown as unknown as IDataObject;
}
