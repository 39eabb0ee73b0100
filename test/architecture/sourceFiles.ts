import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** The TypeScript sources under a folder of the repo, as repo-relative paths with forward slashes. */
export function sourceFiles(folder: string): string[] {
	const absolute = join(ROOT, folder);
	return readdirSync(absolute).flatMap((name) => {
		const path = join(absolute, name);
		if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
		return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [relative(ROOT, path).split('\\').join('/')] : [];
	});
}
