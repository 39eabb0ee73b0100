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
		],
		default: 'byGrade',
		description: 'The channel each hit goes by; the next node (a Switch on push.channel) routes it. An expression may give sms or call per hit.',
		displayOptions: { show },
	},
];

/** With "Continue On Fail", what cannot be gated is held: never sent unchecked. */
export const errorWording: ErrorWording = { output: 1 };

/** Hits in → [send now, held]; every item keeps its fields and gains `push` with the decision. */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const policyRun = await policyToRun(this, 0, store);
	const policy = policyRun.policy;
	const hitIdField = String(this.getNodeParameter('hitIdField', 0, 'hitId'));
	const channelOf = perItemParameter(this, 'channel', 'byGrade');
	// An item that names no hit is held, with its error, as it came.
	const { values: requests, itemOf, failed: held } = readItems(
		this,
		(itemIndex) => requestFor(this, items[itemIndex].json, hitIdField, channelOf, itemIndex),
		{ ...errorWording, item: (_, itemIndex) => items[itemIndex].json },
	);
	const now = Date.now();
	const decisions = await gateHits(store, policy, requests, { now, keyScope: store.schema });
	const send: INodeExecutionData[] = [];
	decisions.forEach((decision, index) => {
		const itemIndex = itemOf[index];
		const item: INodeExecutionData = {
			json: { ...items[itemIndex].json, push: pushField(policyRun, decision, now) },
			pairedItem: { item: itemIndex },
		};
		(decision.kind === 'send' ? send : held).push(item);
	});
	return [send, held];
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
	const channel = String(channelOf(itemIndex));
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
