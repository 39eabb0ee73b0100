import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { activeConfig, saveConfig, type ConfigKindDefinition } from '../../lib/config';
import type { Store } from '../../lib/store';
import { stringParameter } from './parameters';

/** lib/config keeps at most this many characters of an author. */
const MAX_AUTHOR = 100;

/**
 * Who publishes from n8n: "n8n: <workflow> / <node>". n8n gives a node the id of the user
 * who started a manual execution, not their name; with one, it is named too.
 */
export function publishAuthor(context: IExecuteFunctions): string {
	const workflow = context.getWorkflow();
	const where = `${workflow.name ?? workflow.id ?? 'workflow'} / ${context.getNode().name}`;
	const userId = context.getExecutionContext?.()?.executedByUserId;
	const author = userId ? `n8n user ${userId}: ${where}` : `n8n: ${where}`;
	return author.length > MAX_AUTHOR ? `${author.slice(0, MAX_AUTHOR - 1)}…` : author;
}

/**
 * The Publish operation: saves `body` as a new version of the saved configuration and makes
 * it active, with the node's Note and Based On Version (0: the version active now). A body
 * equal to the active version saves nothing. Someone else's version in between is a
 * ConfigConflictError naming who saved it; nothing is written then.
 */
export async function publishConfig<Body>(
	context: IExecuteFunctions,
	itemIndex: number,
	store: Store,
	definition: ConfigKindDefinition<Body>,
	body: Body,
): Promise<IDataObject> {
	const note = stringParameter(context, 'note', itemIndex);
	const given = Number(context.getNodeParameter('baseVersion', itemIndex, 0));
	const baseVersion = given > 0 ? given : (await activeConfig(store, definition)).version;
	const { created, active } = await saveConfig(store, definition, body, { author: publishAuthor(context), note, baseVersion });
	return {
		kind: definition.kind,
		published: created,
		version: active.version,
		basedOn: active.basedOn,
		author: active.author,
		note: active.note,
		createdAt: active.createdAt,
		checksum: active.checksum,
		message: created
			? `${definition.label.zh}已保存为第 ${active.version} 版并生效 (saved as version ${active.version}, now active)`
			: `与当前生效的第 ${active.version} 版相同，未保存新版本 (the same as active version ${active.version}: nothing saved)`,
	};
}
