import { DomainError } from '../errors';

/** One data row of an uploaded file: its row number as a person sees it, and its cells by header. */
export interface FileRecord {
	/** 1-based: the line of a CSV file, the row of a sheet, the position in a JSON array. */
	row: number;
	values: Record<string, string>;
	/** Set when the row has more or fewer cells than the header. */
	shapeProblem?: string;
}

export type RecordFileFormat = 'csv' | 'xlsx' | 'json';

/** A file that cannot be read at all (as opposed to a bad row in a readable file). */
export class UnreadableFileError extends DomainError {
	constructor(message: string) {
		super('unreadableFile', message);
	}
}
