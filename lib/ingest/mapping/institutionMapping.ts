import { parseList, parseMappingText } from './mappingText';

export interface InstitutionRules {
	/** Code or name in the file → the institution name stored. */
	rename: Map<string, string>;
	/** Stored names the ingest keeps; empty keeps every institution. */
	keep: Set<string>;
}

/** Institution values are compared trimmed, with runs of spaces collapsed. */
export function normaliseInstitution(value: string): string {
	return value.trim().replace(/[\s\u3000]+/g, ' ');
}

export function buildInstitutionRules(mappingText: string | undefined, filterText: string | undefined): InstitutionRules {
	const rename = new Map<string, string>();
	for (const [from, to] of parseMappingText(mappingText, 'Institution mapping (机构映射)')) {
		rename.set(normaliseInstitution(from), normaliseInstitution(to));
	}
	return { rename, keep: new Set(parseList(filterText).map(normaliseInstitution)) };
}
