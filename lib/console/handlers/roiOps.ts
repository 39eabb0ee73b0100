import { conversionRowsOfFile, importConversions, roiReport, ROI_DIMENSIONS, type ConversionImportReport } from '../../roi';
import { ConsoleError } from '../ConsoleError';
import type { ConsoleRequest, UploadedFile } from '../ConsoleRequest';
import { signedIn, type Operation } from '../operation';
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

/** Conversions and uplift (转化分析): the report for every role; imports by marketing, audited. */
export const roiOps: Record<'roi.report' | 'roi.import', Operation> = {
	'roi.report': signedIn(async ({ ctx, input }) =>
		roiReport(ctx.store, {
			dimension: readChoice(input, 'dimension', ROI_DIMENSIONS, 'rule'),
			dateFrom: readText(input, 'dateFrom', { max: 10 }),
			dateTo: readText(input, 'dateTo', { max: 10 }),
			costs: { smsCents: readCostCents(input, 'smsCost'), callCents: readCostCents(input, 'callCost') },
		}),
	),

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
};
