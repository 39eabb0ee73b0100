import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ruleSetConfig } from '../../../../lib/monitor';
import { publishParameters } from '../../../shared/descriptions/publishParameters';
import { publishConfig } from '../../../shared/publishConfig';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { ruleSetFrom } from './ruleSetParameters';

export const description: INodeProperties[] = publishParameters({ zh: '监控指标', en: 'monitoring rules' });

/** Saves the rules of the Form, Presets or Rule JSON as the new active version of the saved monitoring rules. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	return publishConfig(this, itemIndex, store, ruleSetConfig, ruleSetFrom(this, itemIndex));
}
