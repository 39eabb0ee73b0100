/**
 * Renders the board with realistic data and takes screenshots (run by hand, not a jest test):
 *   npx tsc -p bench/tsconfig.json && npx node .cache/bench/bench/board/screenshot.js
 * Writes test-output/board.html, board.png (desktop), board-en.png and board-mobile.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { seedBoardFixture } from './boardFixture';
import { loadBoard, parseBoardQuery, renderBoardPage } from '../../lib/board';
import { connectStore, migrate } from '../../lib/store';

const OUT = join(process.cwd(), 'test-output');
const NOW = new Date('2025-12-23T03:30:00Z');

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const store = await connectStore({ mode: 'embedded', dataDir: ':memory:', schema: 'lead_monitor' });
	await migrate(store);
	await seedBoardFixture(store, { hits: Number(process.env.BOARD_HITS ?? 1250), now: NOW });
	const pages: Array<[string, Record<string, string>, { width: number; height: number }]> = [
		['board', { notice: 'sms.5.0' }, { width: 1440, height: 900 }],
		['board-en', { lang: 'en', status: 'pending', page: '3' }, { width: 1440, height: 900 }],
		['board-mobile', {}, { width: 390, height: 844 }],
	];
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	try {
		for (const [name, query, viewport] of pages) {
			const data = await loadBoard(store, parseBoardQuery(query), { now: NOW });
			const html = renderBoardPage(data);
			writeFileSync(join(OUT, `${name}.html`), html);
			const page = await browser.newPage({ viewport, locale: query.lang === 'en' ? 'en-US' : 'zh-CN' });
			await page.setContent(html);
			if (name === 'board') await page.locator('input[type="checkbox"][name="hitIds"]').nth(1).check();
			await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
			await page.close();
		}
	} finally {
		await browser.close();
		await store.close();
	}
	console.log(`screenshots in ${OUT}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
