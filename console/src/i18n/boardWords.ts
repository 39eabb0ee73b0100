/** Words kept in lib so every output says the same: the marketing board's (lib/board), the hit statuses' (lib/hits), the lead flags' (lib/roster). */
import { boardMessages } from '../../../lib/board/boardMessages';
import type { BoardLanguage } from '../../../lib/board/boardQuery';
import { HIT_STATUSES, HIT_STATUS_LABELS } from '../../../lib/hits/hitStatus';
import { LEAD_FLAG_LABELS } from '../../../lib/roster/leadFlagLabels';

export function boardWords(lang: BoardLanguage) {
	return {
		...boardMessages(lang),
		statuses: Object.fromEntries(HIT_STATUSES.map((status) => [status, HIT_STATUS_LABELS[status][lang]])) as Record<string, string>,
	};
}

export function leadFlagWords(lang: BoardLanguage): Record<string, string> {
	return Object.fromEntries(Object.entries(LEAD_FLAG_LABELS).map(([flag, label]) => [flag, label[lang]]));
}
