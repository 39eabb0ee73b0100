import type { INodeProperties } from 'n8n-workflow';

/** What differs between the nodes that read a file, a path or the input items (read by shared/transport/itemFileSources). */
export interface FileInputWording {
	/** The file kinds a binary may be, e.g. "A CSV or JSON Lines file". */
	binaryFile: string;
	/** What the input items hold, e.g. "The messages or ratings". */
	itemsHold: string;
	pathPlaceholder: string;
	/** What each matching file becomes. */
	pathDescription: string;
	/** Shown under Input (e.g. the columns found without mapping). */
	inputDescription?: string;
}

/** Input (binary, path on disk, input items), Input Binary Field and File Path, shown for `show`. */
export function fileInputParameters(show: Record<string, string[]>, wording: FileInputWording): INodeProperties[] {
	return [
		{
			displayName: 'Input',
			name: 'inputSource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Binary File From Previous Node', value: 'binary', description: `${wording.binaryFile} read by a previous node` },
				{ name: 'File Path on Disk', value: 'path', description: 'A file on the n8n server; wildcards load several files' },
				{ name: 'Input Items', value: 'items', description: `${wording.itemsHold} in the input items (a webhook’s body: one object, or a list)` },
			],
			default: 'binary',
			...(wording.inputDescription ? { description: wording.inputDescription } : {}),
			displayOptions: { show },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { ...show, inputSource: ['binary'] } },
		},
		{
			displayName: 'File Path',
			name: 'filePath',
			type: 'string',
			default: '',
			required: true,
			placeholder: wording.pathPlaceholder,
			description: wording.pathDescription,
			displayOptions: { show: { ...show, inputSource: ['path'] } },
		},
	];
}
