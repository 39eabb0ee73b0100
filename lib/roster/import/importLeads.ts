import {
	cleanseLead,
	findBatchDuplicates,
	sameCompany,
	type CleanseOptions,
	type DuplicateKey,
	type NormalisedLead,
	type RawLead,
} from '../../cleanse';
import { blacklistedHashes, blacklistHash, leadBlacklistHashes } from '../../blacklist';
import { encryptText, keyedHash, maskIdNumber, maskName, maskPhone, type PrivacyKeys } from '../../privacy';
import type { Queryable, Store } from '../../store';
import type { LeadFlag } from '../leadFlagLabels';
import { phoneFlags, withPhoneFlags } from '../leadFlags';
import { allocateLeadIds } from '../leadIds';
import { saveImport } from './importRecords';
import { rejectedRowCount, type DuplicateAction, type ImportDuplicate, type ImportRejection, type ImportReport } from './ImportReport';

export interface ImportRow {
	row: number;
	lead: RawLead;
	/** A problem with the row's shape (wrong cell count, not an object) that rejects it outright. */
	problem?: string;
}

export interface LeadImportOptions {
	cleanse?: Omit<CleanseOptions, 'isBlacklisted'>;
	/** Leads created within this many days count as duplicates (the seed: 3 or 6 months). 0 = no store check. */
	duplicateWindowDays?: number;
	duplicateKeys?: readonly DuplicateKey[];
	companyThreshold?: number;
	duplicateAction?: DuplicateAction;
	now?: Date;
	/** Keep the import's counts and rejected rows (masked) for download; the report gets its importId. */
	keep?: { importedBy: string; fileName: string };
	/** Runs inside the import's transaction once the report is known (the console records its audit entry there). */
	afterImport?: (tx: Queryable, report: ImportReport) => Promise<void>;
}

const CHUNK = 5_000;
const DUPLICATE_TAG = '重复线索';

export interface ScreenedLead {
	row: number;
	lead: NormalisedLead;
	phoneHash: string | null;
	idHash: string | null;
	flags: LeadFlag[];
}

/** Leads that passed screening, and what happened to the rest. */
export interface ScreenResult {
	rowsRead: number;
	/** New leads, ready to create (lead ids not yet allocated for those without one). */
	creates: ScreenedLead[];
	/** Rows whose lead id is already in the store: they update that lead. */
	updates: ScreenedLead[];
	rejected: ImportRejection[];
	duplicates: Array<ImportDuplicate & { lead: ScreenedLead }>;
}

/**
 * Screens leads without writing anything: cleanses each row (blacklist included), finds
 * duplicates inside the batch and against leads created within the window. The Lead
 * Cleanse node shows this; the import writes it.
 */
export async function screenLeads(
	db: Queryable,
	keys: PrivacyKeys,
	rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
	options: LeadImportOptions = {},
): Promise<ScreenResult> {
	const result: ScreenResult = { rowsRead: 0, creates: [], updates: [], rejected: [], duplicates: [] };
	const reject = (rejection: ImportRejection) => result.rejected.push(rejection);

	const clean: ScreenedLead[] = [];
	let chunk: ImportRow[] = [];
	const cleanseChunk = async () => {
		clean.push(...(await cleanseRows(db, keys, chunk, options, reject)));
		chunk = [];
	};
	for await (const row of rows) {
		result.rowsRead++;
		if (row.problem) {
			reject({ row: row.row, field: '*', code: 'row.shape', reason: row.problem });
			continue;
		}
		chunk.push(row);
		if (chunk.length >= CHUNK) await cleanseChunk();
	}
	await cleanseChunk();

	const existingIds = await existingLeadIds(db, clean);
	result.updates = clean.filter((c) => c.lead.leadId && existingIds.has(c.lead.leadId));
	const candidates = clean.filter((c) => !(c.lead.leadId && existingIds.has(c.lead.leadId)));

	const inBatch = new Map<number, { by: DuplicateKey; of: number }>();
	for (const finding of findBatchDuplicates(
		candidates.map((c) => ({ phone: c.phoneHash, wechat: c.lead.wechatId, idHash: c.idHash, company: c.lead.company, name: c.lead.name })),
		{ keys: options.duplicateKeys, companyThreshold: options.companyThreshold },
	)) {
		inBatch.set(finding.index, { by: finding.matches[0].key, of: finding.original });
	}
	const inStore = await storeDuplicates(db, candidates, options);
	const action = options.duplicateAction ?? 'link';
	candidates.forEach((candidate, i) => {
		const storeMatch = inStore.get(i);
		const batchMatch = inBatch.get(i);
		if (storeMatch) {
			result.duplicates.push({ row: candidate.row, by: storeMatch.by, existingLeadId: storeMatch.leadId, owner: storeMatch.owner, action, lead: candidate });
		} else if (batchMatch) {
			// The first row of the group is either created or itself a duplicate of a stored lead.
			const original = candidates[batchMatch.of];
			const originalInStore = inStore.get(batchMatch.of);
			result.duplicates.push({
				row: candidate.row,
				by: batchMatch.by,
				existingLeadId: originalInStore?.leadId ?? original.lead.leadId ?? '',
				duplicateOfRow: original.row,
				owner: originalInStore ? originalInStore.owner : original.lead.owner,
				action,
				lead: candidate,
			});
		} else {
			result.creates.push(candidate);
		}
	});
	return result;
}

