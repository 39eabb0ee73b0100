import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { loadBoard, parseBoardQuery } from '../../../../lib/board';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { boardOptions, objectParameter } from './boardOptions';

/** The board's data as one item (KPIs, trend, source mix, the page of hits), for other tools. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const options = boardOptions(this, itemIndex);
	const query = parseBoardQuery(objectParameter(this, 'query', itemIndex), options);
	const { query: shown, ...data } = await loadBoard(store, query, { timeZone: options.timeZone });
	const { defaults: _defaults, ...request } = shown;
	return { ...data, query: request } as unknown as IDataObject;
}
