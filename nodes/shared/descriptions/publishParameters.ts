import type { INodeProperties } from 'n8n-workflow';

/** The Publish operation's own parameters: the note kept with the new version, and the version it is based on. */
export function publishParameters(what: { zh: string; en: string }): INodeProperties[] {
	const show = { operation: ['publish'] };
	return [
		{
			displayName: `Saves the ${what.en} configured above as a new version of the saved configuration (${what.zh}, 已保存配置) and makes it the active one: every workflow reading the saved configuration uses it from its next run. The version history and roll back are in the console.`,
			name: 'publishNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
		{
			displayName: 'Note (备注)',
			name: 'note',
			type: 'string',
			default: '',
			placeholder: '阈值由 3 次调整为 4 次',
			description: 'What changed and why; the version history shows it',
			displayOptions: { show },
		},
		{
			displayName: 'Based On Version (基于版本)',
			name: 'baseVersion',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'The version this change was made from. If another version became active since, nothing is saved and the node says who changed it. 0: the version active when the node runs.',
			displayOptions: { show },
		},
	];
}
