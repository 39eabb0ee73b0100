import type { PrivacyKeys } from '../privacy';
import type { Queryable, Store } from '../store';
import { attributeConversions, type AttributionOptions } from './attributeConversions';
import { checkConversion, type CheckedConversion } from './checkConversion';
import type { ConversionImportReport } from './ConversionImportReport';
import type { ConversionRow } from './conversionRows';
import { insertConversions, nextConversionId } from './conversionStore';

export interface ConversionImportOptions extends Omit<AttributionOptions, 'fromConversionId'> {
	/** Where the rows came from (a file name, "webhook"), kept with each conversion. */
	sourceName?: string;
	/** Runs inside the import's transaction once the report is known (the console records its audit entry there). */
	afterImport?: (tx: Queryable, report: ConversionImportReport) => Promise<void>;
}

const CHUNK = 5_000;
const LISTED_DUPLICATES = 1_000;

/**
 * Imports conversions in one transaction (serialised with other conversion imports):
 * checks and hashes each row, stores the new ones chunk by chunk, then attributes them to
 * hits (attributeConversions). Importing the same conversions again stores nothing, and so
 * attributes and converts nothing new.
 */
export async function importConversions(
	store: Store,
	keys: PrivacyKeys,
	rows: AsyncIterable<ConversionRow> | Iterable<ConversionRow>,
	options: ConversionImportOptions = {},
): Promise<ConversionImportReport> {
	const started = Date.now();
	const report = await store.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['lead_monitor:conversion-import']);
		const firstId = await nextConversionId(tx);
		const report: ConversionImportReport = {
			rowsRead: 0,
			matched: 0,
			unmatched: 0,
			rejected: 0,
			duplicates: 0,
			duplicateRows: [],
			rejections: [],
			amountCents: 0,
			attribution: { windowDays: 0, attributedConversions: 0, touchesWritten: 0, hitsConverted: 0 },
			durationMs: 0,
		};
		let chunk: Array<{ row: number; conversion: CheckedConversion }> = [];
		const storeChunk = async () => {
			const stored = await insertConversions(tx, chunk.map((c) => c.conversion), options.sourceName ?? null);
			const fresh = new Map(stored.map((s) => [s.conversionKey, s]));
			for (const { row, conversion } of chunk) {
				const taken = fresh.get(conversion.conversionKey);
				// The first row of a key the store took counts; any other row of it is a duplicate.
				fresh.delete(conversion.conversionKey);
				if (!taken) {
					report.duplicates++;
					if (report.duplicateRows.length < LISTED_DUPLICATES) report.duplicateRows.push(row);
					continue;
				}
				if (taken.matched) report.matched++;
				else report.unmatched++;
				report.amountCents += taken.amountCents;
			}
			chunk = [];
		};
		for await (const { row, conversion, problem } of rows) {
			report.rowsRead++;
			if (problem) {
				report.rejected++;
				report.rejections.push({ row, field: '*', reason: problem });
				continue;
			}
			const checked = checkConversion(keys, conversion);
			if (!checked.ok) {
				report.rejected++;
				report.rejections.push(...checked.problems.map((p) => ({ row, ...p })));
				continue;
			}
			chunk.push({ row, conversion: checked.conversion });
			if (chunk.length >= CHUNK) await storeChunk();
		}
		await storeChunk();
		report.attribution = await attributeConversions(tx, { windowDays: options.windowDays, timeZone: options.timeZone, fromConversionId: firstId });
		await options.afterImport?.(tx, report);
		return report;
	});
	report.durationMs = Date.now() - started;
	return report;
}
