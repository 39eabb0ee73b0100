import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_ATTRIBUTION_WINDOW_DAYS } from '../../../../lib/roi';

export const windowDaysOption: INodeProperties = {
	displayName: 'Attribution Window (归因窗口, days)',
	name: 'windowDays',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 365 },
	default: DEFAULT_ATTRIBUTION_WINDOW_DAYS,
	description: 'A conversion counts for a hit when it falls on the hit day or up to this many days after it',
};
