import type { AuditAction } from '../../audit';
import { activateConfig, activeConfig, configHistory, configVersion, saveConfig, type ConfigKindDefinition } from '../../config';
import { ruleSetConfig } from '../../monitor';
import { frequenciesConfig, policyConfig } from '../../push';
import { scoringConfig } from '../../scoring';
import { ConsoleError } from '../ConsoleError';
import { notAvailable, signedIn, type Operation } from '../operation';
import { readInteger, readPage, readText } from '../readInput';

/** The configuration kind each group of operations edits (`rules.save` saves the rule set). */
const KINDS = { rules: ruleSetConfig, policy: policyConfig, frequencies: frequenciesConfig, scoring: scoringConfig } as const;
type Prefix = keyof typeof KINDS;
type ConfigOp = 'active' | 'history' | 'version' | 'save' | 'activate';

/** active / history / version / save / activate of one kind; a save or activation that changes the active version is audited in its transaction. */
function configOps<P extends Prefix>(prefix: P): Record<`${P}.${ConfigOp}`, Operation> {
	const definition = KINDS[prefix] as ConfigKindDefinition;
	const ops: Record<ConfigOp, Operation> = {
		active: signedIn(async ({ ctx }) => activeConfig(ctx.store, definition)),
		history: signedIn(async ({ ctx, input }) => {
			const { page, pageSize } = readPage(input);
			return configHistory(ctx.store, definition, { page, pageSize });
		}),
		version: signedIn(async ({ ctx, input }) => configVersion(ctx.store, definition, readInteger(input, 'version', { min: 1, required: true }) as number)),
		save: signedIn(async ({ ctx, input, staff, audit }) => {
			if (input.body === undefined || input.body === null) throw new ConsoleError('invalid', '缺少配置内容 (body is required)', 'body');
			const note = readText(input, 'note', { max: 500 }) ?? '';
			const baseVersion = readInteger(input, 'baseVersion', { min: 1, required: true }) as number;
			return saveConfig(ctx.store, definition, input.body, {
				author: staff.username,
				note,
				baseVersion,
				onWritten: (tx, saved) => audit(tx, `${prefix}.save` as AuditAction, `${definition.kind} v${saved.version}`, { note, baseVersion, version: saved.version }),
			});
		}),
		activate: signedIn(async ({ ctx, input, staff, audit }) => {
			const version = readInteger(input, 'version', { min: 1, required: true }) as number;
			const baseVersion = readInteger(input, 'baseVersion', { min: 1, required: true }) as number;
			return activateConfig(ctx.store, definition, version, {
				author: staff.username,
				baseVersion,
				onWritten: (tx) => audit(tx, `${prefix}.activate` as AuditAction, `${definition.kind} v${version}`, { baseVersion, version }),
			});
		}),
	};
	return Object.fromEntries(Object.entries(ops).map(([name, op]) => [`${prefix}.${name}`, op])) as Record<`${P}.${ConfigOp}`, Operation>;
}

export const configurationOps = {
	...configOps('rules'),
	...configOps('policy'),
	...configOps('frequencies'),
	...configOps('scoring'),
	// TODO(merge): the coverage preview (estimate first, then exact, and the diff against the active version) is the preview part's.
	'rules.coverage': notAvailable('覆盖线索预估'),
};
