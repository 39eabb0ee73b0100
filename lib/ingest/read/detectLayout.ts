import type { DelimiterChoice, FormatChoice } from '../IngestOptions';
import { Utf8Transcoder, type DetectedEncoding } from './fileEncoding';

export interface FileLayout {
	format: 'csv' | 'jsonl';
	/** The CSV delimiter byte. */
	delimiter: number;
}

const CANDIDATES = [',', '\t', ';', '|'];
const utf8 = new TextDecoder('utf-8');

/**
 * Tells CSV from JSON Lines (a first line starting with "{") and picks the CSV delimiter
 * the header line uses most (outside quotes), unless the user chose them.
 */
export function detectLayout(head: Uint8Array, encoding: DetectedEncoding, format: FormatChoice, delimiter: DelimiterChoice): FileLayout {
	const transcoder = new Utf8Transcoder(encoding);
	const text = utf8.decode(transcoder.decode(head));
	const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
	const chosenFormat = format === 'auto' ? (firstLine.trimStart().startsWith('{') ? 'jsonl' : 'csv') : format;
	const chosenDelimiter = delimiter === 'auto' ? mostUsedDelimiter(firstLine) : delimiter;
	return { format: chosenFormat, delimiter: chosenDelimiter.charCodeAt(0) };
}

function mostUsedDelimiter(line: string): string {
	const counts = new Map<string, number>(CANDIDATES.map((candidate) => [candidate, 0]));
	let quoted = false;
	for (const char of line) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
	}
	let best = ',';
	for (const candidate of CANDIDATES) if (counts.get(candidate)! > counts.get(best)!) best = candidate;
	return best;
}
