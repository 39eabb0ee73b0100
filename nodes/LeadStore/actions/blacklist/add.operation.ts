import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { addToBlacklist } from '../../../../lib/blacklist';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

export async function execute(this: IExecuteFunctions, itemIndex: number, { store, keys }: StoreConnection): Promise<IDataObject> {
	const note = String(this.getNodeParameter('note', itemIndex, '')).trim();
	const kind = String(this.getNodeParameter('kind', itemIndex));
	const value = String(this.getNodeParameter('value', itemIndex));
	return (await addToBlacklist(store, keys, kind, value, note || undefined)) as unknown as IDataObject;
}
