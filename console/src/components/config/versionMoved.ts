/** The answer to a save or roll back that lost the race: someone else changed the active version meanwhile. */
import { ElMessageBox } from 'element-plus';

import { ApiFailure } from '../../api/client';
import { t } from '../../i18n';

export function isVersionMoved(error: unknown): boolean {
	return error instanceof ApiFailure && (error.code === 'versionMoved' || error.status === 409);
}

/** Tells the person and asks what to do: true to load the latest version, false to keep their edits. */
export async function askAfterVersionMoved(latestVersion: number): Promise<boolean> {
	try {
		await ElMessageBox.confirm(t.value.rules.versionMovedText(latestVersion), t.value.rules.versionMoved, {
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
