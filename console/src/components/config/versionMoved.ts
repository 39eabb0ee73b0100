/** The answer to a save or roll back that lost the race: someone else changed the active version meanwhile. */
import { ElMessageBox } from 'element-plus';

import type { ActiveConfig } from '../../../../lib/console/api/contract';
import { ApiFailure } from '../../api/client';
import { formatDateTime, t } from '../../i18n';

export function isVersionMoved(error: unknown): boolean {
	return error instanceof ApiFailure && (error.code === 'versionMoved' || error.status === 409);
}

/** Tells the person who moved it and when, and asks what to do: true to load the latest version, false to keep their edits. */
export async function askAfterVersionMoved(latest: ActiveConfig): Promise<boolean> {
	const by = latest.activatedBy;
	const at = formatDateTime(latest.activatedAt);
	try {
		await ElMessageBox.confirm(t.value.rules.versionMovedText(latest.version, by, at), t.value.rules.versionMoved, {
			type: 'warning',
			confirmButtonText: t.value.rules.reloadLatest,
			cancelButtonText: t.value.rules.keepEditing,
			distinguishCancelAndClose: true,
		});
		return true;
	} catch {
		return false;
	}
}