/**
 * Imports leads in one transaction: screens them (see screenLeads), creates the new ones
 * in bulk, updates those whose lead id already exists and routes duplicates. Serialised
 * by an advisory lock, so two imports at once cannot both create the same person.
 */
export async function importLeads(
	store: Store,
	keys: PrivacyKeys,
	rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
	options: LeadImportOptions = {},
): Promise<ImportReport> {
	const started = Date.now();
	const report = await store.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['lead_monitor:lead-import']);
		const screened = await screenLeads(tx, keys, rows, options);

		const newIds = await allocateLeadIds(tx, screened.creates.filter((c) => !c.lead.leadId).length);
		let next = 0;
		for (const create of screened.creates) create.lead.leadId ??= newIds[next++];
		const created = await tx.bulkLoad({ table: 'leads', columns: LEAD_COLUMNS }, screened.creates.map((c) => leadRow(keys, c)));

		const duplicates: ImportDuplicate[] = [];
		const createdByRow = new Map(screened.creates.map((c) => [c.row, c.lead.leadId]));
		for (const { lead, ...duplicate } of screened.duplicates) {
			// A batch duplicate of a row created just now learns that row's new lead id.
			if (!duplicate.existingLeadId && duplicate.duplicateOfRow !== undefined) {
				duplicate.existingLeadId = createdByRow.get(duplicate.duplicateOfRow) ?? '';
			}
			await applyDuplicateAction(tx, keys, duplicate.action, duplicate.existingLeadId, lead);
			duplicates.push(duplicate);
		}
		for (const row of screened.updates) await updateFromImport(tx, keys, row.lead.leadId as string, row, 'all');
		const written = [...screened.creates, ...screened.updates];
		const report: ImportReport = {
			rowsRead: screened.rowsRead,
			created,
			updated: screened.updates.length,
			rejectedCount: rejectedRowCount(screened.rejected),
			duplicateCount: duplicates.length,
			withoutIdNumber: screened.creates.filter((c) => !c.idHash).length + (await updatedWithoutIdNumber(tx, screened.updates)),
			flagged: written.filter((w) => w.flags.length > 0).length,
			rejected: screened.rejected,
			duplicates,
			durationMs: Date.now() - started,
		};
		if (options.keep) report.importId = await saveImport(tx, { ...options.keep, report, now: options.now });
		await options.afterImport?.(tx, report);
		return report;
	});
	report.durationMs = Date.now() - started;
	return report;
}

async function cleanseRows(
	db: Queryable,
	keys: PrivacyKeys,
	rows: ImportRow[],
	options: LeadImportOptions,
	reject: (rejection: ImportRejection) => void,
): Promise<ScreenedLead[]> {
	const blacklisted = await blacklistedInChunk(db, keys, rows);
	const result: ScreenedLead[] = [];
	for (const { row, lead } of rows) {
		const cleansed = cleanseLead(lead, {
			...options.cleanse,
			isBlacklisted: (kind, value) => blacklisted.has(blacklistHash(keys, kind, value)),
		});
		if (!cleansed.ok) {
			for (const reason of cleansed.rejected) reject({ row, field: reason.field, code: reason.code, reason: reason.message, value: reason.value });
			continue;
		}
		const { clean } = cleansed;
		result.push({
			row,
			lead: clean,
			phoneHash: clean.phone ? keyedHash(keys.hashKey, clean.phone) : null,
			idHash: clean.idNumber ? keyedHash(keys.hashKey, clean.idNumber) : null,
			flags: phoneFlags(clean.phone),
		});
	}
	return result;
}

