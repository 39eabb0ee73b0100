import type { PushFrequencies, TierGrade } from './PushFrequencies';

/** The pending hits a tier pushes: of these grades (but not of `exceptRules`), or of these rules. */
export interface TierHits {
	grades: TierGrade[];
	rules: string[];
	/** Rules with a tier of their own: their hits go with that tier, whatever their grade. */
	exceptRules: string[];
}

/**
 * Which hits a tier selects. A hit belongs to one tier at most: the tier naming its rule
 * (the more specific choice) if there is one, else the tier naming its grade.
 */
export function tierHits(frequencies: PushFrequencies, tierId: string): TierHits {
	const tier = frequencies.tiers.find((t) => t.id === tierId);
	if (!tier) throw new Error(`No push tier "${tierId}" (tiers: ${frequencies.tiers.map((t) => t.id).join(', ')})`);
	if (tier.rules) return { grades: [], rules: [...tier.rules], exceptRules: [] };
	const ruleTiers = frequencies.tiers.flatMap((t) => t.rules ?? []);
	return { grades: [...(tier.grades ?? [])], rules: [], exceptRules: [...new Set(ruleTiers)] };
}

/** The tier a hit belongs to, or undefined when no tier selects it (it is not pushed). */
export function tierOfHit(frequencies: PushFrequencies, hit: { ruleId: string; grade: string | null }): string | undefined {
	const byRule = frequencies.tiers.find((t) => t.rules?.includes(hit.ruleId));
	if (byRule) return byRule.id;
	return frequencies.tiers.find((t) => hit.grade !== null && t.grades?.includes(hit.grade as TierGrade))?.id;
}
