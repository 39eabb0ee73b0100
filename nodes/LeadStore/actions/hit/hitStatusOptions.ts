import type { INodePropertyOptions } from 'n8n-workflow';

import { HIT_STATUS_LABELS, HIT_STATUSES } from '../../../../lib/hits';

export const hitStatusOptions: INodePropertyOptions[] = HIT_STATUSES.map((status) => ({
	name: `${HIT_STATUS_LABELS[status].zh} (${HIT_STATUS_LABELS[status].en})`,
	value: status,
}));
