import type { KeyObject } from 'node:crypto';

import { CallLogFileError } from '../CallLogFileError';
import type { IngestPlan } from '../IngestOptions';
import type { EventEncoder } from '../load/EventEncoder';
import { CALL_LOG_FIELDS, FIELD_LABELS, REQUIRED_FIELDS, resolveColumns, type CallLogField } from '../mapping/callLogColumns';
import { CsvRecordReader } from '../read/CsvRecordReader';
import type { FileLayout } from '../read/detectLayout';
import { JsonLinesReader } from '../read/JsonLinesReader';
import type { RecordView } from '../read/RecordView';
import type { FieldPositions, RowRules } from '../row/RowProcessor';
import { TimestampParser } from '../time/TimestampParser';
import { RowPipeline, type PipelineOutput, type PipelineTally } from './RowPipeline';

export interface FileRowsSetup {
	file: string;
	layout: FileLayout;
	plan: IngestPlan;
	/** Accepted local days, inclusive (days since 1970-01-01). */
	firstDay: number;
	lastDay: number;
	hashKey: KeyObject | Uint8Array;
}

const utf8 = new TextDecoder('utf-8');

/**
 * A call-log file's UTF-8 text, chunk by chunk, into a RowPipeline: reads the CSV header
 * (or checks the first JSON object) to find the columns, failing the whole file when a
 * required one is missing, then hands every record to the pipeline. Synchronous.
 */
export class FileRows<Payload> {
	private readonly csv: CsvRecordReader | undefined;
	private readonly json: JsonLinesReader | undefined;
	private pipeline: RowPipeline<Payload> | undefined;
	private jsonChecked = false;

	constructor(
		private readonly setup: FileRowsSetup,
		private readonly encoders: () => { rows: EventEncoder<Payload>; suspects: EventEncoder<Payload> },
	) {
		const { layout, plan } = setup;
		if (layout.format === 'jsonl') {
			this.json = new JsonLinesReader(plan.columns, plan.maxRecordBytes);
			this.pipeline = this.pipelineFor({ positions: identityPositions(), expectedFieldCount: -1 });
		} else {
			this.csv = new CsvRecordReader(layout.delimiter, plan.maxRecordBytes);
		}
	}

	push(chunk: Uint8Array, final: boolean, out: Array<PipelineOutput<Payload>>): void {
		if (this.json) {
			this.json.push(chunk, final);
			this.pipeline!.consume(this.checkedJson(this.json), out);
			return;
		}
		const csv = this.csv!;
		csv.push(chunk, final);
		if (!this.pipeline) {
			const header = this.readHeader(csv);
			if (!header) {
				if (final) throw new CallLogFileError(this.setup.file, 'noHeader', '文件没有表头行 (the file has no header line)');
				return;
			}
			this.pipeline = this.pipelineFor(header);
		}
		this.pipeline.consume(csv, out);
	}

	/** After the final push: hands on the rest and returns the counts. */
	end(out: Array<PipelineOutput<Payload>>): PipelineTally {
		if (!this.pipeline) throw new CallLogFileError(this.setup.file, 'noHeader', '文件没有表头行 (the file has no header line)');
		return this.pipeline.end(out);
	}

	private pipelineFor(columns: Pick<RowRules, 'positions' | 'expectedFieldCount'>): RowPipeline<Payload> {
		const { plan, firstDay, lastDay, hashKey } = this.setup;
		const rules: RowRules = {
			...columns,
			defaultInstitution: plan.defaultInstitution,
			institutions: plan.institutions,
			eventTypes: plan.eventTypes,
			timestamps: new TimestampParser(plan.zone, plan.timestampFormat),
			firstDay,
			lastDay,
			hashKey,
		};
		const { rows, suspects } = this.encoders();
		return new RowPipeline(rules, rows, suspects, plan.maxStoredRejects);
	}

	/** The header's column positions, or undefined while the header line is not complete. */
	private readHeader(reader: CsvRecordReader): Pick<RowRules, 'positions' | 'expectedFieldCount'> | undefined {
		const { file, plan } = this.setup;
		for (;;) {
			const record = reader.next();
			if (!record) return undefined;
			if (record.problem) throw new CallLogFileError(file, 'noHeader', `表头行无法读取 (the header line cannot be read: ${record.problem})`);
			const headers: string[] = [];
			for (let i = 0; i < record.fieldCount; i++) headers.push(utf8.decode(record.bytes.subarray(record.starts[i], record.ends[i])));
			if (headers.every((header) => header.trim() === '')) continue;
			const optional = new Set<CallLogField>(plan.defaultInstitution ? ['institution'] : []);
			const { positions, missing } = resolveColumns(headers, plan.columns, optional);
			if (missing.length > 0) throw missingColumns(file, missing, headers);
			return { positions, expectedFieldCount: record.fieldCount };
		}
	}

	/** JSON Lines: the first object must name the required fields. */
	private checkedJson(reader: JsonLinesReader): { next(): RecordView | null } {
		if (this.jsonChecked) return reader;
		return {
			next: () => {
				const record = reader.next();
				if (record && !this.jsonChecked && record.problem === null) {
					const keys = reader.lastKeys();
					const present = new Set(keys.map((key) => reader.fieldOf(key)).filter((index) => index >= 0).map((index) => CALL_LOG_FIELDS[index]));
					const missing = REQUIRED_FIELDS.filter((field) => !present.has(field) && !(field === 'institution' && this.setup.plan.defaultInstitution));
					if (missing.length > 0) throw missingColumns(this.setup.file, missing, keys);
					this.jsonChecked = true;
				}
				return record;
			},
		};
	}
}

function missingColumns(file: string, missing: CallLogField[], found: string[]): CallLogFileError {
	const shown = found.slice(0, 12).map((name) => `"${name.slice(0, 40)}"`).join(', ') + (found.length > 12 ? ', …' : '');
	return new CallLogFileError(
		file,
		'missingColumns',
		`缺少必需的列 (missing required columns): ${missing.map((field) => FIELD_LABELS[field]).join(', ')}; ` +
			`文件中的列 (columns found): ${shown || '(none)'}. 可在“列名”选项中指定 (name them under Column Names)`,
	);
}

function identityPositions(): FieldPositions {
	return Object.fromEntries(CALL_LOG_FIELDS.map((field, index) => [field, index])) as unknown as FieldPositions;
}
