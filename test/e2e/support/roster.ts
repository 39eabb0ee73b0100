import { sampleRoster, sampleRosterCsv, type RosterOptions, type SampleLead } from '../../../lib/sample/sampleRoster';

/**
 * The roster the bank uploads: a clean part (the people the call logs will show as active)
 * and a messy part (fake and IoT phones, wrong check digits, repeated phones) the import must
 * reject or report as duplicates.
 */
export interface E2eRoster {
	csv: string;
	/** Every row, in file order: row i is spreadsheet row i + 2. */
	leads: SampleLead[];
	/** Rows that must be created. */
	clean: SampleLead[];
}

const CLEAN: RosterOptions = { count: 40, seed: 7071, firstLeadNumber: 3100001 };
const MESSY: RosterOptions = { count: 24, seed: 7072, firstLeadNumber: 3200001, badShare: 0.3, duplicateShare: 0.15 };

export function buildRoster(): E2eRoster {
	const clean = [...sampleRoster(CLEAN)];
	const messy = [...sampleRoster(MESSY)];
	const [header, ...cleanRows] = [...sampleRosterCsv(CLEAN)];
	const [, ...messyRows] = [...sampleRosterCsv(MESSY)];
	return { csv: [header, ...cleanRows, ...messyRows].join(''), leads: [...clean, ...messy], clean };
}

/** The upload as a bank's system makes it: multipart, field `data`, API key header. */
export function rosterUpload(csv: string): FormData {
	const form = new FormData();
	form.append('data', new Blob([csv], { type: 'text/csv' }), '线索名单.csv');
	return form;
}
