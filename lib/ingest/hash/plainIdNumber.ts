import { ymdFromEpochDays } from '../../identity/idNumber';

export { checkPlainId18, type PlainIdProblem } from '../../identity/idNumber';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today in China as YYYYMMDD (birth dates may not be later), for a given moment. */
export function chinaToday(nowMs = Date.now()): number {
	return ymdFromEpochDays(Math.floor((nowMs + CHINA_OFFSET_MS) / DAY_MS));
}
