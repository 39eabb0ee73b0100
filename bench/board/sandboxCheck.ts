/**
 * Drives the board in Chromium the way n8n serves it — behind basic auth, with n8n's
 * webhook HTML sandbox (Content-Security-Policy: sandbox …, no same-origin) — and clicks
 * through it: a row action, the "more" menu, a batch SMS with its confirmation, a filter,
 * the pager and the language switch. Run by hand (not a jest test):
 *   npx tsc -p bench/tsconfig.json && npx node .cache/bench/bench/board/sandboxCheck.js
 * Prints each step; screenshots go to test-output/board-flow-*.png.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseForm } from 'node:querystring';
import { chromium, type Page } from 'playwright-core';

import {
	boardRedirect,
	changeHitStatuses,
	loadBoard,
	parseBoardAction,
	parseBoardQuery,
	renderBoardPage,
	selectHitsForPush,
} from '../../lib/board';
import { connectStore, migrate, type Store } from '../../lib/store';
import { seedBoardFixture } from './boardFixture';

/** What n8n 2.40 sends with HTML from a webhook (n8n-core getHtmlSandboxCSP). */
const N8N_SANDBOX_CSP =
	'sandbox allow-downloads allow-forms allow-modals allow-orientation-lock allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-presentation allow-scripts allow-top-navigation-by-user-activation allow-top-navigation-to-custom-protocols';
const LOGIN = { username: 'board', password: 'board-password' };
const OUT = join(process.cwd(), 'test-output');

function authorised(request: IncomingMessage): boolean {
	const expected = `Basic ${Buffer.from(`${LOGIN.username}:${LOGIN.password}`).toString('base64')}`;
	return request.headers.authorization === expected;
}

async function handle(store: Store, request: IncomingMessage, response: ServerResponse): Promise<void> {
	if (!authorised(request)) {
		response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="Webhook"' }).end();
		return;
	}
	const url = new URL(request.url ?? '/', 'http://localhost');
	if (request.method === 'GET' && url.pathname === '/webhook/lead-board') {
		const data = await loadBoard(store, parseBoardQuery(Object.fromEntries(url.searchParams)));
		response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': N8N_SANDBOX_CSP });
		response.end(renderBoardPage(data));
		return;
	}
	if (request.method === 'POST' && url.pathname === '/webhook/lead-board-actions') {
		let text = '';
		for await (const chunk of request) text += chunk;
		// n8n parses urlencoded bodies with node:querystring: repeated keys become arrays.
		const action = parseBoardAction(parseForm(text));
		const result =
			action.kind === 'status' ? await changeHitStatuses(store, action.hitIds, action.status!) : await selectHitsForPush(store, action.hitIds, action.kind);
		console.log(`  POST ${action.kind} ${action.status ?? ''} hits ${action.hitIds.join(',')} (origin: ${request.headers.origin})`);
		response.writeHead(303, { Location: boardRedirect('lead-board', action, result.notice) }).end();
		return;
	}
	response.writeHead(404).end();
}

async function step(name: string, page: Page, check: () => Promise<string>): Promise<void> {
	const result = await check();
	await page.screenshot({ path: join(OUT, `board-flow-${name}.png`) });
	console.log(`${name}: ${result}`);
}

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const store = await connectStore({ mode: 'embedded', dataDir: ':memory:', schema: 'lead_monitor' });
	await migrate(store);
	await seedBoardFixture(store, { hits: 300, now: new Date() });
	const server = createServer((request, response) => {
		handle(store, request, response).catch((error) => {
			console.error(error);
			response.writeHead(500).end(String(error));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/lead-board`;
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	try {
		const context = await browser.newContext({ httpCredentials: LOGIN, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
		const page = await context.newPage();
		page.on('pageerror', (error) => console.error('  page error:', error.message));
		page.on('dialog', (dialog) => {
			console.log(`  dialog: ${dialog.message()}`);
			void dialog.accept();
		});
		await page.goto(base);
		await step('open', page, async () => `KPI total ${await page.locator('#kpi-total .kpi-value').innerText()}; ${await page.locator('#list-range').innerText()}`);

		const firstRow = page.locator('tbody tr').first();
		const firstId = await firstRow.getAttribute('data-hit-id');
		await firstRow.locator('button.link-btn').click();
		await page.waitForURL(/notice=status/);
		await step('row-action', page, async () => {
			const row = page.locator(`tr[data-hit-id="${firstId}"]`);
			return `${page.url().split('?')[1]} | ${await page.locator('.notice').innerText()} | row ${firstId}: ${await row.locator('.status').innerText()}`;
		});

		const second = page.locator('tbody tr').nth(1);
		await second.locator('details.menu summary').click();
		await step('menu-open', page, async () => `menu items: ${(await second.locator('.menu-list button').allInnerTexts()).join(' / ')}`);
		await second.locator('.menu-list button[value="contact_failed"]').click();
		await page.waitForURL(/notice=status\.1\.0\.contact_failed/);
		await step('menu-action', page, async () => page.locator('.notice').innerText());

		const batchButton = page.locator('#batch-form button[value="sms"]');
		const disabledBefore = await batchButton.isDisabled();
		await page.locator('tbody tr').nth(2).locator('input[type=checkbox]').check();
		await page.locator('tbody tr').nth(3).locator('input[type=checkbox]').check();
		await step('selected', page, async () => `button disabled before selecting: ${disabledBefore}; now: ${await batchButton.isDisabled()}; ${await page.locator('.batch-count').innerText()}`);
		await batchButton.click();
		await page.waitForURL(/notice=sms\.2\.0/);
		await step('batch-sms', page, async () => page.locator('.notice').innerText());

		await page.locator('select[name="grade"]').selectOption('A');
		await page.waitForURL(/grade=A/);
		await step('filter', page, async () => `${page.url().split('?')[1]} | ${await page.locator('#list-range').innerText()}`);

		await page.locator('.pager a', { hasText: '下一页' }).click();
		await page.waitForURL(/page=2/);
		await step('next-page', page, async () => `${page.url().split('?')[1]} | ${await page.locator('#list-range').innerText()}`);

		await page.locator('#board-search').fill('关键行为');
		await page.locator('#board-search').press('Enter');
		await page.waitForURL(/q=/);
		await step('search', page, async () => `${decodeURIComponent(page.url().split('?')[1])} | ${await page.locator('#list-range').innerText()}`);

		await page.locator('a.lang').click();
		await page.waitForURL(/lang=en/);
		await step('english', page, async () => `${await page.locator('h1').innerText()} | ${await page.locator('#list-range').innerText()}`);
	} finally {
		await browser.close();
		server.close();
		await store.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
