import { idCheckChar } from '../../lib/identity/idNumber';

/** A valid 18-character ID number: region code + YYYYMMDD + 3-digit sequence + computed check character. */
export function makeIdNumber(region: string, birth: string, sequence: string): string {
	const first17 = `${region}${birth}${sequence}`;
	if (first17.length !== 17) throw new Error(`bad fixture ${first17}`);
	return first17 + idCheckChar(first17);
}

/** The same number with its check character replaced by a wrong one. */
export function withWrongCheckChar(id: string): string {
	const right = id[17];
	const wrong = right === '1' ? '2' : '1';
	return id.slice(0, 17) + wrong;
}
