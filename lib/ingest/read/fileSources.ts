import type { Stats } from 'node:fs';
import { glob, open as openFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

import { CallLogFileError } from '../CallLogFileError';
import type { CallLogSource } from './CallLogSource';

const READ_CHUNK_BYTES = 1024 * 1024;

/** A file on disk, read into one reused buffer (a gigabyte file makes no garbage). */
export function fileSource(path: string): CallLogSource {
	const source: CallLogSource = {
		name: path,
		async open() {
			source.size = (await assertReadableFile(path)).size;
			return readFileChunks(path);
		},
	};
	return source;
}

async function* readFileChunks(path: string): AsyncIterable<Uint8Array> {
	const file = await openFile(path, 'r');
	try {
		const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
		for (;;) {
			const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
			if (bytesRead === 0) return;
			yield buffer.subarray(0, bytesRead);
		}
	} finally {
		await file.close();
	}
}

/** Bytes already in memory (small binary data n8n keeps in the execution). */
export function bufferSource(name: string, buffer: Uint8Array): CallLogSource {
	return {
		name,
		size: buffer.length,
		async open() {
			return chunksOf(buffer);
		},
	};
}

async function* chunksOf(buffer: Uint8Array): AsyncIterable<Uint8Array> {
	for (let offset = 0; offset < buffer.length; offset += READ_CHUNK_BYTES) {
		yield buffer.subarray(offset, offset + READ_CHUNK_BYTES);
	}
}

/**
 * The files a path names: itself, or with `*`, `?`, `[...]` or `{a,b}` the matching files
 * in name order. Relative paths are taken from the n8n process's working directory.
 */
export async function filesForPath(pattern: string): Promise<string[]> {
	const trimmed = pattern.trim();
	if (!trimmed) throw new CallLogFileError('(empty path)', 'notFound', '未填写文件路径 (the file path is empty)');
	if (!/[*?[{]/.test(trimmed)) {
		await assertReadableFile(trimmed);
		return [trimmed];
	}
	const matches: string[] = [];
	for await (const match of glob(trimmed)) {
		const file = isAbsolute(match) ? match : resolve(match);
		if ((await stat(file).catch(() => undefined))?.isFile()) matches.push(file);
	}
	if (matches.length === 0) {
		throw new CallLogFileError(trimmed, 'notFound', '没有匹配的文件 (no file matches this pattern)');
	}
	return matches.sort();
}

async function assertReadableFile(path: string): Promise<Stats> {
	let info;
	try {
		info = await stat(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new CallLogFileError(path, 'notFound', '文件不存在 (no such file)');
		throw new CallLogFileError(path, 'unreadable', `无法访问文件 (cannot access the file: ${code ?? (error as Error).message})`);
	}
	if (!info.isFile()) throw new CallLogFileError(path, 'unreadable', '这不是一个文件 (the path is not a file)');
	return info;
}
