import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listBlacklist } from '../../../../lib/blacklist';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

/** Entries masked, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject[]> {
	return (await listBlacklist(store, this.getNodeParameter('limit', itemIndex, 50) as number)) as unknown as IDataObject[];
}
