import type { IDataObject } from 'n8n-workflow';

import { DUPLICATE_KEY_LABELS } from '../../../../lib/cleanse';
import { maskIdNumber, maskPhone, sealFields, type PrivacyKeys } from '../../../../lib/privacy';
import type { ScreenedLead, ScreenResult } from '../../../../lib/roster/import';

/** A clean lead as an item: personal fields masked, the clear ones sealed for the import. */
function cleanItem(keys: PrivacyKeys, { row, lead }: ScreenedLead, existing: boolean): IDataObject {
	return {
		row,
		leadId: lead.leadId,
		existingLead: existing,
		name: lead.name,
		phone: lead.phone ? maskPhone(lead.phone) : null,
		idNumber: lead.idNumber ? maskIdNumber(lead.idNumber) : null,
		email: lead.email,
		wechatId: lead.wechatId,
		company: lead.company,
		industry: lead.industry,
		sourceChannel: lead.sourceChannel,
		owner: lead.owner,
		tags: lead.tags,
		attributes: lead.attributes as IDataObject,
		sealed: sealFields(keys.encryptionKey, { phone: lead.phone, idNumber: lead.idNumber }),
	};
}

/** One item per rejected row, with every reason; duplicates say which lead they repeat and who owns it. */
function rejectedItems(screened: ScreenResult): IDataObject[] {
	const byRow = new Map<number, IDataObject & { reasons: IDataObject[] }>();
	const itemFor = (row: number) => {
		let item = byRow.get(row);
		if (!item) byRow.set(row, (item = { row, reasons: [] }));
		return item;
	};
	for (const rejection of screened.rejected) {
		itemFor(rejection.row).reasons.push({ ...rejection, row: undefined });
	}
	for (const { lead, ...duplicate } of screened.duplicates) {
		const item = itemFor(duplicate.row);
		item.name = lead.lead.name;
		item.phone = lead.lead.phone ? maskPhone(lead.lead.phone) : null;
		item.reasons.push({
			field: duplicate.by,
			code: 'duplicate',
			reason: `与线索 ${duplicate.existingLeadId || `第 ${duplicate.duplicateOfRow} 行`} 重复（${DUPLICATE_KEY_LABELS[duplicate.by]}）`,
		});
		item.duplicate = { ...duplicate } as IDataObject;
	}
	return [...byRow.values()].sort((a, b) => (a.row as number) - (b.row as number));
}

/** The screened leads as items for the two outputs: clean (in row order) and rejected. */
export function screenedOutputs(keys: PrivacyKeys, screened: ScreenResult): [clean: IDataObject[], rejected: IDataObject[]] {
	const updates = new Set(screened.updates);
	const clean = [...screened.creates, ...screened.updates].sort((a, b) => a.row - b.row);
	return [clean.map((lead) => cleanItem(keys, lead, updates.has(lead))), rejectedItems(screened)];
}
