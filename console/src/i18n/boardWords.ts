/** The marketing board's words (lib/board, the same on the n8n-rendered board) and the hit statuses' labels (lib/hits). */
import { boardMessages } from '../../../lib/board/boardMessages';
import type { BoardLanguage } from '../../../lib/board/boardQuery';
import { HIT_STATUSES, HIT_STATUS_LABELS } from '../../../lib/hits/hitStatus';

export function boardWords(lang: BoardLanguage) {
	return {
		...boardMessages(lang),
		statuses: Object.fromEntries(HIT_STATUSES.map((status) => [status, HIT_STATUS_LABELS[status][lang]])) as Record<string, string>,
	};
}
