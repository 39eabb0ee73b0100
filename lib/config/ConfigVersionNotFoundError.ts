import { DomainError } from '../errors';
import type { ConfigKindDefinition } from './ConfigKindDefinition';

export class ConfigVersionNotFoundError extends DomainError {
	declare readonly field: string;

	constructor(
		definition: ConfigKindDefinition,
		readonly version: number,
	) {
		super(
			'notFound',
			`${definition.label.zh}没有第 ${version} 版 (the ${definition.label.en.toLowerCase()} has no version ${version})`,
			'version',
		);
	}
}
