import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { builtConsoleFolder, consoleAsset, consolePage } from '../../lib/consoleApp';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'console-files-'));

beforeAll(() => {
	fs.mkdirSync(path.join(folder, 'assets'));
	fs.writeFileSync(path.join(folder, 'index.html'), '<html><head>\n<base href="/webhook/console/">\n</head><body></body></html>');
	fs.writeFileSync(path.join(folder, 'assets', 'element-plus-CyqQWTzx.css'), 'body{}');
	fs.writeFileSync(path.join(folder, 'assets', 'index-Dnj-pimt.js'), 'export {};');
	fs.writeFileSync(path.join(folder, 'assets', 'font-Ab3_xY9z.woff2'), Buffer.from([1, 2, 3]));
	fs.writeFileSync(path.join(folder, 'assets', 'notes.txt'), 'plain');
	fs.mkdirSync(path.join(folder, 'assets', 'nested'));
	fs.writeFileSync(path.join(folder, 'assets', 'nested', 'x.js'), 'nested');
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('the console page', () => {
	it('sets <base href> to where the console is served, escaped', () => {
		expect(consolePage(folder, '/n8n/webhook/console').body).toContain('<base href="/n8n/webhook/console/">');
		expect(consolePage(folder, '/webhook/console/').body).toContain('<base href="/webhook/console/">');
		expect(consolePage(folder, '/a"><script>').body).toContain('<base href="/a&#34;&#62;&#60;script&#62;/">');
	});

	it('is revalidated every time and never framed; without a build it says so (503)', () => {
		expect(consolePage(folder, '/webhook/console').headers).toMatchObject({ 'Cache-Control': 'no-cache', 'X-Frame-Options': 'DENY' });
		const missing = consolePage(path.join(folder, 'nope'), '/webhook/console');
		expect(missing.status).toBe(503);
		expect(missing.body).toContain('npm run build');
	});

	it("finds the package's build beside dist/lib (and under dist/ from the sources)", () => {
		expect(builtConsoleFolder()).toBe(path.resolve(__dirname, '../../dist/console'));
	});
});

describe('the console assets', () => {
	it('types files by extension: text as a string, the rest as bytes', () => {
		expect(consoleAsset(folder, 'index-Dnj-pimt.js')).toMatchObject({ status: 200, body: 'export {};', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
		expect(consoleAsset(folder, 'element-plus-CyqQWTzx.css').headers['Content-Type']).toBe('text/css; charset=utf-8');
		const font = consoleAsset(folder, 'font-Ab3_xY9z.woff2');
		expect(font.headers['Content-Type']).toBe('font/woff2');
		expect(font.body).toEqual(Buffer.from([1, 2, 3]));
	});

	it('caches hashed names for a year, revalidates the others; 304 for a matching ETag', () => {
		const hashed = consoleAsset(folder, 'index-Dnj-pimt.js');
		expect(hashed.headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
		expect(hashed.headers.ETag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
		expect(consoleAsset(folder, 'notes.txt').headers['Cache-Control']).toBe('no-cache');
		expect(consoleAsset(folder, 'index-Dnj-pimt.js', `W/"other", ${hashed.headers.ETag}`)).toMatchObject({ status: 304, body: '' });
		expect(consoleAsset(folder, 'index-Dnj-pimt.js', '"other"').status).toBe(200);
	});

	it('sees a changed file', () => {
		const file = path.join(folder, 'assets', 'notes.txt');
		const before = consoleAsset(folder, 'notes.txt');
		fs.writeFileSync(file, 'changed text');
		fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
		const after = consoleAsset(folder, 'notes.txt');
		expect(after.body).toBe('changed text');
		expect(after.headers.ETag).not.toBe(before.headers.ETag);
	});

	it.each(['', '.', '..', '../index.html', '..\\index.html', 'nested', 'nested/x.js', '/etc/passwd', '%2e%2e%2findex.html', '.hidden', 'missing-AAAAAAAA.js'])(
		'answers 404 for %j',
		(name) => {
			expect(consoleAsset(folder, name)).toMatchObject({ status: 404, headers: { 'Cache-Control': 'no-store' } });
		},
	);
});
