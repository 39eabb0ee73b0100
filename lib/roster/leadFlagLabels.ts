/** What the roster notices about a lead without rejecting it, with the labels staff see. Data only (the web app reads it). */
export const LEAD_FLAG_LABELS = {
	'phone.vanity': { zh: '疑似靓号', en: 'Possible vanity number' },
} as const;

export type LeadFlag = keyof typeof LEAD_FLAG_LABELS;
