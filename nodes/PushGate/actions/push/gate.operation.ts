import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { CHANNEL_LABELS, type Channel } from '../../../../lib/ledger';
import { gateHits, holdSentence, levelKey, levelName, type GateDecision, type GateRequest } from '../../../../lib/push';
import type { ErrorWording } from '../../../shared/errors';
import { hitIdOf } from '../../../shared/hitIdOf';
import { perItemParameter } from '../../../shared/parameters';
import { readItems } from '../../../shared/router';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { policyToRun, type PolicyToRun } from '../policy/policyParameters';

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
			{ name: "From the Item's Field", value: 'field', description: 'Each item names its channel: sms, call, or empty for by grade' },
		],
		default: 'byGrade',
		description: 'The channel each hit goes by',
		displayOptions: { show },
	},
	{
		displayName: 'Channel Field',
		name: 'channelField',
		type: 'string',
		default: 'channel',
		required: true,
		description: 'The input field holding sms, call, or nothing (the policy\'s channel for the grade)',
		displayOptions: { show: { ...show, channel: ['field'] } },
	},
	{
		displayName: 'Outputs',
		name: 'outputs',
		type: 'options',
		// It decides how many outputs the node has: an expression could not be read before it runs.
		noDataExpression: true,
		options: [
			{ name: 'Send Now / Held', value: 'decision', description: 'One output for the hits to send, whatever their channel' },
			{
				name: 'By Channel: SMS / Call / Held (短信 / 外呼 / 暂缓)',
				value: 'channel',
				description: 'The hits to send split by channel, straight into Send SMS and Place Call',
			},
		],
		default: 'decision',
		description: 'By channel needs no Switch after the gate: a Switch evaluates expressions for every item, which in n8n 2.x costs about as much as the gate itself',
		displayOptions: { show },
	},
];

/** With "Continue On Fail", what cannot be gated is held (the last output): never sent unchecked. */
export const errorWording: ErrorWording = { output: (context) => (splitsByChannel(context) ? 2 : 1) };

function splitsByChannel(context: IExecuteFunctions): boolean {
	return context.getNodeParameter('outputs', 0, 'decision') === 'channel';
}

/** Hits in → [send now, held], or [SMS, call, held]; every item keeps its fields and gains `push` with the decision. */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const policyRun = await policyToRun(this, 0, store);
	const policy = policyRun.policy;
	const hitIdField = String(this.getNodeParameter('hitIdField', 0, 'hitId'));
	const channelOf = channelReader(this, items);
	// An item that names no hit is held, with its error, as it came.
	const { values: requests, itemOf, failed: held } = readItems(
		this,
		(itemIndex) => requestFor(this, items[itemIndex].json, hitIdField, channelOf, itemIndex),
		{ ...errorWording, item: (_, itemIndex) => items[itemIndex].json },
	);
	const now = Date.now();
	const decisions = await gateHits(store, policy, requests, { now, keyScope: store.schema });
	// By channel: [SMS, call]; else one output for both.
	const byChannel = splitsByChannel(this);
	const send: INodeExecutionData[][] = byChannel ? [[], []] : [[]];
	decisions.forEach((decision, index) => {
		const itemIndex = itemOf[index];
		const item: INodeExecutionData = {
			json: { ...items[itemIndex].json, push: pushField(policyRun, decision, now) },
			pairedItem: { item: itemIndex },
		};
		if (decision.kind !== 'send') held.push(item);
		else send[byChannel && decision.channel === 'call' ? 1 : 0].push(item);
	});
	return [...send, held];
}

/** Each item's channel: the fixed choice, the item's field (read as data, no expression), or an expression per item. */
function channelReader(context: IExecuteFunctions, items: INodeExecutionData[]): (itemIndex: number) => string {
	if (context.getNode().parameters.channel !== 'field') {
		const channelOf = perItemParameter(context, 'channel', 'byGrade');
		return (itemIndex) => String(channelOf(itemIndex));
	}
	const field = String(context.getNodeParameter('channelField', 0, 'channel'));
	return (itemIndex) => {
		const value = items[itemIndex].json[field];
		return value === undefined || value === null || value === '' ? 'byGrade' : String(value);
	};
}

/** The gate request of one item; an item without a valid hit id or channel throws, naming what is wrong. */
function requestFor(
	context: IExecuteFunctions,
	json: IDataObject,
	hitIdField: string,
	channelOf: (itemIndex: number) => string,
	itemIndex: number,
): GateRequest {
	const hitId = hitIdOf(context, json, hitIdField, itemIndex, 'Lead Store → Hit → Get Many（高潜命中）');
	const channel = channelOf(itemIndex);
	if (channel !== 'byGrade' && channel !== 'sms' && channel !== 'call') {
		throw new NodeOperationError(context.getNode(), `渠道 "${channel}" 应为 sms 或 call`, { itemIndex });
	}
	return { hitId, channel: channel === 'byGrade' ? undefined : (channel as Channel) };
}

function pushField({ policy, policyVersion }: PolicyToRun, decision: GateDecision, now: number): IDataObject {
	const clock = policy.clock;
	const today = clock.local(now).date;
	const common: IDataObject = {
		policyId: policy.id,
		...(policyVersion === undefined ? {} : { policyVersion }),
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