/** One query per chunk for every blacklist kind the rows could match. */
async function blacklistedInChunk(db: Queryable, keys: PrivacyKeys, rows: ImportRow[]): Promise<Set<string>> {
	return blacklistedHashes(db, rows.flatMap(({ lead }) => leadBlacklistHashes(keys, lead)));
}

/** Updated leads that still have no ID number: the row gave none and the lead had none. */
async function updatedWithoutIdNumber(db: Queryable, updates: ScreenedLead[]): Promise<number> {
	const ids = updates.filter((u) => !u.idHash).map((u) => u.lead.leadId as string);
	if (ids.length === 0) return 0;
	const result = await db.query<{ n: string }>('SELECT count(*) AS n FROM leads WHERE lead_id = ANY($1::text[]) AND id_hash IS NULL', [ids]);
	return Number(result.rows[0]?.n ?? 0);
}

async function existingLeadIds(db: Queryable, rows: ScreenedLead[]): Promise<Set<string>> {
	const ids = rows.map((r) => r.lead.leadId).filter((id): id is string => Boolean(id));
	if (ids.length === 0) return new Set();
	const result = await db.query<{ lead_id: string }>('SELECT lead_id FROM leads WHERE lead_id = ANY($1::text[])', [ids]);
	return new Set(result.rows.map((r) => r.lead_id));
}

interface StoreMatch {
	leadId: string;
	owner: string | null;
	by: DuplicateKey;
}

/** Matches against leads created within the window: phone, WeChat, ID hash, and company + name. */
async function storeDuplicates(db: Queryable, rows: ScreenedLead[], options: LeadImportOptions): Promise<Map<number, StoreMatch>> {
	const matches = new Map<number, StoreMatch>();
	const windowDays = options.duplicateWindowDays ?? 90;
	if (windowDays <= 0 || rows.length === 0) return matches;
	const keys = new Set(options.duplicateKeys ?? ['phone', 'wechat', 'idHash', 'company+phone', 'company+name']);
	const since = new Date((options.now ?? new Date()).getTime() - windowDays * 86_400_000);
	const values = (pick: (r: ScreenedLead) => string | null) => [...new Set(rows.map(pick).filter((v): v is string => Boolean(v)))];
	const result = await db.query<{
		lead_id: string;
		owner: string | null;
		phone_hash: string | null;
		id_hash: string | null;
		wechat_id: string | null;
		name: string | null;
		company: string | null;
	}>(
		`SELECT lead_id, owner, phone_hash, id_hash, wechat_id, name, company FROM leads
		 WHERE created_at >= $1 AND (phone_hash = ANY($2::text[]) OR id_hash = ANY($3::text[])
			OR wechat_id = ANY($4::text[]) OR (company IS NOT NULL AND name = ANY($5::text[])))`,
		[
			since,
			values((r) => r.phoneHash),
			values((r) => r.idHash),
			values((r) => r.lead.wechatId),
			values((r) => (r.lead.company ? r.lead.name : null)),
		],
	);
	const byPhone = new Map(result.rows.filter((r) => r.phone_hash).map((r) => [r.phone_hash as string, r]));
	const byId = new Map(result.rows.filter((r) => r.id_hash).map((r) => [r.id_hash as string, r]));
	const byWechat = new Map(result.rows.filter((r) => r.wechat_id).map((r) => [r.wechat_id as string, r]));
	const threshold = options.companyThreshold;
	rows.forEach((row, index) => {
		const found = (by: DuplicateKey, lead: { lead_id: string; owner: string | null } | undefined) => {
			if (lead && !matches.has(index)) matches.set(index, { leadId: lead.lead_id, owner: lead.owner, by });
		};
		if (keys.has('phone') && row.phoneHash) found('phone', byPhone.get(row.phoneHash));
		if (keys.has('wechat') && row.lead.wechatId) found('wechat', byWechat.get(row.lead.wechatId));
		if (keys.has('idHash') && row.idHash) found('idHash', byId.get(row.idHash));
		if (keys.has('company+name') && row.lead.company && row.lead.name) {
			found(
				'company+name',
				result.rows.find((r) => r.name === row.lead.name && r.company && sameCompany(r.company, row.lead.company as string, threshold)),
			);
		}
	});
	return matches;
}

