/**
 * The console's 会话质检 page on generated conversations, in a real browser (run by hand, not a
 * jest test; build the console first with `npm run build`):
 *   npx tsc -p bench/tsconfig.json && ln -sfn "$PWD/rules" .cache/bench/rules && npx node .cache/bench/bench/quality/screenshot.js
 * Serves dist/console and its API (lib/console) on 127.0.0.1 from an in-memory store; writes
 * test-output/quality.png (the page) and quality-session.png (a session's breakdown).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { handleConsoleRequest, type ConsoleContext } from '../../lib/console';
import { consoleAsset, consolePage } from '../../lib/consoleApp';
import { fileSource } from '../../lib/ingest';
import { privacyKeys } from '../../lib/privacy';
import { ingestQualityFile, scoreSessions } from '../../lib/quality';
import { createStaff } from '../../lib/staff';
import { connectStore, migrate } from '../../lib/store';
import { writeConversations } from './generateConversations';

const OUT = join(process.cwd(), 'test-output');
const PASSWORD = 'Spring-Rain-2026';

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const store = await connectStore({ mode: 'embedded', dataDir: ':memory:', schema: 'lead_monitor' });
	await migrate(store);
	const keys = privacyKeys('shot-hashing-key-0123456789', 'shot-encryption-key-0123456789');
	await createStaff(store, { username: 'viewer', displayName: '质检 小王', role: 'viewer', password: PASSWORD, createdBy: 'screenshot' });
	const messages = join(tmpdir(), `quality-shot-${process.pid}.csv`);
	const ratings = join(tmpdir(), `quality-shot-ratings-${process.pid}.csv`);
	await writeConversations(messages, ratings, { sessions: 3000, perSession: 10, seed: 11, now: Date.now() - 60_000 });
	await ingestQualityFile(store, keys, fileSource(messages), { kind: 'messages' });
	await ingestQualityFile(store, keys, fileSource(ratings), { kind: 'ratings' });
	await scoreSessions(store);

	const ctx: ConsoleContext = { store, keys };
	const folder = join(process.cwd(), 'dist', 'console');
	const server = createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const answer = (status: number, headers: Record<string, string>, body: unknown) => {
			response.writeHead(status, headers);
			response.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
		};
		if (url.pathname === '/webhook/console') {
			const page = consolePage(folder, '/webhook/console');
			return answer(page.status, page.headers, page.body);
		}
		if (url.pathname.startsWith('/webhook/console/assets/')) {
			const asset = consoleAsset(folder, url.pathname.split('/').pop() ?? '');
			return answer(asset.status, asset.headers, asset.body);
		}
		const op = url.pathname.split('/api/')[1] ?? '';
		const body = request.method === 'POST' ? JSON.parse((await readBody(request)) || '{}') : undefined;
		const reply = await handleConsoleRequest(ctx, { method: request.method ?? 'GET', op, query: Object.fromEntries(url.searchParams), body, headers: request.headers });
		return answer(reply.status, reply.headers, reply.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	const base = `http://127.0.0.1:${port}/webhook/console`;

	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
		const login = await context.request.post(`${base}/api/session.login`, { data: { username: 'viewer', password: PASSWORD } });
		if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
		const page = await context.newPage();
		await page.goto(`${base}#/quality`);
		await page.locator('.el-rate').first().waitFor({ timeout: 30_000 });
		await page.waitForTimeout(1500);
		await page.screenshot({ path: join(OUT, 'quality.png'), fullPage: true });
		await page.locator('.el-card').nth(2).locator('.el-table__row').first().click();
		await page.locator('.el-drawer .message').first().waitFor({ timeout: 30_000 });
		await page.waitForTimeout(800);
		await page.screenshot({ path: join(OUT, 'quality-session.png'), fullPage: true });
		console.log(`wrote ${join(OUT, 'quality.png')} and quality-session.png`);
	} finally {
		await browser.close();
		server.close();
		await store.close();
	}
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
