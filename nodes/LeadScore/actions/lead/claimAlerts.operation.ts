import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { claimAlertBatches } from '../../../../lib/alerts';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

/**
 * One item per owner with unsent alerts: e-mail address, subject, text and robot markdown
 * (masked), the claim token and alert ids for Mark Alerts Sent. Claimed alerts are not handed
 * to another execution while the claim holds (10 minutes).
 */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const batches = await claimAlertBatches(store);
	return [batches.map((batch) => ({ json: batch as unknown as IDataObject, pairedItem: { item: 0 } }))];
}
