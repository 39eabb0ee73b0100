import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeWorkflowHarness, runWorkflow, storeCredential, type WorkflowJson } from '../harness';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import { csvOf, validId } from './callLogFixtures';

const INGEST = 'n8n-nodes-lead-monitor.callLogIngest';

/** An upload arrives at a webhook; Call Log Ingest loads its file; a second step lists the rejects of that batch. */
const workflow: WorkflowJson = {
	name: 'call log upload',
	nodes: [
		{ id: '1', name: 'Upload', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'call-log', httpMethod: 'POST' } },
		{
			id: '2',
			name: 'Call Log Ingest',
			type: INGEST,
			typeVersion: 1,
			position: [240, 0],
			parameters: { resource: 'callLog', operation: 'ingest', inputSource: 'binary', binaryPropertyName: 'data', options: { timeZone: 'Asia/Shanghai' } },
			credentials: { leadMonitorStoreApi: { id: 'store', name: 'Lead Monitor Store' } },
		},
		{
			id: '3',
			name: 'Rejects',
			type: INGEST,
			typeVersion: 1,
			position: [480, 0],
			parameters: { resource: 'callLog', operation: 'listRejects', batchId: '={{ $json.batchId }}', returnAll: true },
			credentials: { leadMonitorStoreApi: { id: 'store', name: 'Lead Monitor Store' } },
		},
	],
	connections: {
		Upload: { main: [[{ node: 'Call Log Ingest', type: 'main', index: 0 }]] },
		'Call Log Ingest': { main: [[{ node: 'Rejects', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

function upload(csv: string, fileName: string) {
	return {
		json: { headers: { 'content-type': 'multipart/form-data' }, params: {}, query: {}, body: {} },
		binary: { data: { data: Buffer.from(csv).toString('base64'), mimeType: 'text/csv', fileName } },
	};
}

afterAll(closeWorkflowHarness);

describe.each(['postgres', 'pglite'] as const)('Call Log Ingest in a workflow on %s', (kind) => {
	const credential = storeCredential(kind, { id: 'store' });
	const day = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
	const rows = [
		{ id: validId(1), time: `${day} 09:00:00` },
		{ id: validId(2), time: `${day} 09:05:00`, type: 'OCR_IDCARD' },
		{ id: validId(3).slice(0, 17) + (validId(3)[17] === '0' ? '1' : '0'), time: `${day} 09:06:00` },
		{ id: validId(4), time: `${day} 09:07:00`, type: 'VOICEPRINT' },
	];

	it('turns an uploaded file into one summary item, whose batch the next node lists the rejects of', async () => {
		const run = await runWorkflow(workflow, { credentials: [credential], input: { items: [upload(csvOf(rows), 'calls.csv')] } });
		expect(run.error).toBeUndefined();
		const [summary, ...more] = run.outputOf('Call Log Ingest');
		expect(more).toEqual([]);
		expect(summary).toMatchObject({ file: 'calls.csv', rowsRead: 4, accepted: 2, rejected: 2, duplicates: 0, alreadyIngested: false });
		expect(run.itemsOf('Call Log Ingest')[0].pairedItem).toEqual({ item: 0 });
		const rejects = run.outputOf('Rejects');
		expect(rejects.map((r) => [r.lineNo, r.code])).toEqual([
			[4, 'idCheckDigit'],
			[5, 'eventTypeUnknown'],
		]);
		expect(JSON.stringify(rejects)).not.toContain(rows[2].id);

		const again = await runWorkflow(workflow, { credentials: [credential], input: { items: [upload(csvOf(rows), 'calls-again.csv')] } });
		expect(again.outputOf('Call Log Ingest')[0]).toMatchObject({ alreadyIngested: true, accepted: 0, batchId: summary.batchId });
	});

	it('fails naming the file when it cannot be read, or reports it with Continue On Fail', async () => {
		const run = await runWorkflow(workflow, { credentials: [credential], input: { items: [upload('', 'empty.csv')] } });
		expect(run.nodeErrors['Call Log Ingest']?.message).toMatch(/empty\.csv.*(empty|为空)/);

		const lenient = structuredClone(workflow);
		lenient.nodes[1].continueOnFail = true;
		const tolerated = await runWorkflow(lenient, { credentials: [credential], input: { items: [upload('\u0000\u0001binary', 'image.bin')] } });
		expect(tolerated.outputOf('Call Log Ingest')).toEqual([{ error: expect.stringContaining('image.bin'), file: 'image.bin' }]);
	});

	it("deletes an upload from n8n's binary-data folder once read, stored or refused: no clear ID number left there", async () => {
		// n8n's filesystem mode (the queue setup's): the upload is a file in the user folder, as a Webhook stores it.
		const binaryData = Container.get(BinaryDataService);
		await binaryData.init();
		const stored = async (csv: string, fileName: string) => {
			const location = { type: 'execution' as const, workflowId: 'call-log-upload', executionId: String(Date.now()) };
			const binary = await binaryData.store(location, Buffer.from(csv), { data: '', mimeType: 'text/csv', fileName });
			expect(existsSync(binaryData.getPath(binary.id!))).toBe(true);
			return { item: { json: {}, binary: { data: binary } }, file: binaryData.getPath(binary.id!) };
		};
		const uploads = [{ id: validId(21), time: `${day} 11:00:00` }];
		const upload = await stored(csvOf(uploads), 'calls-kept.csv');
		const run = await runWorkflow(workflow, { credentials: [credential], input: { items: [upload.item] } });
		expect(run.outputOf('Call Log Ingest')[0]).toMatchObject({ file: 'calls-kept.csv', rowsRead: 1, accepted: 1 });
		expect(existsSync(upload.file)).toBe(false);
		expect(existsSync(`${upload.file}.metadata`)).toBe(false);

		const refused = await stored('\u0000\u0001binary', 'image.bin');
		expect((await runWorkflow(workflow, { credentials: [credential], input: { items: [refused.item] } })).nodeErrors['Call Log Ingest']?.message).toMatch(/image\.bin/);
		expect(existsSync(refused.file)).toBe(false);
	});

	it('loads the files a path pattern names, one batch and one summary item each', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'call-logs-'));
		try {
			writeFileSync(join(folder, 'east.csv'), csvOf([{ id: validId(11), time: `${day} 10:00:00`, institution: '华东中心机构' }]));
			writeFileSync(join(folder, 'lab.csv'), csvOf([{ id: validId(11), time: `${day} 10:00:00`, institution: '上海研发分部' }]));
			writeFileSync(join(folder, 'notes.txt'), 'not a log');
			const byPath = structuredClone(workflow);
			byPath.nodes[1].parameters = { resource: 'callLog', operation: 'ingest', inputSource: 'path', filePath: join(folder, '*.csv') };
			const run = await runWorkflow(byPath, { credentials: [credential], input: { items: [{}] } });
			expect(run.outputOf('Call Log Ingest').map((s) => [s.file, s.accepted])).toEqual([
				[join(folder, 'east.csv'), 1],
				[join(folder, 'lab.csv'), 1],
			]);
			const missing = structuredClone(byPath);
			missing.nodes[1].parameters.filePath = join(folder, 'none-*.csv');
			expect((await runWorkflow(missing, { credentials: [credential], input: { items: [{}] } })).nodeErrors['Call Log Ingest']?.message).toMatch(/none-\*\.csv/);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
