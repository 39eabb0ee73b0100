import { idCheckChar } from '../../lib/identity';
import { bufferSource, ingestCallLog, type CallLogSource, type IngestOptions, type IngestSummary } from '../../lib/ingest';
import type { Store } from '../../lib/store';
import { openTestStore, testKeys, testStoreConfig, uniqueSchema, type TestStoreKind } from '../setup/testStores';

/** A valid 18-digit ID number (Hangzhou, born 1960–1999), different for each n. */
export function validId(n: number): string {
	const year = 1960 + (n % 40);
	const month = 1 + (n % 12);
	const day = 1 + (n % 28);
	const first17 = `330106${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
	return first17 + idCheckChar(first17);
}

/** The same number with a wrong check character. */
export function badCheckDigit(id: string): string {
	const wrong = id[17] === '0' ? '1' : '0';
	return id.slice(0, 17) + wrong;
}

export const HEADER = '身份证号,机构,事件类型,调用时间,结果码,产品,请求ID';

/** Yesterday in Shanghai as YYYY-MM-DD (call logs are T+1). */
export function yesterday(now = new Date()): string {
	const shanghai = new Date(now.getTime() + 8 * 3_600_000 - 86_400_000);
	return shanghai.toISOString().slice(0, 10);
}

export interface Row {
	id: string;
	institution?: string;
	type?: string;
	time?: string;
	result?: string;
	product?: string;
	request?: string;
}

export function csvLine(row: Row, index = 0): string {
	return [
		row.id,
		row.institution ?? '杭州分行',
		row.type ?? 'FACE_VERIFY',
		row.time ?? `${yesterday()} 10:${String(index % 60).padStart(2, '0')}:00`,
		row.result ?? '0000',
		row.product ?? '信用卡',
		row.request ?? `REQ${index}`,
	].join(',');
}

export function csvOf(rows: Row[], eol = '\n'): string {
	return HEADER + eol + csvRows(rows, eol);
}

/** The rows' lines without the header (to append to a file). */
export function csvRows(rows: Row[], eol = '\n'): string {
	return rows.map((row, i) => csvLine(row, i) + eol).join('');
}

export function source(content: string | Uint8Array, name = 'calls.csv'): CallLogSource {
	return bufferSource(name, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
}

/** A store of one kind with its own schema, and an ingest function bound to it. */
export interface IngestFixture {
	store: Store;
	ingest(source: CallLogSource, options?: IngestOptions): Promise<IngestSummary>;
	events(where?: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
	close(): Promise<void>;
}

export async function ingestFixture(kind: TestStoreKind): Promise<IngestFixture> {
	const schema = uniqueSchema('ing');
	const store = await openTestStore(kind, schema);
	const config = testStoreConfig(kind, schema);
	return {
		store,
		ingest: (src, options) =>
			ingestCallLog({ store, keys: testKeys, postgres: config.mode === 'postgres' ? config : undefined }, src, options),
		events: async (where = 'true', params = []) =>
			(
				await store.query<Record<string, unknown>>(
					`SELECT to_char(event_date, 'YYYY-MM-DD') AS event_date, hour_of_day, id_hash_text(id_hash) AS id_hash, institution, event_type, request_id,
						result_code, product, batch_id, occurred_at FROM call_events WHERE ${where} ORDER BY occurred_at, request_id`,
					params,
				)
			).rows,
		close: () => store.close(),
	};
}

/** rowsRead = accepted + rejected + duplicates, the invariant every summary keeps. */
export function expectBalanced(summary: IngestSummary): void {
	expect(summary.rowsRead).toBe(summary.accepted + summary.rejected + summary.duplicates);
	expect(summary.duplicates).toBe(summary.duplicatesInFile + summary.duplicatesAlreadyStored);
	const byReason = Object.values(summary.rejectedByReason).reduce((sum, n) => sum + (n ?? 0), 0);
	expect(byReason).toBe(summary.rejected);
}
