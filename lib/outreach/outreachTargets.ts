import { normaliseMobilePhone } from '../identity';
import { decryptText, keyedHash, maskPhone, type PrivacyKeys } from '../privacy';
import { pushKey } from '../ledger';
import type { Store } from '../store';
import type { OutreachOptions, OutreachRequest } from './OutreachRequest';
import type { OutreachResult } from './outreachOutcome';
import { outreachResult } from './outreachResults';

/** One push to make: who it goes to (phone still encrypted for hits) and under which key. */
export interface Target {
	index: number;
	request: OutreachRequest;
	key: string;
	hitId: number | null;
	leadId: string | null;
	phoneEnc: string | null;
	phoneClear: string | null;
	phoneHash: string | null;
	phoneMasked: string | null;
	name: string | null;
}

interface HitLeadRow {
	lead_id: string;
	phone_enc: string | null;
	phone_hash: string | null;
	phone_masked: string | null;
	name: string | null;
}

/**
 * The targets of a batch, from the hits' leads (one query) or the numbers given; a request
 * that cannot be sent gets an `invalid` result, a repeat in the batch `already_sent`.
 */
export async function resolveTargets(
	store: Store,
	keys: PrivacyKeys,
	batch: Array<{ request: OutreachRequest; index: number }>,
	options: OutreachOptions,
	results: Map<number, OutreachResult>,
): Promise<Target[]> {
	const hitIds = batch.flatMap(({ request }) => (request.hitId !== undefined ? [request.hitId] : []));
	const rows = new Map<number, HitLeadRow>();
	if (hitIds.length) {
		const result = await store.query<HitLeadRow & { hit_id: string | number }>(
			`SELECT h.hit_id, h.lead_id, l.phone_enc, l.phone_hash, l.phone_masked, l.name
			 FROM hits h JOIN leads l ON l.lead_id = h.lead_id WHERE h.hit_id = ANY($1::bigint[])`,
			[[...new Set(hitIds)]],
		);
		for (const row of result.rows) rows.set(Number(row.hit_id), row);
	}
	const targets: Target[] = [];
	const seen = new Set<string>();
	for (const { request, index } of batch) {
		const invalid = (error: string, leadId: string | null = null) =>
			results.set(index, outreachResult({ index, request, key: '', hitId: request.hitId ?? null, leadId, phoneMasked: null }, options, 'invalid', { error }));
		if (!request.templateId) {
			invalid('模板 ID 为空');
			continue;
		}
		let target: Target;
		if (request.hitId !== undefined) {
			const row = rows.get(request.hitId);
			if (!row) {
				invalid(`命中 ${request.hitId} 不存在`);
				continue;
			}
			if (!row.phone_enc) {
				invalid('线索没有手机号', row.lead_id);
				continue;
			}
			target = {
				index,
				request,
				key: pushKey(options.keyScope, request.hitId, options.channel),
				hitId: request.hitId,
				leadId: row.lead_id,
				phoneEnc: row.phone_enc,
				phoneClear: null,
				phoneHash: row.phone_hash,
				phoneMasked: row.phone_masked,
				name: row.name,
			};
		} else {
			const phone = normaliseMobilePhone(request.phone ?? '');
			if (!/^1\d{10}$/.test(phone)) {
				invalid(`"${maskPhone(phone)}" 不是 11 位手机号`);
				continue;
			}
			if (!request.testKey) {
				invalid('测试推送缺少幂等键');
				continue;
			}
			target = {
				index,
				request,
				key: `${options.keyScope}:test:${request.testKey}:${options.channel}`,
				hitId: null,
				leadId: null,
				phoneEnc: null,
				phoneClear: phone,
				phoneHash: keyedHash(keys.hashKey, phone),
				phoneMasked: maskPhone(phone),
				name: null,
			};
		}
		if (seen.has(target.key)) {
			results.set(index, outreachResult(target, options, 'already_sent', { error: '同一推送在本批中重复，只发送一次' }));
			continue;
		}
		seen.add(target.key);
		targets.push(target);
	}
	return targets;
}

/** The phone in clear, for the one request it goes into. */
export function clearPhone(keys: PrivacyKeys, target: Target): string {
	return target.phoneClear ?? decryptText(keys.encryptionKey, target.phoneEnc as string);
}

export function requestBody(target: Target, options: OutreachOptions, to: string): Record<string, unknown> {
	const variables = { ...target.request.variables };
	if (options.leadNameVariable && target.name) variables[options.leadNameVariable] = target.name;
	return {
		to,
		templateId: target.request.templateId,
		variables,
		reference: { hitId: target.hitId, leadId: target.leadId },
		...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
	};
}
