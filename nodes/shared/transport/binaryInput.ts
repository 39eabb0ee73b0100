import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BINARY_ENCODING, type IExecuteFunctions } from 'n8n-workflow';

/** A file handed over by a previous node, as a stream (large files are never loaded whole). */
export async function binaryInputStream(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<{ stream: Readable; fileName?: string; mimeType?: string }> {
	const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	const stream = binary.id
		? await context.helpers.getBinaryStream(binary.id)
		: Readable.from([Buffer.from(binary.data, BINARY_ENCODING)]);
	return { stream, fileName: binary.fileName, mimeType: binary.mimeType };
}

/**
 * Deletes an upload's file from n8n's binary-data folder once it has been read: an execution that
 * saves no data keeps it there until its hard delete — and in queue mode for good (n8n 2.40.7
 * leaves a webhook's upload under executions/temp/, which no deletion reaches; README: What n8n
 * itself keeps). Files only: in memory or in n8n's database there is nothing this can delete.
 */
export async function dropBinaryInput(context: IExecuteFunctions, itemIndex: number, propertyName: string): Promise<void> {
	const id = context.getInputData()[itemIndex]?.binary?.[propertyName]?.id;
	if (!id || !/^filesystem/.test(id)) return;
	const file = context.helpers.getBinaryPath(id);
	await Promise.all([rm(file, { force: true }), rm(`${file}.metadata`, { force: true })]);
}
