import ExcelJS from 'exceljs';

import type { TableFile } from '../files';
import type { Queryable } from '../store';
import { attributedConversions, type AttributedConversion } from './attributedConversions';
import { ROI_DIMENSION_LABELS } from './roiDimensions';
import { roiReport, type RoiReport, type RoiReportOptions, type RoiRow, type RoiTrendWeek } from './roiReport';

/** An export lists at most this many attributed conversions (newest first); the 说明 sheet says when it stopped there. */
export const MAX_EXPORTED_CONVERSIONS = 100_000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PERCENT = '0.00%';
const YUAN = '#,##0.00';

/** Dimension names in Chinese; 机构 for the institution dimension wherever the report offers it. */
const DIMENSION_NAMES: Readonly<Record<string, string>> = {
	institution: '机构',
	...Object.fromEntries(Object.entries(ROI_DIMENSION_LABELS).map(([key, label]) => [key, label.zh])),
};

const VERDICTS: Readonly<Record<string, string>> = {
	significant: '显著',
	notYet: '尚不显著',
	noControl: '无对照组',
	tooFewHits: '命中不足',
	tooSmallToTell: '无法判断',
};

type Cell = string | number | null;
interface Column {
	header: string;
	width: number;
	format?: string;
}

/**
 * The ROI report as an XLSX download (导出转化分析): one sheet of the chosen dimension's rows
 * (rates, uplift and its interval, amount, cost per conversion), the weekly trend, the
 * attributed conversions with the lead masked, and a 说明 sheet of what was exported.
 */
export async function roiWorkbookFile(db: Queryable, options: RoiReportOptions, now = new Date()): Promise<TableFile> {
	const report: RoiReport = await roiReport(db, options);
	const conversions = await attributedConversions(db, {
		dateFrom: options.dateFrom,
		dateTo: options.dateTo,
		limit: MAX_EXPORTED_CONVERSIONS + 1,
	});
	const data = await writeRoiWorkbook(report, conversions, { costs: options.costs, now });
	const day = now.toISOString().slice(0, 10).replace(/-/g, '');
	return { fileName: `转化分析-${DIMENSION_NAMES[report.dimension] ?? report.dimension}-${day}.xlsx`, mimeType: XLSX_TYPE, data };
}

/** The workbook's bytes; `conversions` beyond MAX_EXPORTED_CONVERSIONS are left out and the 说明 sheet says so. */
export async function writeRoiWorkbook(
	report: RoiReport,
	conversions: readonly AttributedConversion[],
	about: { costs?: RoiReportOptions['costs']; now: Date },
): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.created = about.now;
	const dimensionName = DIMENSION_NAMES[report.dimension] ?? report.dimension;
	addSheet(workbook, `按${dimensionName}`, ROW_COLUMNS, report.rows.map(rowCells));
	addSheet(workbook, '周趋势', TREND_COLUMNS, report.trend.map(trendCells));
	const listed = conversions.slice(0, MAX_EXPORTED_CONVERSIONS);
	addSheet(workbook, '归因转化', CONVERSION_COLUMNS, listed.map(conversionCells));
	const notes: Array<[string, Cell]> = [
		['报表维度', dimensionName],
		['命中日期', `${report.dateFrom ?? '最早'} 至 ${report.dateTo ?? '最近'}`],
		['短信单价（元）', (about.costs?.smsCents ?? 0) / 100],
		['外呼单价（元）', (about.costs?.callCents ?? 0) / 100],
		['已导入转化', report.conversions.total],
		['尚未匹配线索的转化', report.conversions.unmatched],
		['转化总金额（元）', report.conversions.amountCents / 100],
		['归因转化（本表列出）', listed.length],
		['导出时间', about.now.toISOString()],
		['说明', '线索信息已脱敏（姓名 张*、手机号 138****1234），不含身份证号及其哈希；增量 = 实验组转化率 − 对照组转化率，区间为 95% 置信区间（Newcombe）'],
	];
	if (conversions.length > MAX_EXPORTED_CONVERSIONS) {
		notes.push(['注意', `归因转化超过 ${MAX_EXPORTED_CONVERSIONS} 条，仅列出最近的 ${MAX_EXPORTED_CONVERSIONS} 条；请缩小命中日期范围`]);
	}
	addSheet(workbook, '说明', [{ header: '项目', width: 22 }, { header: '内容', width: 80 }], notes);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every cell is a value: text stays text (exceljs writes a string as a string, never as a formula). */
function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: ReadonlyArray<readonly Cell[]>): void {
	const sheet = workbook.addWorksheet(name);
	sheet.columns = columns.map((column) => ({ header: column.header, width: column.width, style: column.format ? { numFmt: column.format } : {} }));
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	for (const row of rows) sheet.addRow(row.map((cell) => cell ?? null));
}

