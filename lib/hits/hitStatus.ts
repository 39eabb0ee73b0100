/** The statuses a hit moves through on the marketing board, with the labels the staff see. */
export const HIT_STATUSES = ['pending', 'in_progress', 'converted', 'contact_failed'] as const;

export type HitStatus = (typeof HIT_STATUSES)[number];

export const HIT_STATUS_LABELS: Readonly<Record<HitStatus, { zh: string; en: string }>> = {
	pending: { zh: '待营销处理', en: 'Awaiting action' },
	in_progress: { zh: '营销进行中', en: 'In progress' },
	converted: { zh: '营销已转化', en: 'Converted' },
	contact_failed: { zh: '已联系失效', en: 'Contact failed' },
};

/** Accepts the code or the Chinese label, so a spreadsheet or callback can use either. */
export function parseHitStatus(value: string): HitStatus | undefined {
	const trimmed = value.trim();
	if ((HIT_STATUSES as readonly string[]).includes(trimmed)) return trimmed as HitStatus;
	return HIT_STATUSES.find((status) => HIT_STATUS_LABELS[status].zh === trimmed);
}
