import { DateTime } from 'luxon';

import { DEFAULT_TIME_ZONE } from '../calendar';
import { DomainError } from '../errors';
import type { ConfigKindDefinition } from './ConfigKindDefinition';

/** The active version as a conflict reports it. */
export interface MovedVersion {
	version: number;
	author: string;
	createdAt: string;
	activatedBy: string;
	activatedAt: string;
}

/**
 * Someone else saved or activated a version since the author loaded theirs: nothing was
 * written (no silent overwrite). The message names the version active now and who saved it.
 */
export class ConfigConflictError extends DomainError {
	declare readonly field: string;

	constructor(
		definition: ConfigKindDefinition,
		readonly baseVersion: number,
		readonly activeNow: MovedVersion,
	) {
		super('versionMoved', conflictMessage(definition, baseVersion, activeNow), 'baseVersion');
	}
}

function conflictMessage(definition: ConfigKindDefinition, base: number, now: MovedVersion): string {
	const saved = `${now.author} 于 ${shanghaiTime(now.createdAt)} 保存`;
	const activated =
		now.activatedBy === now.author && now.activatedAt === now.createdAt
			? ''
			: `，${now.activatedBy} 于 ${shanghaiTime(now.activatedAt)} 启用`;
	const savedEn = `saved by ${now.author} at ${shanghaiTime(now.createdAt)}`;
	const activatedEn = activated ? `, activated by ${now.activatedBy} at ${shanghaiTime(now.activatedAt)}` : '';
	return (
		`${definition.label.zh}已被修改：当前生效的是第 ${now.version} 版（${saved}${activated}），` +
		`你的修改基于第 ${base} 版，未保存。请刷新后重新修改。` +
		` (The ${definition.label.en.toLowerCase()} moved: version ${now.version}, ${savedEn}${activatedEn}, is active now;` +
		` your change was based on version ${base} and was not saved. Reload and edit again.)`
	);
}

/** "2026-12-06 10:15" in the bank's time zone. */
function shanghaiTime(iso: string): string {
	return DateTime.fromISO(iso, { zone: DEFAULT_TIME_ZONE }).toFormat('yyyy-MM-dd HH:mm');
}
