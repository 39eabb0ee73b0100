import type { ConversionField } from './conversionColumns';

/** A row the import did not take, with why: row, field and reason. */
export interface ConversionRejection {
	row: number;
	field: ConversionField | '*';
	reason: string;
	/** The value as it may be shown (personal values masked). */
	value?: string;
}

/**
 * What an import did. Every row read is exactly one of matched (stored, a roster lead found),
 * unmatched (stored, no lead yet: matched later when one arrives), rejected or duplicate (the
 * same conversion earlier in the file or already stored): rowsRead = matched + unmatched +
 * rejected + duplicates.
 */
export interface ConversionImportReport {
	rowsRead: number;
	matched: number;
	unmatched: number;
	rejected: number;
	duplicates: number;
	/** Rows of the file that were duplicates, in file order (at most 1000 listed). */
	duplicateRows: number[];
	/** Every problem of every rejected row (a row may have several). */
	rejections: ConversionRejection[];
	/** Conversions stored by this import, in cents. */
	amountCents: number;
	attribution: AttributionSummary;
	durationMs: number;
}

export interface AttributionSummary {
	windowDays: number;
	/** Conversions with at least one attributed hit (of those attributed in this run). */
	attributedConversions: number;
	/** Conversion × hit pairs newly recorded or changed. */
	touchesWritten: number;
	/** Hits moved to 营销已转化 (converted) by imported conversions. */
	hitsConverted: number;
}
