import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { attributeConversions } from '../../../../lib/roi';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { windowDaysOption } from './windowDaysOption';

const show = { resource: ['conversion'], operation: ['attribute'] };

export const description: INodeProperties[] = [{ ...windowDaysOption, displayOptions: { show } }];

/** Attributes every stored conversion again, in one transaction: one summary item. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const windowDays = this.getNodeParameter('windowDays', itemIndex) as number;
	return (await store.transaction((tx) => attributeConversions(tx, { windowDays }))) as unknown as IDataObject;
}
