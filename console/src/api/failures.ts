/**
 * What the screens do with a failed call: a message at the form field the server named, or
 * a toast; nothing for a lost session (the app already went to the login page).
 */
import { ElMessage } from 'element-plus';
import { ref, type Ref } from 'vue';

import type { ApiError } from '../../../lib/console/api/contract';
import { messageAt } from '../model/fieldErrors';
import { ApiFailure } from './client';

export function notifyFailure(error: unknown): void {
	if (error instanceof ApiFailure) {
		if (error.status !== 401) ElMessage.error({ message: error.message, grouping: true });
		return;
	}
	ElMessage.error({ message: (error as Error)?.message ?? String(error), grouping: true });
	console.error(error);
}

export interface FormErrors {
	error: Ref<ApiError | null>;
	/** The server's message for this field ('' when none), for el-form-item's `error`. */
	at(field: string): string;
	/** Runs a call; a failure naming a field is shown there, any other as a toast. Undefined on failure. */
	run<T>(work: () => Promise<T>): Promise<T | undefined>;
	clear(): void;
}

export function useFormErrors(): FormErrors {
	const error = ref<ApiError | null>(null);
	return {
		error,
		at: (field) => messageAt(error.value, field),
		clear: () => {
			error.value = null;
		},
		async run(work) {
			error.value = null;
			try {
				return await work();
			} catch (failure) {
				if (failure instanceof ApiFailure && failure.field) {
					error.value = failure.error;
					ElMessage.error({ message: failure.message, grouping: true });
				} else {
					notifyFailure(failure);
				}
				return undefined;
			}
		},
	};
}