const LEAD_COLUMNS = [
	'lead_id',
	'name',
	'name_masked',
	'phone_enc',
	'phone_hash',
	'phone_masked',
	'id_hash',
	'id_masked',
	'email',
	'wechat_id',
	'company',
	'industry',
	'source_channel',
	'owner',
	'tags',
	'attributes',
	'flags',
];

/** name, name_masked, phone_enc, phone_hash, phone_masked, id_hash, id_masked: what the store keeps of them. */
function protectedColumns(keys: PrivacyKeys, { lead, phoneHash, idHash }: ScreenedLead): unknown[] {
	return [
		lead.name,
		lead.name ? maskName(lead.name) : null,
		lead.phone ? encryptText(keys.encryptionKey, lead.phone) : null,
		phoneHash,
		lead.phone ? maskPhone(lead.phone) : null,
		idHash,
		lead.idNumber ? maskIdNumber(lead.idNumber) : null,
	];
}

function leadRow(keys: PrivacyKeys, screened: ScreenedLead): unknown[] {
	const { lead } = screened;
	return [
		lead.leadId,
		...protectedColumns(keys, screened),
		lead.email,
		lead.wechatId,
		lead.company,
		lead.industry,
		lead.sourceChannel,
		lead.owner,
		lead.tags,
		lead.attributes,
		screened.flags,
	];
}

async function applyDuplicateAction(
	db: Queryable,
	keys: PrivacyKeys,
	action: DuplicateAction,
	existingLeadId: string,
	duplicate: ScreenedLead,
): Promise<void> {
	if (action === 'tagExisting') {
		await db.query(
			`UPDATE leads SET tags = CASE WHEN $2 = ANY(tags) THEN tags ELSE array_append(tags, $2) END, updated_at = now()
			 WHERE lead_id = $1`,
			[existingLeadId, DUPLICATE_TAG],
		);
	} else if (action === 'updateExisting') {
		await updateFromImport(db, keys, existingLeadId, duplicate, 'keyFields');
	}
	// 'link' and 'assignToOwner' change nothing stored: the report carries the link and the owner.
}

/**
 * Writes an imported row onto an existing lead. "all" (same lead id) replaces every given
 * field; "keyFields" (a duplicate) fills contact fields and merges attributes and tags.
 */
async function updateFromImport(
	db: Queryable,
	keys: PrivacyKeys,
	leadId: string,
	screened: ScreenedLead,
	scope: 'all' | 'keyFields',
): Promise<void> {
	const { lead } = screened;
	await db.query(
		`UPDATE leads SET
			name = COALESCE($2, name), name_masked = COALESCE($3, name_masked),
			phone_enc = COALESCE($4, phone_enc), phone_hash = COALESCE($5, phone_hash), phone_masked = COALESCE($6, phone_masked),
			flags = CASE WHEN $4 IS NULL THEN flags ELSE ${withPhoneFlags('$18')} END,
			id_hash = COALESCE($7, id_hash), id_masked = COALESCE($8, id_masked),
			email = COALESCE($9, email), wechat_id = COALESCE($10, wechat_id), company = COALESCE($11, company),
			industry = COALESCE($12, industry),
			source_channel = CASE WHEN $16 THEN COALESCE($13, source_channel) ELSE source_channel END,
			owner = CASE WHEN $16 THEN COALESCE($14, owner) ELSE owner END,
			tags = ARRAY(SELECT DISTINCT unnest(tags || $15::text[])),
			attributes = attributes || $17::jsonb,
			updated_at = now()
		 WHERE lead_id = $1`,
		[
			leadId,
			...protectedColumns(keys, screened),
			lead.email,
			lead.wechatId,
			lead.company,
			lead.industry,
			lead.sourceChannel,
			lead.owner,
			lead.tags,
			scope === 'all',
			JSON.stringify(lead.attributes ?? {}),
			screened.flags,
		],
	);
}
