import * as fs from 'node:fs';

import { packageDataPath } from '../../packageData';
import { WORD_LISTS, type QualityModel, type WordListName } from '../model/QualityModel';

/** The files in rules/quality/words/ each list ships in. */
const FILES: Record<WordListName, string> = {
	rude: 'rude.txt',
	hold: 'hold.txt',
	perfunctoryExempt: 'perfunctory-exempt.txt',
	thanks: 'thanks.txt',
	contactRequest: 'contact-request.txt',
	offTopic: 'off-topic.txt',
	quality: 'quality.txt',
};

/** Each list's words, lower-case (texts are matched lower-case, so `OK` and `ok` are one word). */
export type WordLists = Record<WordListName, readonly string[]>;

const shipped = new Map<WordListName, string[]>();

function shippedList(name: WordListName): string[] {
	let words = shipped.get(name);
	if (!words) {
		words = fs
			.readFileSync(packageDataPath('quality', 'words', FILES[name]), 'utf8')
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter((line) => line !== '' && !line.startsWith('#'));
		shipped.set(name, words);
	}
	return words;
}

/** The shipped lists with the model's own words added. */
export function wordLists(model: Pick<QualityModel, 'words'>): WordLists {
	return Object.fromEntries(
		WORD_LISTS.map((name) => [name, [...new Set([...shippedList(name), ...(model.words?.[name] ?? [])].map((w) => w.toLowerCase()))]]),
	) as unknown as WordLists;
}

/** Whether `lowerText` contains one of the words. */
export function containsAny(lowerText: string, words: readonly string[]): boolean {
	for (const word of words) if (lowerText.includes(word)) return true;
	return false;
}
