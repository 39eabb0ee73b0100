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
