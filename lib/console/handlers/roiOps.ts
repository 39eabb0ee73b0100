import { activeConfig } from '../../config';
import { policyConfig } from '../../push';
import { conversionRowsOfFile, importConversions, roiReport, roiWorkbookFile, ROI_DIMENSIONS, type ConversionImportReport, type RoiReportOptions } from '../../roi';
import type { Store } from '../../store';
import { ConsoleError } from '../ConsoleError';
import type { ConsoleRequest, UploadedFile } from '../ConsoleRequest';
import { fileReply, signedIn, type Operation } from '../operation';
import { readChoice, readInteger, readText, type Input } from '../readInput';

/** The import's answer lists this many rejections; the counts have them all. */
const MAX_REPORTED = 100;

function uploadedFile(request: ConsoleRequest): UploadedFile {
	const file = (request.files ?? []).find((f) => f.field === 'file') ?? request.files?.[0];
	if (!file || file.data.length === 0) throw new ConsoleError('invalid', '请选择要上传的文件 (no file uploaded)', 'file');
	return file;
}

/** A price in 元 as cents; nothing when left out. */
function readCostCents(input: Input, field: string): number | undefined {
	const text = readText(input, field, { max: 20 });
	if (text === undefined) return undefined;
	const yuan = Number(text);
	if (!Number.isFinite(yuan) || yuan < 0) throw new ConsoleError('invalid', `${field} 应为不小于 0 的金额（元） (cost must be ≥ 0)`, field);
	return Math.round(yuan * 10_000) / 100;
}

/**
 * The report's query: grouping, hit dates, and what a message and a call cost — the request's
 * prices when it gives them, else the active contact policy's (costs, 元).
 */
async function reportOptions(db: Store, input: Input): Promise<RoiReportOptions> {
	const smsCents = readCostCents(input, 'smsCost');
	const callCents = readCostCents(input, 'callCost');
	const costs = (await activeConfig(db, policyConfig)).body.costs ?? {};
	const configured = (yuan: number | undefined) => Math.round((yuan ?? 0) * 10_000) / 100;
	return {
		dimension: readChoice(input, 'dimension', ROI_DIMENSIONS, 'rule'),
		dateFrom: readText(input, 'dateFrom', { max: 10 }),
		dateTo: readText(input, 'dateTo', { max: 10 }),
		costs: { smsCents: smsCents ?? configured(costs.sms), callCents: callCents ?? configured(costs.call) },
	};
}

/** Conversions and uplift (转化分析): the report for every role; imports and the masked export by marketing, audited. */
export const roiOps: Record<'roi.report' | 'roi.import' | 'roi.export', Operation> = {
	'roi.report': signedIn(async ({ ctx, input }) => roiReport(ctx.store, await reportOptions(ctx.store, input))),

	'roi.import': signedIn(async ({ ctx, request, input, audit }) => {
		const file = uploadedFile(request);
		const windowDays = readInteger(input, 'windowDays', { min: 0, max: 365 });
		const report: ConversionImportReport = await importConversions(ctx.store, ctx.keys, conversionRowsOfFile(file), {
			sourceName: file.fileName,
			windowDays,
			afterImport: (tx, done) => {
				const { rejections: _rejections, duplicateRows: _duplicateRows, ...counts } = done;
				return audit(tx, 'conversions.import', file.fileName, counts);
			},
		});
		return { ...report, rejections: report.rejections.slice(0, MAX_REPORTED), duplicateRows: report.duplicateRows.slice(0, MAX_REPORTED) };
	}),

	/** The report and the attributed conversions as XLSX, the lead masked; who downloaded what is audited. */
	'roi.export': signedIn(async ({ ctx, input, audit, now }) => {
		const options = await reportOptions(ctx.store, input);
		const file = await roiWorkbookFile(ctx.store, options, now);
		await audit(ctx.store, 'roi.export', file.fileName, { dimension: options.dimension, dateFrom: options.dateFrom ?? null, dateTo: options.dateTo ?? null, costs: options.costs });
		return fileReply(file);
	}),
};
