/**
 * A stored, versioned configuration being edited: the active version, the draft, the version the
 * draft started from, and the save that sends both — told, when someone else moved the active
 * version meanwhile, who did it and whether to load theirs or keep editing (no silent overwrite).
 */
import { ElMessageBox } from 'element-plus';
import { computed, ref, shallowRef, type Ref } from 'vue';

import type { ActiveConfig, ApiError } from '../../../../lib/console/api/contract';
import { ApiFailure } from '../../api/client';
import { notifyFailure } from '../../api/failures';
import { cloneJson, sameJson } from '../../model/json';
import { askAfterVersionMoved, isVersionMoved } from './versionMoved';

export interface VersionedDocument<Body> {
	/** Reads the active version. */
	active(): Promise<ActiveConfig<Body>>;
	/** Saves a new version made from `baseVersion`; the server answers 409 when the active one moved. */
	save(body: Body, note: string, baseVersion: number): Promise<{ active: ActiveConfig<Body> }>;
	/** The draft a version starts as (default: a copy of its body), e.g. with defaults filled in. */
	draftOf?(body: Body): Body;
}

/** How a save ended: stored; the version had moved (the person chose); refused with a field problem; or not reached. */
export type SaveOutcome<Body> = { outcome: 'saved'; saved: ActiveConfig<Body> } | { outcome: 'moved' | 'refused' | 'failed' };

export function useVersionedDraft<Body>(document: VersionedDocument<Body>, onAdopt?: (doc: ActiveConfig<Body>) => void) {
	const active = shallowRef<ActiveConfig<Body> | null>(null);
	const draft = ref<Body | null>(null) as Ref<Body | null>;
	const baseVersion = ref(0);
	/** The server's problem with the last save, at its field. */
	const saveError = ref<ApiError | null>(null);
	const saving = ref(false);
	const draftOf = (body: Body) => (document.draftOf ? document.draftOf(body) : cloneJson(body));
	const dirty = computed(() => draft.value !== null && active.value !== null && !sameJson(draft.value, draftOf(active.value.body)));

	function adopt(doc: ActiveConfig<Body>) {
		active.value = doc;
		baseVersion.value = doc.version;
		draft.value = draftOf(doc.body);
		saveError.value = null;
		onAdopt?.(doc);
	}

	async function load(): Promise<void> {
		adopt(await document.active());
	}

	/** Back to the active version, once the person confirms (`question`: the dialog's words). */
	async function discard(question: { message: string; title: string }): Promise<void> {
		if (!active.value) return;
		try {
			await ElMessageBox.confirm(question.message, question.title, { type: 'warning' });
		} catch {
			return;
		}
		adopt(active.value);
	}

	async function save(note: string): Promise<SaveOutcome<Body>> {
		saving.value = true;
		try {
			return await saveDraft(note);
		} finally {
			saving.value = false;
		}
	}

	async function saveDraft(note: string): Promise<SaveOutcome<Body>> {
		if (draft.value === null) return { outcome: 'failed' };
		saveError.value = null;
		try {
			const saved = await document.save(cloneJson(draft.value), note, baseVersion.value);
			adopt(saved.active);
			return { outcome: 'saved', saved: saved.active };
		} catch (error) {
			if (isVersionMoved(error)) {
				const latest = await document.active();
				if (await askAfterVersionMoved(latest)) adopt(latest);
				else {
					active.value = latest;
					baseVersion.value = latest.version;
				}
				return { outcome: 'moved' };
			}
			notifyFailure(error);
			if (!(error instanceof ApiFailure)) return { outcome: 'failed' };
			saveError.value = error.error;
			return { outcome: 'refused' };
		}
	}

	return { active, draft, baseVersion, saveError, saving, dirty, adopt, load, save, discard };
}
