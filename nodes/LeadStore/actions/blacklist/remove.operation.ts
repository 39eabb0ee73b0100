import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { removeFromBlacklist } from '../../../../lib/blacklist';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

export async function execute(this: IExecuteFunctions, itemIndex: number, { store, keys }: StoreConnection): Promise<IDataObject> {
	const kind = String(this.getNodeParameter('kind', itemIndex));
	const value = String(this.getNodeParameter('value', itemIndex));
	return removeFromBlacklist(store, keys, kind, value);
}
