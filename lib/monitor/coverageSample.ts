/**
 * The coverage estimate's fixed sample: the ID hashes whose first hash byte (after the
 * version byte) is below 4, i.e. 4 / 256 = 1/64 of all IDs. Keyed HMAC hashes are uniform,
 * so every roster and every day gets the same share; the same IDs stay in the sample from
 * one preview to the next, so estimates of two edits differ by the rules, not by the draw.
 * Migration 11 keeps the sample in two partial indexes; these predicates must read exactly
 * as the indexes' (PostgreSQL proves an index applies by comparing the expressions).
 */
export const SAMPLE_SHARE = 1 / 64;

/** The sampled call events (alias e). */
export const SAMPLED_EVENTS = `substr(e.id_hash, 2, 1) < '\\x04'::bytea`;

/** The sampled roster leads (alias l). */
export const SAMPLED_LEADS = `substr(l.id_key, 2, 1) < '\\x04'::bytea`;

/** A count seen in the sample, scaled to the whole. */
export function scaleUp(sampled: number): number {
	return Math.round(sampled / SAMPLE_SHARE);
}

/**
 * The ± margin at 95 % of a scaled count, in leads: each lead is in the sample with
 * probability p independently of the rules, so k sampled matches estimate k / p with
 * variance k (1 − p) / p² (binomial, normal approximation). With no match at all, the
 * rule of three: the whole may still hold up to 3 / p.
 */
export function margin95(sampled: number): number {
	const p = SAMPLE_SHARE;
	if (sampled === 0) return Math.round(3 / p);
	return Math.round((1.96 * Math.sqrt(sampled * (1 - p))) / p);
}
