/** What the ROI report groups hits by, with the labels the console shows. Data only (no imports): the web app reads it through the API contract. */
export const ROI_DIMENSIONS = ['rule', 'grade', 'sourceChannel', 'institution', 'pushChannel'] as const;
export type RoiDimension = (typeof ROI_DIMENSIONS)[number];

export const ROI_DIMENSION_LABELS: Readonly<Record<RoiDimension, { zh: string; en: string }>> = {
	rule: { zh: '监测规则', en: 'Rule' },
	grade: { zh: '等级', en: 'Grade' },
	sourceChannel: { zh: '来源渠道', en: 'Source channel' },
	institution: { zh: '核验机构', en: 'Institution' },
	pushChannel: { zh: '推送渠道', en: 'Push channel' },
};
