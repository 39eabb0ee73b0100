import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { isDomainError } from '../../lib/errors';

/**
 * How an operation words its failures where the default does not fit. By default a domain
 * error about a field names it (`Field "leadId": Lead H-404 not found`), any other error
 * keeps its message, and an error item goes to the first output.
 */
export interface ErrorWording {
	/** Put before the message of a domain error about a field, naming it. */
	field?: (field: string) => string;
	/** Put before the message of an error that is not the domain's: a bug, or the database or network failing. */
	unexpected?: string;
	/** n8n's details line under the message. */
	describe?: (error: Error) => string | undefined;
	/** The output that takes the error items of "Continue On Fail" (where it moves with a parameter, read from the node). */
	output?: number | ((context: IExecuteFunctions) => number);
	/** More fields for an error item, e.g. the input item's own. */
	item?: (error: Error, itemIndex: number) => IDataObject;
}

/** The output index an operation's error items go to. */
export function errorOutput(context: IExecuteFunctions, wording: ErrorWording = {}): number {
	return typeof wording.output === 'function' ? wording.output(context) : (wording.output ?? 0);
}

const fieldNamed = (field: string) => `Field "${field}": `;

/** A failure while reading a file: reported naming the file, in the message and in the error item. */
class FileFailure extends Error {
	constructor(
		readonly file: string,
		readonly failure: unknown,
	) {
		super(failure instanceof Error ? failure.message : String(failure));
	}
}

/** Runs the work on a file's content; an unreadable file fails as `File "x.csv" cannot be read: …`. */
export async function readingFile<T>(file: string, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		// Not an n8n error on purpose: nodeError() and failedItem() unwrap it before n8n sees it.
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw new FileFailure(file, error);
	}
}

interface Failure {
	error: Error;
	message: string;
	field?: string;
	file?: string;
}

function isIssueList(error: Error): boolean {
	return Array.isArray((error as { issues?: unknown }).issues);
}

function failureOf(error: unknown, wording: ErrorWording): Failure {
	const file = error instanceof FileFailure ? error.file : undefined;
	const cause = error instanceof FileFailure ? error.failure : error;
	const failure = cause instanceof Error ? cause : new Error(String(cause));
	if (!isDomainError(failure)) {
		const isNodeError = failure instanceof NodeOperationError || failure instanceof NodeApiError;
		return { error: failure, file, message: isNodeError ? failure.message : `${wording.unexpected ?? ''}${failure.message}` };
	}
	if (file !== undefined && failure.code === 'unreadableFile') {
		return { error: failure, file, message: `File "${file}" cannot be read: ${failure.message}` };
	}
	// A document's validation error lists every problem with its path in the message already.
	if (!failure.field || isIssueList(failure)) return { error: failure, file, field: failure.field || undefined, message: failure.message };
	return { error: failure, file, field: failure.field, message: `${(wording.field ?? fieldNamed)(failure.field)}${failure.message}` };
}

/**
 * The one place an error becomes what n8n shows: a NodeOperationError naming the item and,
 * for a domain error about a field, the field. n8n's own errors pass through unchanged.
 */
export function nodeError(
	context: { getNode(): INode },
	error: unknown,
	itemIndex: number | undefined,
	wording: ErrorWording = {},
): NodeOperationError | NodeApiError {
	const failure = failureOf(error, wording);
	if (failure.error instanceof NodeOperationError || failure.error instanceof NodeApiError) return failure.error;
	return new NodeOperationError(context.getNode(), failure.error, {
		itemIndex,
		message: failure.message,
		description: wording.describe?.(failure.error),
	});
}

/**
 * An input item's failure: thrown as the node error, or with "Continue On Fail" the error
 * item to output in the item's place, paired with it: `{ error, field?, file? }`.
 */
export function failedItem(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	wording: ErrorWording = {},
): INodeExecutionData {
	if (!context.continueOnFail()) throw nodeError(context, error, itemIndex, wording);
	const { error: cause, message, field, file } = failureOf(error, wording);
	return {
		json: {
			...wording.item?.(cause, itemIndex),
			...(file !== undefined ? { file } : {}),
			error: message,
			...(field ? { field } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}
