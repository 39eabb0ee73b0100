import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { policyConfig } from '../../../../lib/push';
import { publishParameters } from '../../../shared/descriptions/publishParameters';
import { publishConfig } from '../../../shared/publishConfig';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { policyDocumentFromParameters } from './policyParameters';

export const description: INodeProperties[] = publishParameters({ zh: '推送策略', en: 'contact policy' });

/** Saves the Preset (with its adjustments) or JSON policy as the new active version of the saved contact policy. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	return publishConfig(this, itemIndex, store, policyConfig, policyDocumentFromParameters(this, itemIndex));
}
