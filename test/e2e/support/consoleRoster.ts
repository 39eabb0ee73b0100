import { idNumber } from '../../../lib/sample/people';
import { SeededRandom } from '../../../lib/sample/SeededRandom';
import { sampleRoster, type SampleLead } from '../../../lib/sample/sampleRoster';

/** A roster row the upload must not create, and what the report says about it. */
export interface ProblemRow {
	row: number;
	kind: '拒绝' | '重复';
	field: string;
	phone: string;
}

/**
 * The roster the console's upload gets (线索名单.csv): realistic clean leads (the call log makes
 * them active) and the traps of a real roster: a lead without an ID
 * number (kept, not monitorable), a vanity number of a real customer (kept, 疑似靓号), a fake
 * phone and a wrong check digit (rejected), a repeated phone (duplicate).
 */
export interface ConsoleRoster {
	csv: string;
	/** The leads the call log is planned on: every clean row, in file order. */
	clean: SampleLead[];
	withoutId: SampleLead;
	vanity: SampleLead;
	problems: ProblemRow[];
	/** Rows created: clean, without ID, vanity. */
	created: number;
	rows: number;
}

const HEADER = '线索编号,客户姓名,联系电话,身份证号,公司名称,行业,来源渠道,负责人';

export function buildConsoleRoster(): ConsoleRoster {
	const clean = [...sampleRoster({ count: 20, seed: 8081, firstLeadNumber: 5100001 })];
	const random = new SeededRandom(8082);
	const extra = (n: number, name: string, phone: string, id: string): SampleLead => ({ ...clean[n % clean.length], leadId: `L52000${String(n).padStart(2, '0')}`, name, phone, idNumber: id });
	const withoutId = extra(3, '孙丽娟', '13912345690', '');
	const vanity = extra(4, '钱多多', '13888888888', idNumber(random));
	const goodId = idNumber(random);
	const badCheckDigit = goodId.slice(0, 17) + (goodId[17] === '1' ? '2' : '1');
	const fake = extra(5, '周假号', '13800138000', idNumber(random));
	const wrongId = extra(6, '吴校验', '13912345691', badCheckDigit);
	const repeat = extra(7, '郑重复', clean[0].phone, idNumber(random));
	const leads = [...clean, withoutId, vanity, fake, wrongId, repeat];
	const rowOf = (lead: SampleLead) => leads.indexOf(lead) + 2;
	const csv = [HEADER, ...leads.map((lead) => [lead.leadId, lead.name, lead.phone, lead.idNumber, lead.company, lead.industry, lead.sourceChannel, lead.owner].join(','))].join('\r\n') + '\r\n';
	return {
		csv,
		clean,
		withoutId,
		vanity,
		problems: [
			{ row: rowOf(fake), kind: '拒绝', field: '手机号', phone: fake.phone },
			{ row: rowOf(wrongId), kind: '拒绝', field: '身份证号', phone: wrongId.phone },
			{ row: rowOf(repeat), kind: '重复', field: '手机号', phone: repeat.phone },
		],
		created: clean.length + 2,
		rows: leads.length,
	};
}

/** A second roster, as an XLSX workbook with its columns in another order: three new leads and a row whose phone is too short. */
export interface XlsxRoster {
	fileName: string;
	buffer: Buffer;
	leads: SampleLead[];
	/** The rejected row's number (the header is row 1) and its phone. */
	rejected: { row: number; phone: string };
}

export async function buildXlsxRoster(): Promise<XlsxRoster> {
	const { default: ExcelJS } = await import('exceljs');
	const leads = [...sampleRoster({ count: 3, seed: 9091, firstLeadNumber: 5300001 })];
	const shortPhone = { ...leads[0], leadId: 'L5300099', name: '冯短号', phone: '1380013' };
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('名单');
	sheet.addRow(['联系电话', '客户姓名', '线索编号', '身份证号', '来源渠道']);
	for (const lead of [...leads, shortPhone]) sheet.addRow([lead.phone, lead.name, lead.leadId, lead.idNumber, lead.sourceChannel]);
	return { fileName: '补充名单.xlsx', buffer: Buffer.from(await workbook.xlsx.writeBuffer()), leads, rejected: { row: 5, phone: shortPhone.phone } };
}
