import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { CHANNEL_LABELS, type Channel } from '../../../../lib/ledger';
import { gateHits, holdSentence, levelKey, levelName, type CompiledPolicy, type GateDecision, type GateRequest } from '../../../../lib/push';
import { hitIdOf } from '../../../shared/hitIdOf';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { perItemParameter } from '../../../shared/parameters';
import { policyFromParameters } from './policyParameters';

const show = { operation: ['gate'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Hit ID Field',
		name: 'hitIdField',
		type: 'string',
		default: 'hitId',
		required: true,
		description: 'The input field holding the hit ID (Lead Store → Hit → Get Many gives hitId)',
		displayOptions: { show },
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [
			{ name: 'By Grade (Policy)', value: 'byGrade', description: "The policy's channel for the hit's grade (e.g. A → 外呼)" },
			{ name: 'SMS (短信)', value: 'sms' },
			{ name: 'Call (外呼)', value: 'call' },
		],
		default: 'byGrade',
		description: 'The channel each hit goes by; the next node (a Switch on push.channel) routes it. An expression may give sms or call per hit.',
		displayOptions: { show },
	},
];

/** Hits in → [send now, held]; every item keeps its fields and gains `push` with the decision. */
export async function execute(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const policy = policyFromParameters(this, 0);
	const requests: GateRequest[] = [];
	const itemOf: number[] = [];
	const held: INodeExecutionData[] = [];
	const hitIdField = String(this.getNodeParameter('hitIdField', 0, 'hitId'));
	const channelOf = perItemParameter(this, 'channel', 'byGrade');
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const request = requestFor(this, items[itemIndex].json, hitIdField, channelOf, itemIndex);
		if (request instanceof NodeOperationError) {
			if (!this.continueOnFail()) throw request;
			held.push({ json: { ...items[itemIndex].json, error: request.message }, pairedItem: { item: itemIndex } });
			continue;
		}
		requests.push(request);
		itemOf.push(itemIndex);
	}
	const now = Date.now();
	const decisions = await gateHits(store, policy, requests, { now, keyScope: store.schema });
	const send: INodeExecutionData[] = [];
	decisions.forEach((decision, index) => {
		const itemIndex = itemOf[index];
		const item: INodeExecutionData = {
			json: { ...items[itemIndex].json, push: pushField(policy, decision, now) },
			pairedItem: { item: itemIndex },
		};
		(decision.kind === 'send' ? send : held).push(item);
	});
	return [send, held];
}

/** The gate request of one item, or the error that names what is wrong with it. */
function requestFor(
	context: IExecuteFunctions,
	json: IDataObject,
	hitIdField: string,
	channelOf: (itemIndex: number) => string,
	itemIndex: number,
): GateRequest | NodeOperationError {
	const hitId = hitIdOf(context, json, hitIdField, itemIndex, 'Lead Store → Hit → Get Many（高潜命中）');
	if (hitId instanceof NodeOperationError) return hitId;
	const channel = String(channelOf(itemIndex));
	if (channel !== 'byGrade' && channel !== 'sms' && channel !== 'call') {
		return new NodeOperationError(context.getNode(), `渠道 "${channel}" 应为 sms 或 call`, { itemIndex });
	}
	return { hitId, channel: channel === 'byGrade' ? undefined : (channel as Channel) };
}

function pushField(policy: CompiledPolicy, decision: GateDecision, now: number): IDataObject {
	const clock = policy.clock;
	const today = clock.local(now).date;
	const common: IDataObject = {
		policyId: policy.id,
		channel: decision.channel,
		channelLabel: decision.channel ? CHANNEL_LABELS[decision.channel] : null,
		level: decision.level === null ? null : levelKey(decision.level),
		levelLabel: decision.level === null ? null : levelName(decision.level),
		decidedAt: clock.isoLocal(now),
	};
	if (decision.kind === 'send') {
		return { decision: 'send', decisionLabel: '立即发送', ...common, idempotencyKey: decision.idempotencyKey, reoffered: decision.reoffered };
	}
	const earliest = decision.earliestAt === null ? null : clock.format(decision.earliestAt, today);
	return {
		decision: 'held',
		decisionLabel: '暂缓',
		...common,
		reasonCode: decision.reasons[0]?.code ?? null,
		reason: holdSentence(decision.reasons, earliest),
		reasons: decision.reasons.map((reason) => ({ ...reason })),
		earliestAt: decision.earliestAt === null ? null : clock.isoLocal(decision.earliestAt),
		earliestLocal: earliest,
		final: decision.final,
	};
}
