import type { DuplicateKey } from '../../cleanse';

export interface ImportRejection {
	row: number;
	field: string;
	code: string;
	reason: string;
	/** The offending value, masked where it is personal data. */
	value?: string;
}

/** What happens to a lead that duplicates one already known (the seed's four routes). */
export type DuplicateAction = 'link' | 'assignToOwner' | 'updateExisting' | 'tagExisting';

export const DUPLICATE_ACTIONS: readonly DuplicateAction[] = ['link', 'assignToOwner', 'updateExisting', 'tagExisting'];

export const DUPLICATE_ACTION_LABELS: Readonly<Record<DuplicateAction, string>> = {
	link: '关联原线索',
	assignToOwner: '转交原负责人',
	updateExisting: '更新原线索关键字段',
	tagExisting: '原线索打标签',
};

export interface ImportDuplicate {
	row: number;
	by: DuplicateKey;
	/** The lead it repeats: already in the store, or created from an earlier row of this import. */
	existingLeadId: string;
	/** The earlier row of this import it repeats, for duplicates inside the batch. */
	duplicateOfRow?: number;
	/** The existing lead's owner: the person to hand the new enquiry to. */
	owner: string | null;
	action: DuplicateAction;
}

/** Rows rejected: a row rejected for several reasons has several rejections but counts once. */
export function rejectedRowCount(rejected: readonly ImportRejection[]): number {
	return new Set(rejected.map((rejection) => rejection.row)).size;
}

/** The import report: every row read is created, updated, rejected or a duplicate. */
export interface ImportReport {
	rowsRead: number;
	created: number;
	updated: number;
	rejectedCount: number;
	duplicateCount: number;
	/** Created or updated leads without an ID number: stored, but the rules can never see them. */
	withoutIdNumber: number;
	/** Created or updated leads kept with a flag (e.g. 疑似靓号). */
	flagged: number;
	rejected: ImportRejection[];
	duplicates: ImportDuplicate[];
	durationMs: number;
	/** Set when the import was kept (see LeadImportOptions.keep): its rejected rows can be downloaded. */
	importId?: string;
}
