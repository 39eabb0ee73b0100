/** Why a whole file cannot be ingested (as opposed to one bad row, which is rejected and counted). */
export type CallLogFileProblem =
	| 'notFound'
	| 'unreadable'
	| 'empty'
	| 'notText'
	| 'encoding'
	| 'missingColumns'
	| 'noHeader'
	| 'changedWhileReading';
import { DomainError } from '../errors';

/**
 * A call-log file the ingest cannot read at all: missing, empty, not text, in an encoding
 * other than the one chosen, or without the columns it needs. The message names the file.
 */
export class CallLogFileError extends DomainError {
	constructor(
		readonly file: string,
		readonly problem: CallLogFileProblem,
		readonly detail: string,
	) {
		super('unreadableFile', `调用日志文件 "${file}" 无法读取 (cannot ingest call log "${file}"): ${detail}`);
	}
}
