import type { AuditAction } from '../../audit';
import { activateConfig, activeConfig, configHistory, configVersion, saveConfig, type ConfigKindDefinition } from '../../config';
import { coveragePreview, ruleSetConfig } from '../../monitor';
import { windowEndFor } from '../../rules';
import { frequenciesConfig, policyConfig } from '../../push';
import { ConsoleError } from '../ConsoleError';
import { signedIn, type Operation } from '../operation';
import { readChoice, readInteger, readPage, readText } from '../readInput';

/** The configuration kind each group of operations edits (`rules.save` saves the rule set). */
const KINDS = { rules: ruleSetConfig, policy: policyConfig, frequencies: frequenciesConfig } as const;
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

/**
 * 当前配置覆盖线索预估 of the rule set being edited (validated as a save is, so a bad field is
 * named), against the active version, over the days up to yesterday: the sample estimate
 * or the exact figures. Reads only; not audited.
 */
const coverage = signedIn(async ({ ctx, input, now }) => {
	const days = readInteger(input, 'days', { min: 1, max: 30, required: true }) as number;
	const mode = readChoice(input, 'mode', ['estimate', 'exact'] as const, 'exact')!;
	if (input.ruleSet === undefined || input.ruleSet === null) throw new ConsoleError('invalid', '缺少监控指标 (ruleSet is required)', 'ruleSet');
	const ruleSet = ruleSetConfig.validate(input.ruleSet);
	const active = await activeConfig(ctx.store, ruleSetConfig);
	return coveragePreview(ctx.store, ruleSet, { mode, days, base: active.body, lastDay: windowEndFor(now) });
});

export const configurationOps = {
	...configOps('rules'),
	...configOps('policy'),
	...configOps('frequencies'),
	'rules.coverage': coverage,
};
