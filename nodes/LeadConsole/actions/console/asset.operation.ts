import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { consoleAsset } from '../../../../lib/consoleApp';
import { consoleOptions } from './consoleOptions';
import { webhookHeader } from './webhookRequest';

export const usesStore = false;

export const ASSET_OUTPUTS = ['Answer', 'File'];

/**
 * One file of the console's assets/ (the `:file` path parameter). Text files (JavaScript,
 * CSS, SVG) and the 404 leave by output 1 with the text as `body`, for Respond to Webhook
 * with text; other files (fonts, images) by output 2 as binary `data`.
 */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const answers: INodeExecutionData[] = [];
	const files: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const json = items[itemIndex].json;
		const params = (json.params ?? {}) as Record<string, unknown>;
		const name = typeof params.file === 'string' ? params.file : '';
		const { status, headers, body } = consoleAsset(consoleOptions(this, itemIndex).folder, name, webhookHeader(json, 'if-none-match'));
		if (typeof body === 'string') {
			answers.push({ json: { status, headers, body }, pairedItem: { item: itemIndex } });
		} else {
			const data = await this.helpers.prepareBinaryData(body, name, headers['Content-Type']);
			files.push({ json: { status, headers }, binary: { data }, pairedItem: { item: itemIndex } });
		}
	}
	return [answers, files];
}
