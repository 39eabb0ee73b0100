import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (playwright cannot download browsers here); .ci/run installs it when missing. */
export const CHROMIUM_PATH = process.env.LEAD_MONITOR_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true, timeout: 60_000 });
}

/** A page logged in to the board with basic auth, as a member of staff would be. */
export async function openBoard(browser: Browser, boardUrl: string, login: { user: string; password: string }): Promise<Page> {
	const context = await browser.newContext({
		httpCredentials: { username: login.user, password: login.password },
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: { width: 1440, height: 960 },
	});
	const page = await context.newPage();
	const response = await page.goto(boardUrl, { waitUntil: 'load' });
	if (!response || response.status() !== 200) throw new Error(`The board answered ${response?.status()} at ${boardUrl}`);
	return page;
}

export interface BoardKpiTexts {
	total: string;
	newToday: string;
	awaiting: string;
	conversion: string;
}

export async function readKpis(page: Page): Promise<BoardKpiTexts> {
	const value = async (id: string) => (await page.locator(`#${id} .kpi-value`).innerText()).replace(/\s+/g, '');
	return {
		total: await value('kpi-total'),
		newToday: await value('kpi-new-today'),
		awaiting: await value('kpi-awaiting'),
		conversion: await value('kpi-conversion'),
	};
}

export interface BoardRow {
	hitId: number;
	name: string;
	leadId: string;
	phone: string;
	grade: string;
	rule: string;
	reason: string;
	source: string;
	hitDate: string;
	status: string;
}

/** The hit list's rows as shown, top to bottom. */
export async function readRows(page: Page): Promise<BoardRow[]> {
	return page.locator('#hit-list tbody tr[data-hit-id]').evaluateAll((rows) =>
		rows.map((row) => {
			const text = (selector: string) => (row.querySelector(selector)?.textContent ?? '').trim();
			const mono = row.querySelectorAll('.user .sub .mono');
			return {
				hitId: Number(row.getAttribute('data-hit-id')),
				name: text('.user .name'),
				leadId: (mono[0]?.textContent ?? '').trim(),
				phone: (mono[1]?.textContent ?? '').trim(),
				grade: text('.user .grade'),
				rule: text('.rule-label'),
				reason: text('.reason'),
				source: text('.chip'),
				hitDate: text('td.date > div:first-child'),
				status: text('.status'),
			};
		}),
	);
}

/** Ticks the rows of these hits and clicks 批量发送短信, accepting the confirmation; resolves on the answer page. */
export async function sendBatchSms(page: Page, hitIds: number[]): Promise<{ status: number; url: string; confirmation: string }> {
	for (const hitId of hitIds) await page.locator(`tr[data-hit-id="${hitId}"] input[type="checkbox"][form="batch-form"]`).check();
	let confirmation = '';
	page.once('dialog', (dialog) => {
		confirmation = dialog.message();
		void dialog.accept();
	});
	const response = await submitAndFollow(page, () => page.getByRole('button', { name: '批量发送短信' }).click());
	return { status: response?.status() ?? 0, url: page.url(), confirmation };
}

/** Submits a board form and waits for the page it leads to; a failure names the action's own answer. */
async function submitAndFollow(page: Page, submit: () => Promise<void>) {
	const actionAnswer = page.waitForResponse((response) => response.request().method() === 'POST', { timeout: 60_000 });
	try {
		const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), submit()]);
		return response;
	} catch (error) {
		const answer = await actionAnswer.catch(() => undefined);
		const location = answer?.headers().location;
		throw new Error(
			`The browser did not get back to the board after the action (${(error as Error).message.split('\n')[0]}). ` +
				`The action answered ${answer ? `${answer.status()} ${answer.url()}` : 'nothing'}${location ? ` with Location "${location}"` : ''}.`,
		);
	}
}

/** Moves one hit to a status from its row: the row's own button when it offers that move, else the 更多 menu. */
export async function moveHit(page: Page, hitId: number, status: string): Promise<string> {
	const row = page.locator(`tr[data-hit-id="${hitId}"]`);
	const primary = row.locator(`form.row-actions button.link-btn[name="status"][value="${status}"]`);
	let button = primary;
	if ((await primary.count()) === 0) {
		await row.locator('details.menu summary').click();
		button = row.locator(`details.menu button[name="status"][value="${status}"]`);
	}
	await submitAndFollow(page, () => button.click());
	return page.url();
}
