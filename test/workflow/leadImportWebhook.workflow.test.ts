import * as iconv from 'iconv-lite';

import { closeWorkflowHarness, runWorkflow, storeCredential, type StoreKind, type TestCredential } from '../harness';
import { makeIdNumber, withWrongCheckChar } from '../identity/idNumberFixtures';

const WORKFLOW = 'workflows/lead-import-webhook.json';
const ID_ZHANG = makeIdNumber('110105', '19850312', '123');

const ROSTER = [
	'线索编号,客户姓名,联系电话,身份证号,来源渠道,公司名称,负责人',
	`L2001,张伟,138 1234 8899,${ID_ZHANG},官网预约,北京纷扬科技有限公司,王经理`,
	',李芳,15912344421,,抖音推广,,赵经理',
	',王建国,14012348899,,线下活动,,',
	`,赵敏,18812341234,${withWrongCheckChar(ID_ZHANG)},熟人转介绍,,`,
	',张伟,+86 13812348899,,搜索引擎,,',
	',周杰,13799009900,,搜索引擎,纷扬科技,',
].join('\r\n');

function upload(csv: string) {
	return {
		json: { headers: { 'content-type': 'multipart/form-data' }, params: {}, query: {}, body: {} },
		binary: {
			data: { data: iconv.encode(csv, 'gbk').toString('base64'), mimeType: 'text/csv', fileName: '线索名单.csv' },
		},
	};
}

describe.each<StoreKind>(['postgres', 'pglite'])('lead import webhook workflow on %s', (kind) => {
	let credential: TestCredential;
	beforeAll(() => {
		credential = storeCredential(kind, { id: 'leadMonitorStore' });
	});
	afterAll(closeWorkflowHarness);

	it('cleanses, imports and answers with a report whose counts add up', async () => {
		const run = await runWorkflow(WORKFLOW, { credentials: [credential], input: { items: [upload(ROSTER)] } });
		expect(run.error).toBeUndefined();

		const [report] = run.outputOf('Respond With Report');
		expect(report).toMatchObject({ rowsRead: 6, created: 3, updated: 0, rejectedCount: 2, duplicateCount: 1 });
		expect(
			(report.created as number) + (report.updated as number) + (report.rejectedCount as number) + (report.duplicateCount as number),
		).toBe(report.rowsRead);
		expect(report.rejected).toEqual([
			expect.objectContaining({ row: 4, field: 'phone', code: 'phone.iot' }),
			expect.objectContaining({ row: 5, field: 'idNumber', code: 'idNumber.checkDigit' }),
		]);
		expect(report.duplicates).toEqual([expect.objectContaining({ row: 6, by: 'phone', existingLeadId: 'L2001', owner: '王经理' })]);

		const clean = run.outputOf('Lead Cleanse', 0);
		expect(clean.map((item) => item.phone)).toEqual(['138****8899', '159****4421', '137****9900']);
		const everything = JSON.stringify(run.runData);
		for (const secret of ['13812348899', '15912344421', ID_ZHANG]) {
			expect(everything.replace(/"data":"[^"]*"/g, '')).not.toContain(secret);
		}
	});

	it('changes nothing when the same roster is posted again', async () => {
		const run = await runWorkflow(WORKFLOW, { credentials: [credential], input: { items: [upload(ROSTER)] } });
		const [report] = run.outputOf('Respond With Report');
		expect(report).toMatchObject({ rowsRead: 6, created: 0, updated: 1, rejectedCount: 2, duplicateCount: 3 });
	});

	it('still answers when every row is rejected', async () => {
		const run = await runWorkflow(WORKFLOW, {
			credentials: [credential],
			input: { items: [upload('客户姓名,联系电话\n假号码,11111111111\n')] },
		});
		expect(run.error).toBeUndefined();
		const [report] = run.outputOf('Respond With Report');
		expect(report).toMatchObject({ rowsRead: 1, created: 0, rejectedCount: 1, duplicateCount: 0 });
	});

	it('fails clearly on a file that is not a roster', async () => {
		const run = await runWorkflow(WORKFLOW, {
			credentials: [credential],
			input: { items: [{ ...upload(''), binary: { data: { data: '', mimeType: 'text/csv', fileName: 'empty.csv' } } }] },
		});
		expect(run.nodeErrors['Lead Cleanse']?.message).toBe('File "empty.csv" cannot be read: the file is empty');
	});
});
