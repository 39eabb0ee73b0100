import type { KeyObject } from 'node:crypto';

import type { FileRecord } from '../../files';
import { normaliseMobilePhone } from '../../identity';
import { keyedHash } from '../../privacy';
import type { MessageRole } from '../metrics/SessionMetrics';
import { FIELD_LABELS, roleOf, type MessageField } from './qualityFields';
import { LIMITS, REASONS, type QualityRowReject } from './QualityRowReject';
import type { TimeReader } from './TimeReader';

/** A message as it is stored: personal identifiers only as keyed hashes. */
export interface MessageRow {
	row: number;
	sessionId: string;
	sentAt: number;
	role: MessageRole;
	agentId: string | null;
	team: string | null;
	leadHash: string | null;
	phoneHash: string | null;
	text: string;
}

export interface RowContext {
	headers: Record<MessageField, string | undefined>;
	times: TimeReader;
	hashKey: KeyObject;
	now: number;
	/** Keyed hashes already computed in this file (a session repeats its lead on every line). */
	hashes: Map<string, string>;
}

/** A message row, or why it is rejected (the first problem, naming its field). */
export function messageRow(record: FileRecord, context: RowContext): MessageRow | QualityRowReject {
	const cell = (field: MessageField) => {
		const header = context.headers[field];
		return header === undefined ? '' : (record.values[header] ?? '').trim();
	};
	// Each cell read once (they were read again for each check: 14 reads a row instead of 8).
	const sessionId = cell('sessionId');
	const agentId = cell('agentId');
	const team = cell('team');
	const leadId = cell('leadId');
	const phoneText = cell('phone');
	const text = cell('text');
	const reject = (field: MessageField | 'row', reason: string): QualityRowReject => ({ row: record.row, field, reason: `${FIELD_LABELS[field]}: ${reason}`, sessionId: sessionId || undefined });
	if (record.shapeProblem) return reject('row', record.shapeProblem);
	const decoded = [['sessionId', sessionId], ['agentId', agentId], ['team', team], ['leadId', leadId], ['phone', phoneText], ['text', text]] as const;
	for (const [field, value] of decoded) if (value.includes('\uFFFD')) return reject(field, REASONS.undecodable);
	if (!sessionId) return reject('sessionId', REASONS.required);
	if (sessionId.length > LIMITS.idCharacters) return reject('sessionId', REASONS.tooLong(LIMITS.idCharacters));
	const roleText = cell('role');
	if (!roleText) return reject('role', REASONS.required);
	const role = roleOf(roleText);
	if (!role) return reject('role', REASONS.role);
	if (!agentId && role !== 'customer') return reject('agentId', REASONS.agentForReply);
	if (agentId.length > LIMITS.idCharacters) return reject('agentId', REASONS.tooLong(LIMITS.idCharacters));
	const sentAtText = cell('sentAt');
	if (!sentAtText) return reject('sentAt', REASONS.required);
	const sentAt = context.times.read(sentAtText);
	if (sentAt === undefined) return reject('sentAt', REASONS.time);
	if (sentAt > context.now + LIMITS.futureToleranceMs) return reject('sentAt', REASONS.future);
	if (!text) return reject('text', REASONS.required);
	if (text.length > LIMITS.textCharacters) return reject('text', REASONS.tooLong(LIMITS.textCharacters));
	if (team.length > LIMITS.idCharacters) return reject('team', REASONS.tooLong(LIMITS.idCharacters));
	if (leadId.length > LIMITS.idCharacters) return reject('leadId', REASONS.tooLong(LIMITS.idCharacters));
	let phoneHash: string | null = null;
	if (phoneText) {
		const phone = normaliseMobilePhone(phoneText);
		if (!/^\d{5,20}$/.test(phone)) return reject('phone', REASONS.phone);
		phoneHash = hashOnce(context, phone);
	}
	return {
		row: record.row,
		sessionId,
		sentAt,
		role,
		agentId: agentId || null,
		team: team || null,
		leadHash: leadId ? hashOnce(context, leadId) : null,
		phoneHash,
		text,
	};
}

/** The keyed hash of a lead's id as conversations store it (also used to find a lead's conversations). */
export function leadIdHash(hashKey: KeyObject, leadId: string): string {
	return keyedHash(hashKey, leadId.trim());
}

function hashOnce(context: RowContext, value: string): string {
	let hash = context.hashes.get(value);
	if (hash === undefined) {
		if (context.hashes.size > 100_000) context.hashes.clear();
		hash = keyedHash(context.hashKey, value);
		context.hashes.set(value, hash);
	}
	return hash;
}
