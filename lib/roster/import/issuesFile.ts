import { tableFile, type TableFile, type TableFileFormat } from '../../files';
import type { Queryable } from '../../store';
import { loadKeptImport } from './importRecords';

const FIELD_LABELS: Readonly<Record<string, string>> = {
	'*': '整行',
	leadId: '线索编号',
	name: '姓名',
	phone: '手机号',
	idNumber: '身份证号',
	email: '邮箱',
	wechatId: '微信号',
	company: '公司名称',
	industry: '行业',
	sourceChannel: '来源渠道',
	owner: '负责人',
	tags: '标签',
};

const HEADERS = ['行号 (row)', '类型 (kind)', '字段 (field)', '原因 (reason)', '值，已脱敏 (value, masked)', '代码 (code)'];

/**
 * A kept import's rejected and duplicate rows as a file a person opens in Excel or WPS:
 * the row of the uploaded file, what was wrong and the value (masked), one line per reason.
 */
export async function importIssuesFile(db: Queryable, importId: string, format: TableFileFormat): Promise<TableFile> {
	const kept = await loadKeptImport(db, importId);
	const rows = kept.issues.map((issue) => [
		issue.row,
		issue.kind === 'rejected' ? '拒绝' : '重复',
		issue.field === null ? '' : (FIELD_LABELS[issue.field] ?? issue.field),
		issue.reason,
		issue.value,
		issue.code,
	]);
	const baseName = `${kept.fileName.replace(/\.[^.]*$/, '') || 'import'}-问题行`;
	return tableFile({ headers: HEADERS, rows }, format, baseName);
}
