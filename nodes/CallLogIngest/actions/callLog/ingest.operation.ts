import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CallLogFileError, ingestCallLog, type IngestTarget } from '../../../../lib/ingest';
import type { ErrorWording } from '../../../shared/errors';
import { dropItemBinary, itemFileSources } from '../../../shared/transport/itemFileSources';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { ingestDescription, ingestOptionsFrom } from './ingestParameters';

export const description: INodeProperties[] = ingestDescription;

/**
 * One summary item per file: each file is its own batch (own checksum, so a file ingested
 * before is reported as such and adds nothing), whether it came as binary data or as one
 * of the files a path pattern matched. Events never become items.
 */
export async function* execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ store, keys, config }: StoreConnection,
): AsyncIterable<IDataObject> {
	const target: IngestTarget = { store, keys, postgres: config.mode === 'postgres' ? config : undefined };
	const options = ingestOptionsFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	// One by one: when a later file fails, the summaries of those stored before it still go out.
	for (const source of await itemFileSources(this, itemIndex)) {
		// Read (stored, found stored before, or refused): the delivered file leaves n8n's binary data either way.
		const summary = await ingestCallLog(target, source, options).finally(() => dropItemBinary(this, itemIndex));
		yield summary as unknown as IDataObject;
	}
}

/** A bad setting is named as the option it is; an unreadable file names itself. */
export const errorWording: ErrorWording = {
	field: (option) => `Option "${option}": `,
	unexpected: 'Ingest failed, nothing was stored: ',
	describe: (error) => (error instanceof CallLogFileError ? `File: ${error.file}. Problem: ${error.problem}.` : undefined),
	item: (error) => ({ file: error instanceof CallLogFileError ? error.file : undefined }),
};
