import { Readable } from 'node:stream';
import { BINARY_ENCODING, type IExecuteFunctions } from 'n8n-workflow';

import { bufferSource, fileSource, filesForPath, type CallLogSource } from '../../../lib/ingest';
import { dropBinaryInput } from './binaryInput';

/** Chunk size asked of n8n's binary data store. */
const BINARY_CHUNK_BYTES = 1024 * 1024;

/** The files of one input item (a call log, a conversation export): its binary file, or the files its path names. */
export async function itemFileSources(context: IExecuteFunctions, itemIndex: number): Promise<CallLogSource[]> {
	const input = context.getNodeParameter('inputSource', itemIndex) as 'binary' | 'path';
	if (input === 'path') {
		const pattern = context.getNodeParameter('filePath', itemIndex) as string;
		return (await filesForPath(pattern)).map(fileSource);
	}
	const propertyName = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const name = binary.fileName ?? `${propertyName} (item ${itemIndex})`;
	if (!binary.id) return [bufferSource(name, Buffer.from(binary.data, BINARY_ENCODING))];
	const binaryId = binary.id;
	// Stored outside the execution (filesystem, S3): streamed, and opened afresh for each pass.
	return [
		{
			name,
			size: binary.bytes,
			open: async () => (await context.helpers.getBinaryStream(binaryId, BINARY_CHUNK_BYTES)) as Readable,
		},
	];
}

/**
 * Deletes the item's file from n8n's binary-data folder once it has been read (a path's files are
 * the operator's and stay): a call log's clear ID numbers are not left with n8n's execution.
 */
export async function dropItemBinary(context: IExecuteFunctions, itemIndex: number): Promise<void> {
	if (context.getNodeParameter('inputSource', itemIndex) !== 'binary') return;
	await dropBinaryInput(context, itemIndex, context.getNodeParameter('binaryPropertyName', itemIndex) as string);
}