const ROW_COLUMNS: readonly Column[] = [
	{ header: '分组', width: 20 },
	{ header: '分组键', width: 18 },
	{ header: '命中', width: 10 },
	{ header: '对照组', width: 10 },
	{ header: '实验组', width: 10 },
	{ header: '已触达', width: 10 },
	{ header: '已转化', width: 10 },
	{ header: '对照组已转化', width: 12 },
	{ header: '转化率', width: 10, format: PERCENT },
	{ header: '对照组转化率', width: 12, format: PERCENT },
	{ header: '增量（百分点）', width: 14, format: PERCENT },
	{ header: '95%区间下限', width: 12, format: PERCENT },
	{ header: '95%区间上限', width: 12, format: PERCENT },
	{ header: '结论', width: 12 },
	{ header: '仍需命中数', width: 12 },
	{ header: '首次触点转化', width: 12 },
	{ header: '末次触点转化', width: 12 },
	{ header: '转化金额（元）', width: 16, format: YUAN },
	{ header: '短信条数', width: 10 },
	{ header: '外呼次数', width: 10 },
	{ header: '触达成本（元）', width: 14, format: YUAN },
	{ header: '单次转化成本（元）', width: 18, format: YUAN },
	{ header: '提示', width: 60 },
];

function rowCells(row: RoiRow): Cell[] {
	const { uplift } = row;
	return [
		row.label,
		row.key,
		row.hits,
		row.heldOut,
		row.treated,
		row.contacted,
		row.converted,
		row.heldOutConverted,
		uplift.treatedRate,
		uplift.controlRate,
		uplift.uplift,
		uplift.interval?.low ?? null,
		uplift.interval?.high ?? null,
		VERDICTS[uplift.verdict] ?? uplift.verdict,
		uplift.hitsStillNeeded,
		row.firstTouchConversions,
		row.lastTouchConversions,
		row.amountCents / 100,
		row.smsSent,
		row.callsMade,
		row.costCents / 100,
		row.costPerConversionCents === null ? null : row.costPerConversionCents / 100,
		uplift.warning,
	];
}

const TREND_COLUMNS: readonly Column[] = [
	{ header: '周（周一）', width: 14 },
	{ header: '命中', width: 10 },
	{ header: '实验组', width: 10 },
	{ header: '对照组', width: 10 },
	{ header: '已触达', width: 10 },
	{ header: '实验组已转化', width: 12 },
	{ header: '对照组已转化', width: 12 },
	{ header: '实验组转化率', width: 12, format: PERCENT },
	{ header: '对照组转化率', width: 12, format: PERCENT },
	{ header: '转化金额（元）', width: 16, format: YUAN },
];

function trendCells(week: RoiTrendWeek): Cell[] {
	return [
		week.weekStart,
		week.hits,
		week.treated,
		week.heldOut,
		week.contacted,
		week.converted,
		week.heldOutConverted,
		week.treated > 0 ? week.converted / week.treated : null,
		week.heldOut > 0 ? week.heldOutConverted / week.heldOut : null,
		week.amountCents / 100,
	];
}

const CONVERSION_COLUMNS: readonly Column[] = [
	{ header: '转化编号', width: 12 },
	{ header: '线索编号', width: 14 },
	{ header: '姓名', width: 10 },
	{ header: '手机号', width: 14 },
	{ header: '产品', width: 16 },
	{ header: '金额（元）', width: 14, format: YUAN },
	{ header: '转化日期', width: 12 },
	{ header: '末次触点规则', width: 20 },
	{ header: '末次触点命中日期', width: 16 },
	{ header: '命中后天数', width: 10 },
	{ header: '等级', width: 8 },
	{ header: '来源渠道', width: 12 },
	{ header: '推送渠道', width: 10 },
	{ header: '首次触点规则', width: 20 },
	{ header: '触点数', width: 8 },
	{ header: '导入文件', width: 20 },
];

const CHANNEL_NAMES: Readonly<Record<string, string>> = { sms: '短信', call: '外呼' };

function conversionCells(c: AttributedConversion): Cell[] {
	return [
		c.conversionId,
		c.leadId,
		c.nameMasked,
		c.phoneMasked,
		c.product,
		c.amountCents / 100,
		c.convertedOn,
		c.lastTouchRule,
		c.lastTouchHitDate,
		c.daysAfterHit,
		c.grade,
		c.sourceChannel,
		c.pushChannel ? (CHANNEL_NAMES[c.pushChannel] ?? c.pushChannel) : '未推送',
		c.firstTouchRule,
		c.touches,
		c.sourceName,
	];
}
