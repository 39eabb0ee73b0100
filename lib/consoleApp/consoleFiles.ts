import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { contentTypeOf } from './contentTypes';

/** A static answer: status, headers and the body, a string for text (HTML, JavaScript, CSS) or the bytes. */
export interface StaticAnswer {
	status: number;
	headers: Record<string, string>;
	body: string | Buffer;
}

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff' };

/** Vite names built files `<name>-<hash>.<ext>` (an 8-character hash of the content): such a name never changes content. */
const HASHED_NAME = /-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

/** A name that can only be a file directly in assets/: no slashes, no leading dot (so no `..`). */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * The console as this package ships it: `dist/console/` (index.html and assets/), built by
 * Vite with `npm run build`. From the sources (tests), the same folder under the checkout.
 */
export function builtConsoleFolder(): string {
	const root = path.resolve(__dirname, '../..');
	return path.basename(root) === 'dist' ? path.join(root, 'console') : path.join(root, 'dist', 'console');
}

interface CachedFile {
	mtimeMs: number;
	size: number;
	data: Buffer;
	etag: string;
}

const files = new Map<string, CachedFile>();
const listings = new Map<string, { mtimeMs: number; names: Set<string> }>();

/** The file's bytes and ETag, read again only when it changed on disk; undefined when it is not a file. */
function readFile(file: string): CachedFile | undefined {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch {
		return undefined;
	}
	if (!stat.isFile()) return undefined;
	const cached = files.get(file);
	if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
	const data = fs.readFileSync(file);
	const fresh = { mtimeMs: stat.mtimeMs, size: stat.size, data, etag: `"${createHash('sha256').update(data).digest('base64url').slice(0, 27)}"` };
	files.set(file, fresh);
	return fresh;
}

/** The names in assets/, listed again only when the folder changed. */
function assetNames(folder: string): Set<string> {
	const dir = path.join(folder, 'assets');
	let mtimeMs: number;
	try {
		mtimeMs = fs.statSync(dir).mtimeMs;
	} catch {
		return new Set();
	}
	const cached = listings.get(dir);
	if (cached && cached.mtimeMs === mtimeMs) return cached.names;
	const names = new Set(fs.readdirSync(dir));
	listings.set(dir, { mtimeMs, names });
	return names;
}

/**
 * A file of the console's assets/: only a name that is there (no path, no traversal),
 * typed by its extension, with an ETag (304 when the browser has it); a hashed name is
 * cached for a year (`immutable`), anything else revalidated.
 */
export function consoleAsset(folder: string, name: string, ifNoneMatch?: string): StaticAnswer {
	const file = PLAIN_NAME.test(name) && assetNames(folder).has(name) ? readFile(path.join(folder, 'assets', name)) : undefined;
	if (!file) return notFound();
	const { type, text } = contentTypeOf(name);
	const headers = {
		'Content-Type': type,
		'Cache-Control': HASHED_NAME.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
		ETag: file.etag,
		...COMMON_HEADERS,
	};
	if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
		return { status: 304, headers, body: text ? '' : Buffer.alloc(0) };
	}
	return { status: 200, headers, body: text ? file.data.toString('utf8') : file.data };
}

function notFound(): StaticAnswer {
	return {
		status: 404,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...COMMON_HEADERS },
		body: '404 文件不存在 (not found)',
	};
}

/** The page's headers: revalidated each time (a new build changes its asset names), never framed by another page. */
const PAGE_HEADERS = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-cache',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'same-origin',
	...COMMON_HEADERS,
};

/**
 * The console's page (its index.html), with `<base href>` set to where the console is
 * served (`/webhook/console/`: the app's asset and API URLs are relative to it). Without a
 * build, a short page that says so.
 */
export function consolePage(folder: string, basePath: string): StaticAnswer {
	const file = readFile(path.join(folder, 'index.html'));
	if (!file) return { status: 503, headers: { ...PAGE_HEADERS, 'Cache-Control': 'no-store' }, body: NOT_BUILT_PAGE };
	const href = `${basePath.replace(/\/+$/, '')}/`.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);
	return { status: 200, headers: { ...PAGE_HEADERS }, body: file.data.toString('utf8').replace(/<base href="[^"]*"\s*\/?>/, `<base href="${href}">`) };
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>线索监控控制台 · 尚未构建</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#303133;line-height:1.6}code{background:#f4f4f5;padding:0 .3em}</style></head>
<body>
<h1>控制台尚未构建</h1>
<p>这个安装包里没有控制台的网页文件（<code>dist/console/</code>）。请在源码目录运行 <code>npm run build</code> 后重新打包安装，或联系管理员。</p>
<p lang="en">The console's web app is not in this package (<code>dist/console/</code> is missing). Run <code>npm run build</code> in the sources and install the package again.</p>
</body>
</html>
`;
