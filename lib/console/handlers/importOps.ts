import {
	checkedLeadMapping,
	DUPLICATE_ACTIONS,
	importIssuesFile,
	importLeads,
	leadRowsOfFile,
	previewLeadFile,
	type ImportReport,
} from '../../roster/import';
import type { ConsoleImportReport } from '../api/contract';
import { ConsoleError } from '../ConsoleError';
import type { ConsoleRequest, UploadedFile } from '../ConsoleRequest';
import { fileReply, signedIn, type Operation } from '../operation';
import { readChoice, readInteger, readObject, readText } from '../readInput';

/** The report lists this many rejections and duplicates; the file has them all. */
export const MAX_REPORTED = 100;

function uploadedFile(request: ConsoleRequest): UploadedFile {
	const files = request.files ?? [];
	const file = files.find((f) => f.field === 'file') ?? files[0];
	if (!file || file.data.length === 0) throw new ConsoleError('invalid', '请选择要上传的文件 (no file uploaded)', 'file');
	return file;
}

export const importOps: Record<'leads.importPreview' | 'leads.import' | 'leads.importRejects', Operation> = {
	'leads.importPreview': signedIn(async ({ request }) => previewLeadFile(uploadedFile(request))),

	'leads.import': signedIn(async ({ ctx, request, input, staff, audit, now }) => {
		const file = uploadedFile(request);
		const mapping = checkedLeadMapping(readObject(input, 'mapping'));
		const options = readObject(input, 'options');
		const vanityPhones = readChoice(options, 'vanityPhones', ['flag', 'reject'] as const, 'flag');
		const duplicateAction = readChoice(options, 'duplicateAction', DUPLICATE_ACTIONS, 'link');
		const duplicateWindowDays = readInteger(options, 'duplicateWindowDays', { min: 0, max: 730 }) ?? 90;
		const report = await importLeads(ctx.store, ctx.keys, leadRowsOfFile(file, mapping), {
			cleanse: { vanityPhones },
			duplicateAction,
			duplicateWindowDays,
			now,
			keep: { importedBy: staff.username, fileName: file.fileName },
			afterImport: (tx, done) => audit(tx, 'leads.import', file.fileName, { ...counts(done), mapping, vanityPhones, duplicateAction, duplicateWindowDays }),
		});
		const answer: ConsoleImportReport = {
			...report,
			importId: report.importId as string,
			fileName: file.fileName,
			rejected: report.rejected.slice(0, MAX_REPORTED),
			duplicates: report.duplicates.slice(0, MAX_REPORTED),
		};
		return answer;
	}),

	'leads.importRejects': signedIn(async ({ ctx, input, audit }) => {
		const importId = readText(input, 'importId', { required: true, max: 64 }) as string;
		const format = readChoice(input, 'format', ['csv', 'xlsx'] as const, 'csv') as 'csv' | 'xlsx';
		const file = await importIssuesFile(ctx.store, importId, format);
		await audit(ctx.store, 'leads.exportRejects', importId, { format, fileName: file.fileName });
		return fileReply(file);
	}),
};

function counts(report: ImportReport) {
	const { rejected: _rejected, duplicates: _duplicates, ...rest } = report;
	return rest;
}
