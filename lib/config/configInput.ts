import { DomainError } from '../errors';

const MAX_AUTHOR = 100;
const MAX_NOTE = 500;

/** Who saves or activates: required, as the history and the audit log name them. */
export function checkedAuthor(author: string): string {
	const trimmed = typeof author === 'string' ? author.trim() : '';
	if (!trimmed) throw new DomainError('invalidAuthor', '缺少操作人 (who is saving is required)', 'author');
	if (trimmed.length > MAX_AUTHOR) {
		throw new DomainError('invalidAuthor', `操作人不能超过 ${MAX_AUTHOR} 个字符 (author is too long)`, 'author');
	}
	return trimmed;
}

export function checkedNote(note: string | undefined): string {
	const trimmed = (note ?? '').trim();
	if (trimmed.length > MAX_NOTE) {
		throw new DomainError('invalidNote', `备注不能超过 ${MAX_NOTE} 个字符 (the note is longer than ${MAX_NOTE} characters)`, 'note');
	}
	return trimmed;
}

export function checkedVersion(value: number, field: 'version' | 'baseVersion'): number {
	if (!Number.isInteger(value) || value < 1) {
		throw new DomainError('invalidVersion', `${field} 应为正整数 (must be a version number, got ${JSON.stringify(value)})`, field);
	}
	return value;
}
