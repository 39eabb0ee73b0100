import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { consolePage } from '../../../../lib/consoleApp';
import { consoleOptions } from './consoleOptions';

/** The console needs no store to be served. */
export const usesStore = false;

/** The console's page (index.html) for Respond to Webhook: `{ status, headers, body }`, the body HTML text. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = consoleOptions(this, itemIndex);
	const { status, headers, body } = consolePage(options.folder, options.consolePath);
	return { status, headers, body: String(body) };
}
