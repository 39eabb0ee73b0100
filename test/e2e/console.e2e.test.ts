import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import type { Browser, Locator, Page, Response } from 'playwright-core';

import { yuan } from '../../console/src/components/roi/roiFormat';
import { zh } from '../../console/src/i18n/zh';
import { AUDIT_ACTION_LABELS, type ActiveConfig, type AuditAction, type AuditEntry, type ConfigHistory, type CoverageAnswer, type Paged, type QualityModel, type RoiReport, type ScoringModel, type SessionBreakdown, type SessionSummary, type Standings } from '../../lib/console/api/contract';
import type { BoardData, LeadBoardPage } from '../../lib/board';
import type { PublicHit } from '../../lib/hits';
import type { DayPlan } from '../../lib/push';
import type { RuleSet } from '../../lib/rules';
import { logTail } from '../../scripts/lib/n8nInstance';
import { launchChromium } from './support/browser';
import { planCallLog, TIME_ZONE } from './support/callLogs';
import { ConsoleApi, expect200 } from './support/consoleApi';
import { buildConsoleRoster, buildXlsxRoster } from './support/consoleRoster';
import { deliverCallLog, triggerDailyRun, type DailyRunContext } from './support/dailyRun';
import { REPO_ROOT } from './support/e2ePaths';
import { waitForMessages } from './support/gateway';
import { startPackedInstance, stopPackedInstance, type PackedInstance } from './support/packedInstance';
import { OPEN_ALL_HOURS_POLICY } from './support/stagedWorkflows';
import { expectOk } from './support/webhooks';
import { goodSession, poorSession } from '../quality/qualityFixtures';

/**
 * The console (workflows/console.json) in Chromium against the packed package in a real n8n:
 * each screen's main flow as staff would work it, the roles, the audit log, hostile text.
 * LEAD_MONITOR_SCREENSHOTS=docs saves the screens as docs/console-*.png (1440 × 900).
 */

const MINUTE = 60_000;
const FIRST_PORT = Number(process.env.LEAD_MONITOR_E2E_PORT ?? 5730);
const SCREENSHOTS = process.env.LEAD_MONITOR_SCREENSHOTS === 'docs' ? path.join(REPO_ROOT, 'docs') : undefined;
const HOSTILE_MARKUP = '<img src=x onerror=alert(1)>';
const HOSTILE_TEMPLATE = '{{7*7}}';
const TEST_PHONE = '13700009999';
const HELD_PHONE = '13700008888';

const roster = buildConsoleRoster();
const callLog = planCallLog(roster.clean);
const phoneOfLead = new Map(roster.clean.map((lead) => [lead.leadId, lead.phone]));

const instance: PackedInstance = {};
const run: {
	browser?: Browser;
	admin?: ConsoleApi;
	/** Pages of the people signed in, by username. */
	pages: Map<string, Page>;
	/** Anything the pages did that they must not: alert / confirm dialogs, script errors. */
	dialogs: string[];
	pageErrors: string[];
} = { pages: new Map(), dialogs: [], pageErrors: [] };

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
	return value;
}

const config = () => need(instance.config, 'the n8n instance');
const secrets = () => need(instance.secrets, 'the secrets');
const admin = () => need(run.admin, 'the administrator API session');
const pageOf = (username: string) => need(run.pages.get(username), `${username}'s page`);
const consoleUrl = () => `${config().baseUrl}/webhook/console`;

let failedStep: string | undefined;

/** A step; the steps build on each other, so after a failure the later ones fail at once, naming it. */
function step(name: string, work: () => Promise<void>, timeout: number, { always = false, alone = false } = {}): void {
	it(
		name,
		async () => {
			if (failedStep && !always) throw new Error(`Not run: step "${failedStep}" failed.`);
			try {
				await work();
			} catch (error) {
				if (!alone) failedStep = name.split(' ')[0];
				if (error instanceof Error && instance.config && fs.existsSync(instance.config.logFile)) {
					error.message += `\n\nLast lines of n8n's log:\n${logTail(instance.config, 30)}`;
				}
				throw error;
			}
		},
		timeout,
	);
}

// ── the browser ──────────────────────────────────────────────────────────────────────

/** Signs in from the console's login page, as a person does; the page stays open for the next steps. */
async function signInPage(username: string, password: string): Promise<Page> {
	const browser = need(run.browser, 'the browser');
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: TIME_ZONE, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
	const page = await context.newPage();
	page.on('dialog', (dialog) => {
		run.dialogs.push(`${username}: ${dialog.type()} ${dialog.message()}`);
		void dialog.dismiss();
	});
	page.on('pageerror', (error) => run.pageErrors.push(`${username}: ${error.message}`));
	await page.goto(`${consoleUrl()}#/login`);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await page.getByRole('button', { name: zh.login.submit, exact: true }).click();
	await page.locator('.app-header').waitFor();
	run.pages.set(username, page);
	return page;
}

/** Opens a screen from the navigation and waits for its title. */
async function openScreen(page: Page, navLabel: string, title: string): Promise<void> {
	await page.locator('.app-header .el-menu-item', { hasText: navLabel }).click();
	await page.locator('.page-header h1', { hasText: title }).waitFor();
	await settle(page);
}

/** Waits until no table or card is loading and charts have drawn. */
async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
	await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
	await page.waitForTimeout(600);
}

const visibleDialog = (page: Page, title: string) => page.locator('.el-dialog:visible', { has: page.locator('.el-dialog__title', { hasText: title }) });

/** The el-form-item whose label is exactly `label`. */
function formItem(scope: Locator | Page, label: string): Locator {
	const page = 'page' in scope ? scope.page() : scope;
	return scope.locator('.el-form-item').filter({ has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) });
}

/** A figure of an import report (its counts box), by the label beside it. */
async function reportCount(counts: Locator, label: string): Promise<number> {
	return Number(await counts.locator('.count', { hasText: new RegExp(`^\\d+\\s*${label.replace(/[()（）]/g, '.')}$`) }).locator('b').innerText());
}

async function toast(page: Page, text: string): Promise<void> {
	await page.locator('.el-message', { hasText: text }).first().waitFor();
}

/** Answers a confirmation box with its primary button. */
async function confirmBox(page: Page): Promise<void> {
	const box = page.locator('.el-message-box:visible');
	await box.waitFor();
	await box.locator('.el-message-box__btns .el-button--primary').click();
	await box.waitFor({ state: 'hidden' });
}

async function answerOf<T>(page: Page, op: string, act: () => Promise<unknown>): Promise<{ response: Response; body: T }> {
	const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes(`/api/${op}`)), act()]);
	return { response, body: (await response.json()) as T };
}

/** Table rows of the visible table in `scope`. */
const rowsOf = (scope: Locator | Page) => scope.locator('.el-table__body tbody tr');

/** The canvas an ECharts chart draws on (the test's tsconfig has no DOM types). */
interface ChartCanvas {
	width: number;
	height: number;
	getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } | null;
	toDataURL(): string;
}

/** A chart has drawn: its canvas holds pixels other than the background. */
async function chartDrawn(scope: Locator): Promise<boolean> {
	return scope.locator('canvas').first().evaluate((element) => {
		const canvas = element as unknown as ChartCanvas;
		const context = canvas.getContext('2d');
		if (!context || canvas.width === 0) return false;
		const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
		for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) return true;
		return false;
	});
}

const canvasImage = (scope: Locator) => scope.locator('canvas').first().evaluate((element) => (element as unknown as ChartCanvas).toDataURL());

/** With LEAD_MONITOR_SCREENSHOTS=docs, the screen as docs/console-<name>.png: from the top, or from `from` when given. */
async function screenshot(page: Page, name: string, from?: Locator): Promise<void> {
	if (!SCREENSHOTS) return;
	await settle(page);
	await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
	await page.mouse.move(0, 0);
	if (from) await from.evaluate((element) => element.scrollIntoView({ block: 'start' }));
	else await page.evaluate('window.scrollTo(0, 0)');
	// ECharts animates for about a second.
	await page.waitForTimeout(1_500);
	await page.screenshot({ path: path.join(SCREENSHOTS, `console-${name}.png`) });
}

/** Nothing hostile became markup: no element from it, no dialog so far. */
async function expectNoInjectedMarkup(page: Page): Promise<void> {
	expect(await page.locator('img[src="x"]').count()).toBe(0);
	expect(run.dialogs).toEqual([]);
}

// ── the API, for what a test checks behind the screens ─────────────────────────────────

async function hitsOnBoard(api: ConsoleApi): Promise<PublicHit[]> {
	return (await expect200(api.get<BoardData>('board.data', { pageSize: '100' }), 'board.data')).hits.items;
}

function dailyRunContext(): DailyRunContext {
	const store = need(instance.credentials, 'the credentials').find((record) => record.id === config().storeCredential.id);
	return {
		baseUrl: config().baseUrl,
		apiKey: { [config().importApiKeyHeader]: secrets().importApiKey },
		callLogDir: need(instance.paths, 'the temp folders').callLogDir,
		packageDir: need(instance.packageDir, 'the installed package'),
		storeCredential: need(store, 'the store credential').data,
		plan: callLog,
		logFile: need(instance.paths, 'the temp folders').stepLog,
	};
}

afterAll(async () => {
	await run.browser?.close().catch(() => undefined);
	await stopPackedInstance(instance, 'console-n8n.log');
}, 2 * MINUTE);

describe('the console in Chromium, against the packed package in a real n8n', () => {
	step('1. starts n8n with the package; the administrator saves an all-hours contact policy, a second administrator exists', async () => {
		await startPackedInstance(instance, FIRST_PORT);
		run.browser = await launchChromium();
		run.admin = new ConsoleApi(config().baseUrl);
		expect((await admin().login(config().consoleAccounts.admin.username, secrets().consoleAdminPassword)).status).toBe(200);
		// So that what reaches the gateway does not depend on the hour the test runs at.
		const active = await expect200(admin().get<ActiveConfig>('policy.active'), 'policy.active');
		await expect200(admin().post('policy.save', { body: OPEN_ALL_HOURS_POLICY, note: '全天可推送（测试）', baseVersion: active.version }), 'policy.save');
		await expect200(admin().post('staff.create', { username: 'lizhuguan', displayName: '李主管', role: 'admin', password: 'Zhuguan2026x' }), 'staff.create');
	}, 20 * MINUTE);

	step('2. 线索管理: a roster with bad rows through the column-mapping preview; the report; leads without ID number and 疑似 numbers flagged; the rejects file', async () => {
		const page = await signInPage(config().consoleAccounts.marketing.username, secrets().consoleMarketingPassword);
		await openScreen(page, zh.nav.leads, zh.leads.title);
		await page.getByRole('button', { name: zh.leads.importLeads, exact: true }).click();
		const dialog = visibleDialog(page, zh.leadImport.title);
		await dialog.locator('input[type=file]').setInputFiles({ name: '线索名单.csv', mimeType: 'text/csv', buffer: Buffer.from(roster.csv) });

		// The mapping preview: every column found, the sample masked.
		await dialog.getByText(zh.leadImport.fileInfo('线索名单.csv', roster.rows, 'csv')).waitFor();
		for (const [field, header] of [
			['name', '客户姓名'],
			['phone', '联系电话'],
			['idNumber', '身份证号'],
		]) {
			expect(await formItem(dialog, zh.leads.field[field]).locator('.el-select__selected-item:not(.is-hidden)').first().innerText()).toBe(header);
		}
		const sample = await rowsOf(dialog).allInnerTexts();
		expect(sample.length).toBeGreaterThan(0);
		expect(sample.join('\n')).not.toContain(roster.clean[0].phone);
		expect(sample.join('\n')).not.toContain(roster.clean[0].idNumber);
		expect(await dialog.getByRole('radio', { name: zh.leadImport.vanityFlag }).isChecked()).toBe(true);

		await dialog.getByRole('button', { name: zh.leadImport.start, exact: true }).click();
		const counts = dialog.locator('.counts');
		await counts.waitFor();
		const count = (label: string) => reportCount(counts, label);
		const report = {
			rowsRead: await count(zh.leadImport.rowsRead),
			created: await count(zh.leadImport.created),
			updated: await count(zh.leadImport.updated),
			rejected: await count(zh.leadImport.rejected),
			duplicates: await count(zh.leadImport.duplicates),
			withoutIdNumber: await count(zh.leadImport.withoutIdNumber),
			flagged: await count(zh.leadImport.flagged),
		};
		expect(report).toEqual({ rowsRead: roster.rows, created: roster.created, updated: 0, rejected: 2, duplicates: 1, withoutIdNumber: 1, flagged: 1 });
		await dialog.getByText(zh.leadImport.withoutIdWarning(1)).waitFor();
		const rejectedRows = await rowsOf(dialog.locator('.el-table').first()).allInnerTexts();
		expect(rejectedRows.map((row) => Number(row.split('\t')[0]))).toEqual(roster.problems.filter((p) => p.kind === '拒绝').map((p) => p.row));

		// The rejects file: every rejected and duplicate row, with its row number, reason and the value masked.
		const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: `${zh.leadImport.downloadRejects} (CSV)` }).click()]);
		expect(download.suggestedFilename()).toBe('线索名单-rejected.csv');
		const text = fs.readFileSync(need((await download.path()) ?? undefined, 'the downloaded file'), 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const [header, ...lines] = parse(text.slice(1)) as string[][];
		expect(header.slice(0, 3)).toEqual(['行号 (row)', '类型 (kind)', '字段 (field)']);
		expect(lines.map((line) => [Number(line[0]), line[1]])).toEqual(roster.problems.map((p) => [p.row, p.kind]));
		for (const [index, problem] of roster.problems.entries()) {
			if (problem.kind === '拒绝') expect(lines[index][2]).toBe(problem.field);
			expect(lines[index][3]).not.toBe('');
		}
		for (const problem of roster.problems) expect(text).not.toContain(problem.phone);
		await dialog.getByRole('button', { name: zh.common.close, exact: true }).click();
		await dialog.waitFor({ state: 'hidden' });

		// The list says which leads can never be monitored, and which numbers look like vanity numbers.
		const rosterTab = page.locator('.el-tab-pane:visible');
		await page.locator('.toolbar .el-select').filter({ hasText: zh.leads.monitorableAll }).click();
		await page.locator('.el-select-dropdown__item:visible', { hasText: zh.leads.monitorableNo }).click();
		await settle(page);
		const unmonitorable = await rowsOf(rosterTab).allInnerTexts();
		expect(unmonitorable).toHaveLength(1);
		expect(unmonitorable[0]).toContain(roster.withoutId.leadId);
		expect(unmonitorable[0]).toContain(zh.leads.notMonitorable);
		await page.getByRole('button', { name: zh.common.reset, exact: true }).click();
		await settle(page);
		const vanityRow = rowsOf(rosterTab).filter({ hasText: roster.vanity.leadId });
		expect(await vanityRow.innerText()).toContain(zh.leads.flags['phone.vanity']);
		expect(await vanityRow.innerText()).toContain('138****8888');
		await rosterTab.getByText(zh.common.total(roster.created)).waitFor();
		// A new lead's status reads 新线索, and filtering by it finds them all.
		await page.locator('.toolbar .el-select').filter({ hasText: new RegExp(`^${zh.leads.status}$`) }).click();
		await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: zh.leads.statusNames.new }).click();
		await settle(page);
		await rosterTab.getByText(zh.common.total(roster.created)).waitFor();
		expect(await rowsOf(rosterTab).first().innerText()).toContain(zh.leads.statusNames.new);
		await page.getByRole('button', { name: zh.common.reset, exact: true }).click();
		await settle(page);
		await screenshot(page, 'leads');
	}, 3 * MINUTE);

	step('2b. 线索管理: an XLSX roster with its columns in another order is mapped by its headers; the rejected row downloads as XLSX', async () => {
		const xlsx = await buildXlsxRoster();
		const page = pageOf(config().consoleAccounts.marketing.username);
		await page.getByRole('button', { name: zh.leads.importLeads, exact: true }).click();
		const dialog = visibleDialog(page, zh.leadImport.title);
		await dialog.locator('input[type=file]').setInputFiles({ name: xlsx.fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx.buffer });
		await dialog.getByText(zh.leadImport.fileInfo(xlsx.fileName, xlsx.leads.length + 1, 'xlsx')).waitFor();
		for (const [field, header] of [
			['phone', '联系电话'],
			['name', '客户姓名'],
			['idNumber', '身份证号'],
		]) {
			expect(await formItem(dialog, zh.leads.field[field]).locator('.el-select__selected-item:not(.is-hidden)').first().innerText()).toBe(header);
		}
		expect((await rowsOf(dialog).allInnerTexts()).join('\n')).not.toContain(xlsx.leads[0].phone);

		await dialog.getByRole('button', { name: zh.leadImport.start, exact: true }).click();
		const counts = dialog.locator('.counts');
		await counts.waitFor();
		const count = (label: string) => reportCount(counts, label);
		expect([await count(zh.leadImport.rowsRead), await count(zh.leadImport.created), await count(zh.leadImport.rejected)]).toEqual([4, 3, 1]);

		const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'XLSX', exact: true }).click()]);
		expect(download.suggestedFilename()).toBe('补充名单-rejected.xlsx');
		const { default: ExcelJS } = await import('exceljs');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(need((await download.path()) ?? undefined, 'the downloaded file'));
		const rows: string[][] = [];
		workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))));
		expect(rows[0].slice(0, 3)).toEqual(['行号 (row)', '类型 (kind)', '字段 (field)']);
		expect(rows.slice(1).map((row) => [Number(row[0]), row[1], row[2]])).toEqual([[xlsx.rejected.row, '拒绝', '手机号']]);
		expect(rows.flat().join('\n')).not.toContain(xlsx.rejected.phone);
		await dialog.getByRole('button', { name: zh.common.close, exact: true }).click();
		await dialog.waitFor({ state: 'hidden' });
		await page.locator('.el-tab-pane:visible').getByText(zh.common.total(roster.created + xlsx.leads.length)).waitFor();
	}, 2 * MINUTE);

	step('3. 线索管理: add with a field error shown in place, hostile names kept as text; edit; blacklist and opt-out', async () => {
		const page = pageOf('marketing');
		const form = visibleDialog(page, zh.leads.addLead);
		await page.getByRole('button', { name: zh.leads.addLead, exact: true }).click();
		await formItem(form, zh.leads.field.name).locator('input').fill(HOSTILE_MARKUP);
		await formItem(form, zh.leads.field.phone).locator('input').fill('1381234');
		await form.getByRole('button', { name: zh.common.save, exact: true }).click();
		const phoneError = formItem(form, zh.leads.field.phone).locator('.el-form-item__error');
		await phoneError.waitFor();
		expect(await phoneError.innerText()).not.toBe('');
		expect(await form.isVisible()).toBe(true);
		await formItem(form, zh.leads.field.phone).locator('input').fill('13912345601');
		await form.getByRole('button', { name: zh.common.save, exact: true }).click();
		await toast(page, zh.leads.created);

		await page.getByRole('button', { name: zh.leads.addLead, exact: true }).click();
		await formItem(form, zh.leads.field.name).locator('input').fill(HOSTILE_TEMPLATE);
		await formItem(form, zh.leads.field.phone).locator('input').fill('13912345602');
		await form.getByRole('button', { name: zh.common.save, exact: true }).click();
		await toast(page, zh.leads.created);
		await settle(page);

		// Edit: the second one moves to 跟进中.
		const rosterTab = page.locator('.el-tab-pane:visible');
		const templated = rowsOf(rosterTab).filter({ hasText: HOSTILE_TEMPLATE });
		await templated.waitFor();
		await templated.getByRole('button', { name: zh.common.edit, exact: true }).click();
		const edit = visibleDialog(page, zh.leads.editLead);
		const status = formItem(edit, zh.leads.field.status);
		expect(await status.locator('.el-select').innerText()).toBe(zh.leads.statusNames.new);
		await status.locator('.el-select').click();
		await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: new RegExp(`^${zh.leads.statuses[1]}$`) }).click();
		expect(await status.locator('.el-select').innerText()).toBe(zh.leads.statuses[1]);
		await edit.getByRole('button', { name: zh.common.save, exact: true }).click();
		await toast(page, zh.leads.updated);
		await settle(page);
		expect(await templated.innerText()).toContain(zh.leads.statuses[1]);

		// Hostile names are text: the cell reads them back as typed, nothing was made of them.
		expect(await page.locator('.el-table__body td').getByText(HOSTILE_MARKUP, { exact: true }).count()).toBe(1);
		expect(await page.locator('.el-table__body td').getByText(HOSTILE_TEMPLATE, { exact: true }).count()).toBe(1);
		expect(await page.locator('.el-table__body td').getByText('49', { exact: true }).count()).toBe(0);
		await expectNoInjectedMarkup(page);

		// Blacklist: a number, shown masked.
		await page.getByRole('tab', { name: zh.leads.tabBlacklist }).click();
		await page.getByRole('button', { name: zh.blacklist.add, exact: true }).click();
		const blacklist = visibleDialog(page, zh.blacklist.add);
		await formItem(blacklist, zh.blacklist.value).locator('input').fill('13912340000');
		await formItem(blacklist, zh.blacklist.note).locator('input').fill('客户投诉，永不联系');
		await blacklist.getByRole('button', { name: zh.common.confirm, exact: true }).click();
		await toast(page, zh.blacklist.added);
		await settle(page);
		const listed = await rowsOf(page.locator('.el-tab-pane:visible')).allInnerTexts();
		expect(listed.join('\n')).toContain('139****0000');
		expect(listed.join('\n')).not.toContain('13912340000');

		// Opt-out: a customer of the roster asked not to be contacted.
		const optingOut = roster.clean[19];
		await page.getByRole('tab', { name: zh.leads.tabOptOuts }).click();
		await page.getByRole('button', { name: zh.optOuts.register, exact: true }).click();
		const optOut = visibleDialog(page, zh.optOuts.register);
		await formItem(optOut, zh.optOuts.leadId).locator('input').fill(optingOut.leadId);
		await formItem(optOut, zh.optOuts.reason).locator('textarea').fill('客户来电要求不再联系');
		await optOut.getByRole('button', { name: zh.common.confirm, exact: true }).click();
		await toast(page, zh.optOuts.registered);
		await settle(page);
		expect((await rowsOf(page.locator('.el-tab-pane:visible')).allInnerTexts()).join('\n')).toContain('客户来电要求不再联系');
	}, 3 * MINUTE);

	step("4. yesterday's call log through the daily run: the hits the board will show", async () => {
		const ctx = dailyRunContext();
		deliverCallLog(ctx);
		const result = await triggerDailyRun(ctx);
		const expected = [...callLog.expectedHits.values()].reduce((sum, rules) => sum + rules.length, 0);
		expect(result.run.newHits).toBe(expected);
		expect(result.run.byRule.reduce((sum, rule) => sum + rule.newHits, 0)).toBe(expected);
	}, 5 * MINUTE);

	step('5. 高潜线索营销: the board with ECharts; a lead worked (status change); a batch SMS through Push Gate reaches the reference gateway', async () => {
		const page = pageOf('marketing');
		const gateway = need(instance.gateway, 'the gateway');
		gateway.reset();
		await openScreen(page, zh.nav.board, zh.board.pageTitle);
		const hits = await hitsOnBoard(admin());
		expect(await page.locator('.kpi').first().locator('.value').innerText()).toBe(String(hits.length));
		for (const chart of await page.locator('.charts .el-card').all()) expect(await chartDrawn(chart)).toBe(true);

		const leadIdOfRow = async (row: Locator) => (await row.locator('.mono').first().innerText()).trim();
		const rows = rowsOf(page.locator('.el-card', { hasText: zh.board.listTitle }));
		const first = rows.first();
		const worked = await leadIdOfRow(first);
		await first.getByRole('button', { name: zh.board.actionContact, exact: true }).click();
		await toast(page, zh.board.noticeStatus(1, zh.board.statuses.in_progress));
		await settle(page);
		const after = await hitsOnBoard(admin());
		expect(after.filter((hit) => hit.status === 'in_progress').map((hit) => hit.leadId)).toEqual([worked]);

		// Three rows of three leads (two hits of one lead: the SMS cap would hold the second). The rows'
		// order among hits of one day follows the evaluation's row order, which varies between runs.
		const chosen: string[] = [];
		for (let index = 1; chosen.length < 3; index++) {
			const leadId = await leadIdOfRow(rows.nth(index));
			if (chosen.includes(leadId)) continue;
			await rows.nth(index).locator('.el-checkbox').click();
			chosen.push(leadId);
		}
		await page.getByText(zh.board.selected('3')).waitFor();
		await page.getByRole('button', { name: zh.board.batchSms, exact: true }).click();
		await confirmBox(page);
		await toast(page, zh.board.sendResult(3, 0, 0));
		const outcomes = visibleDialog(page, zh.board.sendOutcomes);
		expect((await rowsOf(outcomes).allInnerTexts()).every((row) => row.includes('已发送'))).toBe(true);
		const messages = await waitForMessages(gateway, 3);
		expect(messages.map((message) => [message.channel, message.to]).sort()).toEqual(chosen.map((leadId) => ['sms', phoneOfLead.get(leadId)]).sort());
		await outcomes.locator('.el-dialog__headerbtn').click();
		await outcomes.waitFor({ state: 'hidden' });
		await screenshot(page, 'board');
	}, 3 * MINUTE);

	step('6. 监控指标管理: the threshold changed and saved (new version); an invalid rule named in place, nothing saved; two saving at once; history with diff; roll back', async () => {
		const page = await signInPage(config().consoleAccounts.admin.username, secrets().consoleAdminPassword);
		await openScreen(page, zh.nav.rules, zh.rules.title);
		const active = await expect200(admin().get<ActiveConfig<RuleSet>>('rules.active'), 'rules.active');
		expect(active.version).toBe(1);

		// The seed's form: 活跃次数阈值 from 3 to 4.
		const threshold = formItem(page, zh.rules.threshold).locator('.el-input-number input');
		const before = Number(await threshold.inputValue());
		await threshold.fill(String(before + 1));
		await threshold.blur();
		await page.getByText(zh.rules.unsaved).waitFor();
		await page.getByRole('button', { name: zh.rules.save, exact: true }).click();
		const note = visibleDialog(page, zh.rules.saveTitle);
		await note.locator('textarea').fill(`活跃次数阈值 ${before} → ${before + 1}`);
		await note.getByRole('button', { name: zh.common.save, exact: true }).click();
		await toast(page, zh.rules.savedVersion(2));
		const saved = await expect200(admin().get<ActiveConfig<RuleSet>>('rules.active'), 'rules.active');
		expect(saved).toMatchObject({ version: 2, author: 'admin' });
		expect(JSON.stringify(saved.body.rules[0].conditions)).toContain(`"value":${before + 1}`);

		// An invalid rule: the field is named in place, nothing is saved.
		const ruleId = formItem(page, zh.rules.ruleId).locator('input');
		await ruleId.fill('bad id!');
		await page.getByRole('button', { name: zh.rules.save, exact: true }).click();
		await note.locator('textarea').fill('这次保存必须被拒绝');
		await note.getByRole('button', { name: zh.common.save, exact: true }).click();
		const idError = formItem(page, zh.rules.ruleId).locator('.el-form-item__error');
		await idError.waitFor();
		expect(await idError.innerText()).not.toBe('');
		expect(await page.locator('.el-alert--error').first().innerText()).toContain('rules[0].name');
		expect((await expect200(admin().get<ConfigHistory>('rules.history'), 'rules.history')).total).toBe(2);
		await page.getByRole('button', { name: zh.rules.cancelEdit, exact: true }).click();
		await confirmBox(page);
		expect(await ruleId.inputValue()).toBe(saved.body.rules[0].name);

		// Two people at once: 李主管 saves while this page edits; the page is told the version moved, nothing is overwritten.
		const other = new ConsoleApi(config().baseUrl);
		expect((await other.login('lizhuguan', 'Zhuguan2026x')).status).toBe(200);
		const theirs = structuredClone(saved.body);
		theirs.rules[0].event.params.label = '活跃机构命中（李主管）';
		await expect200(other.post('rules.save', { body: theirs, note: '改名称', baseVersion: 2 }), 'rules.save by 李主管');
		await threshold.fill(String(before + 2));
		await threshold.blur();
		await page.getByRole('button', { name: zh.rules.save, exact: true }).click();
		await note.locator('textarea').fill('我的修改');
		await note.getByRole('button', { name: zh.common.save, exact: true }).click();
		const told = page.locator('.el-message-box:visible');
		await told.waitFor();
		expect(await told.innerText()).toContain(zh.rules.versionMoved);
		expect(await told.innerText()).toMatch(/v3/);
		expect(await told.innerText()).toMatch(/lizhuguan|李主管/);
		await told.getByRole('button', { name: zh.rules.reloadLatest, exact: true }).click();
		expect(await formItem(page, zh.rules.label).locator('input').inputValue()).toBe('活跃机构命中（李主管）');
		const now = await expect200(admin().get<ActiveConfig<RuleSet>>('rules.active'), 'rules.active');
		expect([now.version, now.author, now.body.rules[0].event.params.label]).toEqual([3, 'lizhuguan', '活跃机构命中（李主管）']);

		// The history: who saved what; the diff of v1 against the active one; roll back to v1.
		const history = page.locator('.el-card', { hasText: zh.config.history }).last();
		await settle(page);
		const v1 = rowsOf(history).nth(2);
		expect((await rowsOf(history).allInnerTexts()).map((row) => row.split('\t')[0].trim().split(/\s/)[0])).toEqual(['v3', 'v2', 'v1']);
		await v1.getByRole('button', { name: zh.config.showDiff, exact: true }).click();
		const diff = visibleDialog(page, zh.config.diffTitle(1, 3));
		await diff.locator('li').first().waitFor();
		const changes = (await diff.locator('li').allInnerTexts()).map((line) => line.replace(/\s+/g, ' '));
		expect(changes).toEqual(
			expect.arrayContaining([
				`rules[${saved.body.rules[0].name}].conditions.all[count].value ${zh.config.changeChanged} ${before} → ${before + 1}`,
				`rules[${saved.body.rules[0].name}].event.params.label ${zh.config.changeChanged} "${saved.body.rules[0].event.params.label}" → "活跃机构命中（李主管）"`,
			]),
		);
		await diff.locator('.el-dialog__headerbtn').click();
		await v1.getByRole('button', { name: zh.config.rollback, exact: true }).click();
		await confirmBox(page);
		await toast(page, zh.config.rolledBack(1));
		const rolledBack = await expect200(admin().get<ActiveConfig<RuleSet>>('rules.active'), 'rules.active');
		expect([rolledBack.version, rolledBack.activatedBy]).toEqual([1, 'admin']);
		await page.getByText(`${zh.rules.activeVersion(1, active.author, '').split(' · ')[0]}`).first().waitFor();
		await expectNoInjectedMarkup(page);
		await screenshot(page, 'rules');
	}, 4 * MINUTE);

	step('7. 推送频率管理: the weekly grid painted by click and drag, saved; today simulated; test pushes sent and held (naming the rule); reset', async () => {
		const page = pageOf('admin');
		const gateway = need(instance.gateway, 'the gateway');
		gateway.reset();
		await openScreen(page, zh.nav.push, zh.push.title);
		const now = DateTime.now().setZone(TIME_ZONE);
		const today = now.weekday - 1;
		const hour = now.hour;
		const cell = (day: number, h: number) => page.locator(`.weekly-grid td.cell[data-day="${day}"][data-hour="${h}"]`);
		const brush = (level: string) => page.locator('.weekly-grid .el-radio-button', { hasText: level }).click();

		// A test push under the saved (all-hours) policy goes out.
		const testForm = page.locator('.el-card', { hasText: zh.push.testTitle }).last();
		await formItem(testForm, zh.push.testPhone).locator('input').fill(TEST_PHONE);
		await testForm.getByRole('button', { name: zh.push.testSend, exact: true }).click();
		await testForm.locator('.el-alert').waitFor();
		expect(await testForm.locator('.el-alert').innerText()).toContain(`${zh.push.testResult}: 已发送`);
		const [message] = await waitForMessages(gateway, 1);
		expect([message.to, gateway.messages.size]).toEqual([TEST_PHONE, 1]);

		// Paint: drag 静默 over the rest of today, click one 低频 hour tomorrow.
		await brush(zh.push.levels.s);
		await cell(today, hour).hover();
		await page.mouse.down();
		await cell(today, Math.min(hour + 3, 23)).hover();
		await cell(today, 23).hover();
		await page.mouse.up();
		await brush(zh.push.levels.l);
		await cell((today + 1) % 7, 10).click();
		for (let h = 0; h < 24; h++) expect(await cell(today, h).getAttribute('class')).toContain(h >= hour ? ' s' : ' h');
		expect(await cell((today + 1) % 7, 10).getAttribute('class')).toContain(' l');
		expect(await page.locator('.weekly-grid .toolbar').innerText()).toContain(`静默 ${24 - hour}`);

		// 模拟今日推送流 plans with the edited policy: the timeline and table show its plan.
		const simulated = await answerOf<DayPlan>(page, 'push.simulate', () => page.getByRole('button', { name: /模拟今日推送流/ }).click());
		await settle(page);
		const preview = page.locator('.el-card', { hasText: zh.push.previewTitle }).last();
		await preview.getByRole('button', { name: zh.push.simulateCount(simulated.body.plannedSends) }).waitFor();
		if (simulated.body.entries.length) {
			expect(await rowsOf(preview).count()).toBe(simulated.body.entries.length);
			expect(await chartDrawn(preview)).toBe(true);
		} else await preview.getByText(zh.push.simulateEmpty).waitFor();

		await page.getByRole('button', { name: zh.push.saveAll, exact: true }).click();
		const note = visibleDialog(page, zh.rules.saveTitle);
		await note.locator('textarea').fill('今日余下时段静默，明日10点低频');
		await note.getByRole('button', { name: zh.common.save, exact: true }).click();
		await toast(page, zh.push.savedPolicy(3));
		const policy = await expect200(admin().get<ActiveConfig<{ grid?: Record<string, string> }>>('policy.active'), 'policy.active');
		const weekday = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
		expect(policy.version).toBe(3);
		expect(policy.body.grid?.[weekday[today]]).toBe('h'.repeat(hour) + 's'.repeat(24 - hour));

		// Now a test push is held, and the page says by which rule.
		await formItem(testForm, zh.push.testPhone).locator('input').fill(HELD_PHONE);
		await testForm.getByRole('button', { name: zh.push.testSend, exact: true }).click();
		await testForm.locator('.el-alert', { hasText: '频率网格为静默' }).waitFor();
		expect(await testForm.locator('.el-alert').innerText()).toContain(zh.push.testHeldBy('频率网格为静默').split('：')[0]);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(gateway.messages.size).toBe(1);

		// 重置: an unsaved stroke goes away.
		await brush(zh.push.levels.h);
		await cell(today, 23).click();
		await page.getByText(zh.rules.unsaved).waitFor();
		expect(await cell(today, 23).getAttribute('class')).toContain(' h');
		await page.getByRole('button', { name: zh.push.resetAll, exact: true }).click();
		await confirmBox(page);
		expect(await cell(today, 23).getAttribute('class')).toContain(' s');
		// The tag leaves with a fade-out transition: wait for it to go (10 s at most), not for one frame.
		await page.getByText(zh.rules.unsaved).waitFor({ state: 'hidden', timeout: 10_000 });
		await page.reload();
		await page.locator('.weekly-grid').waitFor();
		await screenshot(page, 'push', page.locator('.el-card', { has: page.locator('.weekly-grid') }));
	}, 3 * MINUTE);

	step('8. roles: a read-only account cannot save (no buttons; the API refuses it); a POST without the CSRF token is refused', async () => {
		const page = await signInPage(config().consoleAccounts.viewer.username, secrets().consoleViewerPassword);
		for (const [nav, title] of [
			[zh.nav.rules, zh.rules.title],
			[zh.nav.push, zh.push.title],
		]) {
			await openScreen(page, nav, title);
			await page.getByText(zh.common.readOnly).waitFor();
			expect(await page.getByRole('button', { name: title === zh.rules.title ? zh.rules.save : zh.push.saveAll }).count()).toBe(0);
		}
		await openScreen(page, zh.nav.leads, zh.leads.title);
		expect(await page.getByRole('button', { name: zh.leads.importLeads, exact: true }).count()).toBe(0);
		expect(await page.getByRole('button', { name: zh.common.edit, exact: true }).count()).toBe(0);
		expect(await page.locator('.app-header .el-menu-item', { hasText: zh.nav.audit }).count()).toBe(0);

		// The API, from the viewer's own page with its session and CSRF token: refused by role.
		const attempts = await page.evaluate(async () => {
			const session = (await (await fetch('api/session.get')).json()) as { csrfToken: string };
			const active = (await (await fetch('api/rules.active')).json()) as { version: number; body: unknown };
			const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
			const save = await fetch('api/rules.save', { method: 'POST', headers, body: JSON.stringify({ body: active.body, note: '只读账号', baseVersion: active.version }) });
			return { status: save.status, body: await save.json() };
		});
		expect(attempts).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });

		// The administrator's page, without the CSRF token: refused, nothing created.
		const adminPage = pageOf('admin');
		const noToken = await adminPage.evaluate(async () => {
			const answer = await fetch('api/leads.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '跨站请求', phone: '13912345603' }) });
			return { status: answer.status, body: await answer.json() };
		});
		expect(noToken).toMatchObject({ status: 403, body: { error: { code: 'csrf' } } });
		const found = await expect200(admin().get<Paged<{ name: string }>>('leads.list', { search: '跨站请求' }), 'leads.list');
		expect(found.total).toBe(0);
	}, 2 * MINUTE);

	step('9. the audit log page shows each action above with who did it', async () => {
		const page = pageOf('admin');
		await openScreen(page, zh.nav.audit, zh.audit.title);
		const actionFilter = page.getByPlaceholder(zh.audit.actionPlaceholder);
		const ACTORS = ['admin', 'lizhuguan', 'marketing', 'viewer'];
		const expected: Array<[string, string]> = [
			['marketing', 'leads.import'],
			['marketing', 'leads.exportRejects'],
			['marketing', 'leads.create'],
			['marketing', 'leads.update'],
			['marketing', 'blacklist.add'],
			['marketing', 'optOuts.register'],
			['marketing', 'hits.status'],
			['marketing', 'hits.send'],
			['admin', 'rules.save'],
			['lizhuguan', 'rules.save'],
			['admin', 'rules.activate'],
			['admin', 'policy.save'],
			['admin', 'push.test'],
			['admin', 'staff.create'],
		];
		for (const [actor, action] of expected) {
			await actionFilter.fill(action);
			await page.getByRole('button', { name: zh.common.search, exact: true }).click();
			await settle(page);
			// The action in words (审计日志 is read by the bank's staff) above its code.
			const rows = await rowsOf(page).allInnerTexts();
			const label = AUDIT_ACTION_LABELS[action as AuditAction].zh;
			const actors = rows.filter((row) => row.includes(`${label}\n${action}`)).map((row) => row.split('\t').map((cell) => cell.trim()).find((cell) => ACTORS.includes(cell)));
			expect({ action, actors }).toEqual({
				action,
				actors: expect.arrayContaining([actor]),
			});
		}
		// The leads added with hostile names are listed as text in the log too.
		await actionFilter.fill('leads.create');
		await page.getByRole('button', { name: zh.common.search, exact: true }).click();
		await settle(page);
		const audit = await expect200(admin().get<Paged<AuditEntry>>('audit.list', { action: 'leads.create' }), 'audit.list');
		expect(await rowsOf(page).count()).toBe(audit.rows.length);
		await expectNoInjectedMarkup(page);
	}, 2 * MINUTE);

	step('10. hostile text stayed text on every page: no dialog fired, no script error', async () => {
		expect(run.dialogs).toEqual([]);
		expect(run.pageErrors).toEqual([]);
	}, MINUTE);

	step(
		'11. 监控指标管理: the coverage chart and the difference against the active version redraw as the threshold changes',
		async () => {
			const page = pageOf('admin');
			const coverage = (mode: string) => (response: Response) => response.url().includes('/api/rules.coverage') && response.request().postDataJSON()?.mode === mode;
			const exact = coverage('exact');
			const estimate = page.waitForResponse(coverage('estimate'));
			const firstExact = page.waitForResponse(exact);
			await openScreen(page, zh.nav.rules, zh.rules.title);
			const card = page.locator('.el-card', { hasText: zh.rules.coverageTitle });
			const answered = await estimate;
			expect([answered.status(), await answered.text()]).toEqual([200, expect.any(String)]);
			expect((await firstExact).status()).toBe(200);
			await settle(page);
			expect(await chartDrawn(card)).toBe(true);
			expect(await card.innerText()).toContain(zh.rules.diffNone);
			const drawn = await canvasImage(card);

			const threshold = formItem(page, zh.rules.threshold).locator('.el-input-number input');
			const [changed] = await Promise.all([page.waitForResponse(exact), threshold.fill('9').then(() => threshold.blur())]);
			const answer = (await changed.json()) as CoverageAnswer;
			expect(answer.days.some((day) => day.removed > 0)).toBe(true);
			await settle(page);
			expect(await canvasImage(card)).not.toBe(drawn);
			const last = answer.days[answer.days.length - 1];
			const summary = (await card.locator('.summary').innerText()).replace(/\s+/g, ' ');
			expect(summary).toContain(last.added || last.removed ? `+${last.added} / −${last.removed}` : zh.rules.diffNone);
			await screenshot(page, 'rules', formItem(page, zh.rules.threshold));
		},
		2 * MINUTE,
		{ alone: true },
	);

	describe('线索评分 (lead scores): filtered by grade, a drawer whose ledger adds up, an owner change audited and alerted to the previous owner', () => {
		step('S1. 线索评分: the list filtered by a grade; the drawer\'s ledger sums to the score shown; the owner changed twice, audited with its author; the previous owner has an alert item', async () => {
			const page = pageOf('admin');
			const all = await expect200(admin().get<LeadBoardPage>('board.leads', { pageSize: '100' }), 'board.leads');
			const lead = need(all.items.find((row) => row.grade && row.score !== null), 'a scored lead on the board');
			const grade = need(lead.grade ?? undefined, 'its grade');
			const ofGrade = await expect200(admin().get<LeadBoardPage>('board.leads', { pageSize: '100', grade }), 'board.leads by grade');

			await openScreen(page, zh.nav.scores, zh.scores.title);
			await page.locator('.el-select', { hasText: zh.scores.allGrades }).click();
			await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^${grade}$`) }).click();
			await settle(page);
			const rows = await rowsOf(page).allInnerTexts();
			expect(rows).toHaveLength(Math.min(ofGrade.total, 20));
			for (const row of rows) expect(row.split('\t').map((cell) => cell.trim())).toContain(grade);

			await page.getByRole('button', { name: lead.leadId, exact: true }).click();
			const drawer = page.locator('.el-drawer:visible');
			await drawer.locator('.total').waitFor();
			const ledgerPoints = (await rowsOf(drawer.locator('.el-table').first()).allInnerTexts()).map((row) => Number(row.split('\t')[3]));
			const total = await drawer.locator('.total').innerText();
			const sum = Math.round(ledgerPoints.reduce((a, b) => a + b, 0) * 100) / 100;
			expect(total).toBe(zh.scores.ledgerTotal(String(sum), String(lead.score)));

			// Twice, so that the second change has an active previous owner to tell.
			const owners = lead.owner === 'marketing' ? ['lizhuguan'] : ['marketing', 'lizhuguan'];
			for (const toOwner of owners) {
				await formItem(drawer, zh.scores.newOwner).locator('input').fill(toOwner);
				await formItem(drawer, zh.scores.reason).locator('input').fill('客户要求更换客户经理');
				const { response } = await answerOf(page, 'board.assign', () => drawer.getByRole('button', { name: zh.scores.changeOwner, exact: true }).click());
				expect(response.status()).toBe(200);
				await toast(page, zh.scores.ownerChanged);
				await drawer.locator('.owners li', { hasText: `→ ${toOwner}（admin）` }).first().waitFor();
			}

			const audit = await expect200(admin().get<Paged<AuditEntry>>('audit.list', { action: 'leads.changeOwner' }), 'audit.list');
			expect(audit.rows.filter((row) => row.subject === lead.leadId).map((row) => row.actor)).toEqual(owners.map(() => 'admin'));
			await page.keyboard.press('Escape');
			await openScreen(page, zh.nav.audit, zh.audit.title);
			await page.getByPlaceholder(zh.audit.actionPlaceholder).fill('leads.changeOwner');
			await page.getByRole('button', { name: zh.common.search, exact: true }).click();
			await settle(page);
			const auditRows = (await rowsOf(page).allInnerTexts()).filter((row) => row.includes(`${AUDIT_ACTION_LABELS['leads.changeOwner'].zh}\nleads.changeOwner`));
			expect(auditRows.map((row) => row.split('\t').map((cell) => cell.trim()).includes('admin'))).toEqual(owners.map(() => true));

			const context = dailyRunContext();
			const items = await expectOk<Array<{ recipient?: string; alerts?: Array<{ kind: string; leadId: string }> }>>(context.baseUrl, 'e2e-alert-items', { headers: context.apiKey });
			const toMarketing = items.filter((item) => item.recipient === 'marketing').flatMap((item) => item.alerts ?? []);
			expect(toMarketing).toContainEqual(expect.objectContaining({ kind: 'ownerChanged', leadId: lead.leadId }));
			await expectNoInjectedMarkup(page);
		}, 3 * MINUTE);
	});

	describe('会话质检 (conversation quality): conversations in through the workflow, the ranking, a session, the scoring model edited, saved, rolled back and every session scored again', () => {
		const AGENTS = ['王芳', '李雷', '赵敏'];
		const conversationsAt = Date.now() - 2 * 3_600_000;
		/** A template session moved to two hours ago, as the chat system would send it. */
		const sessionRows = (sessionId: string, agentId: string, team: string, messages: typeof goodSession, extra: Record<string, string> = {}) =>
			messages.map((m, i) => ({
				sessionId,
				...(m.role === 'customer' ? {} : { agentId }),
				role: m.role,
				sentAt: new Date(conversationsAt + m.sentAt - messages[0].sentAt).toISOString(),
				text: m.text,
				team,
				...(i === 0 ? extra : {}),
			}));
		const apiKey = () => ({ [config().importApiKeyHeader]: secrets().importApiKey, 'content-type': 'application/json' });
		/** The stored total of a session, as the session list shows it (a breakdown recomputes with the active model). */
		const sessionTotal = async (sessionId: string) =>
			(await expect200(admin().get<Paged<SessionSummary>>('quality.sessions', { pageSize: '50' }), 'quality.sessions')).rows.find((row) => row.sessionId === sessionId)?.total ?? null;
		const modelTab = (page: Page) => page.locator('.el-tabs__item', { hasText: zh.qualityModel.tabModel });
		const standingsTab = (page: Page) => page.locator('.el-tabs__item', { hasText: zh.qualityModel.tabStandings });
		const sessionCard = (page: Page) => page.locator('.el-card', { hasText: zh.quality.sessionList });
		/** The total the session list shows for a session. */
		const shownTotal = async (page: Page, sessionId: string) => {
			const row = rowsOf(sessionCard(page)).filter({ hasText: sessionId });
			return (await row.locator('td').nth(5).innerText()).trim();
		};
		/** A weight's input: its own form item is the innermost of those its label names (the group's item holds it too). */
		const weightInput = (page: Page, label: string) => formItem(page, label).last().locator('.el-input-number input');
		/** An el-form-item's own error (not a nested item's). */
		const ownError = (item: Locator) => item.locator(':scope > .el-form-item__content > .el-form-item__error');
		let firstTotal: number | null = null;
		/** The lead the posted session is linked to: the first of 线索评分's first page. */
		let linkedLead: string | undefined;

		step('Q1. 会话质检: messages posted to Receive Messages and a day’s files through Run Now are ingested, scored and ranked', async () => {
			const board = await expect200(admin().get<{ items: Array<{ leadId: string }> }>('board.leads', { page: '1', pageSize: '20' }), 'board.leads');
			linkedLead = need(board.items[0]?.leadId, 'a lead on 线索评分');
			const posted = await expectOk<{ rowsRead: number; accepted: number }>(config().baseUrl, 'conversation-quality/messages', {
				method: 'POST',
				headers: apiKey(),
				body: JSON.stringify({ messages: sessionRows('e2e-hook', '赵敏', '二组', goodSession, { leadId: linkedLead }) }),
			});
			expect(posted).toMatchObject({ rowsRead: goodSession.length, accepted: goodSession.length });

			const folder = need(instance.paths, 'the temp folders').callLogDir;
			const messagesPath = path.join(folder, 'conversation-messages.csv');
			const ratingsPath = path.join(folder, 'conversation-ratings.csv');
			const csvRow = (row: ReturnType<typeof sessionRows>[number]) => [row.sessionId, row.agentId ?? '', row.role === 'customer' ? '客户' : '客服', row.sentAt, `"${row.text}"`, row.team].join(',');
			fs.writeFileSync(messagesPath, ['会话ID,客服ID,角色,发送时间,内容,团队', ...sessionRows('e2e-good', '王芳', '一组', goodSession).map(csvRow), ...sessionRows('e2e-poor', '李雷', '一组', poorSession).map(csvRow)].join('\n'));
			const ratedAt = new Date(Date.now() - 3_600_000).toISOString();
			fs.writeFileSync(ratingsPath, `会话ID,评分,评价时间\ne2e-good,5,${ratedAt}\ne2e-poor,1,${ratedAt}\ne2e-hook,4,${ratedAt}\n`);
			const run = await expectOk<{ messages: Array<{ accepted: number; rejected: number }>; ratings: Array<{ accepted: number }>; score: { sessionsScored: number; modelVersion: number }; agents: Array<{ key: string; rank: number }> }>(
				config().baseUrl,
				'conversation-quality-run',
				{ method: 'POST', headers: apiKey(), body: JSON.stringify({ messagesPath, ratingsPath }) },
			);
			expect(run.messages).toEqual([expect.objectContaining({ accepted: goodSession.length + poorSession.length, rejected: 0 })]);
			expect(run.ratings).toEqual([expect.objectContaining({ accepted: 3 })]);
			expect(run.score).toMatchObject({ sessionsScored: 3, modelVersion: 1 });
			expect(run.agents.map((agent) => agent.key).sort()).toEqual([...AGENTS].sort());
			firstTotal = await sessionTotal('e2e-poor');
			expect(firstTotal).not.toBeNull();
		}, 3 * MINUTE);

		step('Q2. 会话质检: the agents ranked with stars; a session opens with the messages that cost points highlighted and phone numbers masked', async () => {
			const page = pageOf('admin');
			await openScreen(page, zh.nav.quality, zh.quality.title);
			const standings = await expect200(admin().get<Standings>('quality.standings', { group: 'agent' }), 'quality.standings');
			const ranking = page.locator('.el-card', { has: page.locator('.el-radio-button', { hasText: zh.quality.agents }) }).first();
			const rows = rowsOf(ranking);
			expect(await rows.count()).toBe(standings.rows.length);
			for (const [index, row] of standings.rows.entries()) {
				const shown = rows.nth(index);
				expect(await shown.innerText()).toContain(row.key);
				expect(Number(await shown.locator('.el-rate').getAttribute('aria-valuenow'))).toBe(row.last30Days.stars ?? 0);
			}
			expect(standings.rows.map((row) => row.key).sort()).toEqual([...AGENTS].sort());
			expect(standings.rows.every((row) => (row.last30Days.stars ?? 0) >= 1)).toBe(true);
			expect(await chartDrawn(page.locator('.el-card', { hasText: zh.quality.allTrend }))).toBe(true);

			await rowsOf(sessionCard(page)).filter({ hasText: 'e2e-poor' }).locator('td').first().click();
			const drawer = page.locator('.el-drawer', { hasText: `${zh.quality.breakdown} · e2e-poor` });
			await drawer.locator('.message').first().waitFor();
			const breakdown = await expect200(admin().get<SessionBreakdown>('quality.session', { sessionId: 'e2e-poor' }), 'quality.session');
			expect(await drawer.locator('.message').count()).toBe(poorSession.length);
			expect(await drawer.locator('.message.costly').count()).toBe(breakdown.messages.filter((m) => m.costsPoints).length);
			expect(await drawer.locator('.message.costly').count()).toBeGreaterThan(0);
			const conversation = await drawer.locator('.conversation').innerText();
			expect(conversation).toContain('手机号是138****5678');
			expect(conversation).not.toContain('13812345678');
			expect(await drawer.locator('.message.costly .el-tag', { hasText: zh.quality.marks.rude }).count()).toBeGreaterThan(0);
			await screenshot(page, 'quality-session');
			await drawer.locator('.el-drawer__close-btn').click();
			await drawer.waitFor({ state: 'hidden' });
			await screenshot(page, 'quality');

			// The lead the posted session names lists it in 线索评分's drawer, and opens its breakdown from there.
			const lead = need(linkedLead, 'the linked lead');
			await openScreen(page, zh.nav.scores, zh.scores.title);
			await page.getByRole('button', { name: lead, exact: true }).click();
			const leadDrawer = page.locator('.el-drawer', { has: page.locator('.lead-conversations') });
			const linked = rowsOf(leadDrawer.locator('.lead-conversations')).filter({ hasText: 'e2e-hook' });
			await linked.waitFor();
			expect(await rowsOf(leadDrawer.locator('.lead-conversations')).count()).toBe(1);
			await linked.locator('td').first().click();
			const fromLead = page.locator('.el-drawer', { hasText: `${zh.quality.breakdown} · e2e-hook` });
			await fromLead.locator('.message').first().waitFor();
			await fromLead.locator('.el-drawer__close-btn').click();
			await fromLead.waitFor({ state: 'hidden' });
			await leadDrawer.locator('.el-drawer__close-btn').first().click();
			await leadDrawer.waitFor({ state: 'hidden' });
			await openScreen(page, zh.nav.quality, zh.quality.title);
		}, 2 * MINUTE);

		step('Q3. 会话质检 · 评分模型: an invalid weight named in place, nothing saved; the version moved under a second save; a valid save, every session scored again, rolled back', async () => {
			const page = pageOf('admin');
			await modelTab(page).click();
			await page.getByRole('button', { name: zh.qualityModel.save, exact: true }).waitFor();
			const rating = weightInput(page, zh.qualityModel.rating);
			const qa = weightInput(page, zh.qualityModel.qa);
			const note = visibleDialog(page, zh.rules.saveTitle);
			const saveWithNote = async (text: string) => {
				await page.getByRole('button', { name: zh.qualityModel.save, exact: true }).click();
				await note.locator('textarea').fill(text);
				await note.getByRole('button', { name: zh.common.save, exact: true }).click();
			};

			// The weights no longer add up to 1: the total-weights group says so in place, nothing is saved.
			await rating.fill('0.3');
			await rating.blur();
			await saveWithNote('这次保存必须被拒绝');
			const totalError = ownError(formItem(page, zh.qualityModel.totalWeights));
			await totalError.waitFor();
			expect(await totalError.innerText()).toContain('权重之和应为 1');
			expect(await page.locator('.model-problems').innerText()).toContain('totalWeights');
			expect((await expect200(admin().get<ConfigHistory>('qualityModel.history'), 'qualityModel.history')).total).toBe(1);

			// 李主管 saves meanwhile: this page's save is told the version moved, and loads theirs.
			const other = new ConsoleApi(config().baseUrl);
			expect((await other.login('lizhuguan', 'Zhuguan2026x')).status).toBe(200);
			const v1 = await expect200(admin().get<ActiveConfig<QualityModel>>('qualityModel.active'), 'qualityModel.active');
			await expect200(other.post('qualityModel.save', { body: { ...v1.body, name: '李主管的模型' }, note: '改名称', baseVersion: 1 }), 'qualityModel.save by 李主管');
			await rating.fill('0.25');
			await qa.fill('0.75');
			await qa.blur();
			await saveWithNote('我的修改');
			const told = page.locator('.el-message-box:visible');
			await told.waitFor();
			expect(await told.innerText()).toContain(zh.rules.versionMoved);
			expect(await told.innerText()).toMatch(/v2/);
			expect(await told.innerText()).toMatch(/lizhuguan|李主管/);
			await told.getByRole('button', { name: zh.rules.reloadLatest, exact: true }).click();
			expect(await rating.inputValue()).toBe('0.2');

			// A valid change: saved as v3 with the author; the stored totals stay until every session is scored again.
			await rating.fill('0.5');
			await qa.fill('0.5');
			await qa.blur();
			await saveWithNote('客户评价与质检各占一半');
			await toast(page, zh.qualityModel.savedVersion(3));
			const v3 = await expect200(admin().get<ActiveConfig<QualityModel>>('qualityModel.active'), 'qualityModel.active');
			expect([v3.version, v3.author, v3.body.totalWeights, v3.body.name]).toEqual([3, 'admin', { rating: 0.5, qa: 0.5 }, '李主管的模型']);
			await page.getByText(zh.qualityModel.rescoreNeeded(3)).waitFor();
			expect(await sessionTotal('e2e-poor')).toBe(firstTotal);

			const rescore = async () => {
				const answer = await answerOf<{ sessionsScored: number; modelVersion: number }>(page, 'quality.rescore', async () => {
					await page.getByRole('button', { name: zh.qualityModel.rescore, exact: true }).click();
					await confirmBox(page);
				});
				expect(answer.response.status()).toBe(200);
				await toast(page, zh.qualityModel.rescored(answer.body.sessionsScored, answer.body.modelVersion));
				return answer.body;
			};
			expect(await rescore()).toMatchObject({ sessionsScored: 3, modelVersion: 3 });
			const rescoredTotal = await sessionTotal('e2e-poor');
			expect(rescoredTotal).not.toBe(firstTotal);
			await standingsTab(page).click();
			await settle(page);
			expect(await shownTotal(page, 'e2e-poor')).toBe(rescoredTotal?.toFixed(2));

			// Roll back to v1 from the history (its diff against v3 first), score again: the first total is back.
			await modelTab(page).click();
			const history = page.locator('.el-card', { hasText: zh.config.history }).last();
			await settle(page);
			expect((await rowsOf(history).allInnerTexts()).map((row) => row.split('\t')[0].trim().split(/\s/)[0])).toEqual(['v3', 'v2', 'v1']);
			const first = rowsOf(history).nth(2);
			await first.getByRole('button', { name: zh.config.showDiff, exact: true }).click();
			const diff = visibleDialog(page, zh.config.diffTitle(1, 3));
			await diff.locator('li').first().waitFor();
			const changes = (await diff.locator('li').allInnerTexts()).map((line) => line.replace(/\s+/g, ' '));
			expect(changes).toEqual(expect.arrayContaining([`totalWeights.rating ${zh.config.changeChanged} 0.2 → 0.5`, `totalWeights.qa ${zh.config.changeChanged} 0.8 → 0.5`]));
			await diff.locator('.el-dialog__headerbtn').click();
			await first.getByRole('button', { name: zh.config.rollback, exact: true }).click();
			await confirmBox(page);
			await toast(page, zh.config.rolledBack(1));
			expect(await rescore()).toMatchObject({ sessionsScored: 3, modelVersion: 1 });
			expect(await sessionTotal('e2e-poor')).toBe(firstTotal);
			await standingsTab(page).click();
			await settle(page);
			expect(await shownTotal(page, 'e2e-poor')).toBe(firstTotal?.toFixed(2));
			await modelTab(page).click();
			await screenshot(page, 'quality-model');
		}, 4 * MINUTE);

		step('Q4. 会话质检 · 评分模型: a read-only account sees the model but cannot save or score again (no buttons; the API refuses it)', async () => {
			const page = pageOf(config().consoleAccounts.viewer.username);
			await openScreen(page, zh.nav.quality, zh.quality.title);
			await modelTab(page).click();
			await page.getByText(zh.common.readOnly).waitFor();
			expect(await page.getByRole('button', { name: zh.qualityModel.save }).count()).toBe(0);
			expect(await page.getByRole('button', { name: zh.qualityModel.rescore }).count()).toBe(0);
			expect(await weightInput(page, zh.qualityModel.rating).isDisabled()).toBe(true);
			const attempts = await page.evaluate(async () => {
				const session = (await (await fetch('api/session.get')).json()) as { csrfToken: string };
				const active = (await (await fetch('api/qualityModel.active')).json()) as { version: number; body: unknown };
				const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
				const save = await fetch('api/qualityModel.save', { method: 'POST', headers, body: JSON.stringify({ body: active.body, note: '只读账号', baseVersion: active.version }) });
				const rescore = await fetch('api/quality.rescore', { method: 'POST', headers, body: '{}' });
				return [
					{ status: save.status, body: await save.json() },
					{ status: rescore.status, body: await rescore.json() },
				];
			});
			expect(attempts).toEqual([
				{ status: 403, body: { error: expect.objectContaining({ code: 'forbidden' }) } },
				{ status: 403, body: { error: expect.objectContaining({ code: 'forbidden' }) } },
			]);
			expect((await expect200(admin().get<ConfigHistory>('qualityModel.history'), 'qualityModel.history')).total).toBe(3);
		}, 2 * MINUTE);

		step('Q5. 审计日志: the scoring model’s saves, its activation and each scoring again are listed with their author', async () => {
			const page = pageOf('admin');
			await openScreen(page, zh.nav.audit, zh.audit.title);
			const actionFilter = page.getByPlaceholder(zh.audit.actionPlaceholder);
			const actorsOf = async (action: AuditAction) => {
				await actionFilter.fill(action);
				await page.getByRole('button', { name: zh.common.search, exact: true }).click();
				await settle(page);
				const label = AUDIT_ACTION_LABELS[action].zh;
				return (await rowsOf(page).allInnerTexts())
					.filter((row) => row.includes(`${label}\n${action}`))
					.map((row) => row.split('\t').map((cell) => cell.trim()).find((cell) => ['admin', 'lizhuguan'].includes(cell)))
					.sort();
			};
			expect(await actorsOf('qualityModel.save')).toEqual(['admin', 'lizhuguan']);
			expect(await actorsOf('qualityModel.activate')).toEqual(['admin']);
			expect(await actorsOf('quality.rescore')).toEqual(['admin', 'admin']);
			expect(run.dialogs).toEqual([]);
			expect(run.pageErrors).toEqual([]);
		}, 2 * MINUTE);
	});

	describe('转化分析 (conversions): the bank’s conversions imported on the page, the report against the store’s, by institution, the weekly trend, the XLSX masked; a control share per grade saved', () => {
		const roiCard = (page: Page) => page.locator('.el-card', { has: page.locator('.el-radio-button', { hasText: zh.roi.dimensions.rule }) });
		/** The table's rows as the cells people read: group, hits, held out, contacted, converted, first / last touch, amount, cost per conversion. */
		const shownRows = async (page: Page) =>
			(await rowsOf(roiCard(page)).allInnerTexts()).map((row) => {
				const cells = row.split('\t').map((cell) => cell.trim());
				return [cells[0], cells[1], cells[2], cells[3], cells[4], cells[9], cells[10], cells[11]];
			});
		const reportRows = (report: RoiReport) =>
			report.rows.map((row) => [row.label, String(row.hits), String(row.heldOut), String(row.contacted), String(row.converted), `${row.firstTouchConversions} / ${row.lastTouchConversions}`, yuan(row.amountCents), yuan(row.costPerConversionCents)]);

		step('R1. 转化分析: conversions imported from the page; the table’s figures are the store’s; by institution; the weekly trend drawn; the XLSX export parses with every phone masked', async () => {
			const page = pageOf(config().consoleAccounts.marketing.username);
			// Conversions of three leads with hits: two known by ID number, one by phone only, each on its lead's latest hit day.
			const hits = await hitsOnBoard(admin());
			const latestHitDay = new Map<string, string>();
			for (const hit of hits) if ((latestHitDay.get(hit.leadId) ?? '') < hit.hitDate) latestHitDay.set(hit.leadId, hit.hitDate);
			const converting = roster.clean.filter((lead) => latestHitDay.has(lead.leadId) && lead.idNumber).slice(0, 3);
			expect(converting).toHaveLength(3);
			const csv = [
				'身份证号,手机号,产品,金额,转化日期,流水号',
				...converting.map((lead, i) => [i < 2 ? lead.idNumber : '', i < 2 ? '' : lead.phone, ['个人消费贷', '信用卡', '储蓄开户'][i], ['50000', '"1,200.50"', '880'][i], latestHitDay.get(lead.leadId), `E2E-ROI-${i + 1}`].join(',')),
			].join('\n');

			await openScreen(page, zh.nav.roi, zh.roi.title);
			await page.getByRole('button', { name: zh.roi.importConversions, exact: true }).click();
			const dialog = visibleDialog(page, zh.roi.importConversions);
			const imported = await answerOf<{ matched: number; attribution: { attributedConversions: number } }>(page, 'roi.import', () =>
				dialog.locator('input[type=file]').setInputFiles({ name: '放款.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }),
			);
			expect(imported.response.status()).toBe(200);
			await dialog.getByText(zh.roi.imported(3, 0, 0, 0)).waitFor();
			expect(imported.body.attribution.attributedConversions).toBe(3);
			await dialog.locator('.el-dialog__headerbtn').click();
			await dialog.waitFor({ state: 'hidden' });
			await settle(page);

			// By rule: the table is the store's report, and its hits and conversions are the board's hits.
			const byRule = await expect200(admin().get<RoiReport>('roi.report', { dimension: 'rule' }), 'roi.report');
			expect(await shownRows(page)).toEqual(reportRows(byRule));
			const now = await hitsOnBoard(admin());
			const countBy = (keys: string[]) => [...keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>())].sort();
			expect(byRule.rows.map((row) => [row.key, row.hits]).sort()).toEqual(countBy(now.map((hit) => hit.ruleId)));
			expect(byRule.rows.reduce((sum, row) => sum + row.converted + row.heldOutConverted, 0)).toBe(now.filter((hit) => hit.convertedSource === 'imported').length);
			expect(new Set(now.filter((hit) => hit.convertedSource === 'imported').map((hit) => hit.leadId))).toEqual(new Set(converting.map((lead) => lead.leadId)));
			expect(byRule.rows.reduce((sum, row) => sum + row.amountCents, 0)).toBe(5_000_000 + 120_050 + 88_000);
			expect(await page.locator('.hint', { hasText: zh.roi.totals(3, 0) }).count()).toBe(1);

			// By institution: the rows the store groups by the institution each hit's lead called most.
			const byInstitution = await answerOf<RoiReport>(page, 'roi.report', () => page.locator('.el-radio-button', { hasText: zh.roi.dimensions.institution }).click());
			await settle(page);
			const institutions = await expect200(admin().get<RoiReport>('roi.report', { dimension: 'institution' }), 'roi.report by institution');
			expect(byInstitution.body.dimension).toBe('institution');
			expect(await shownRows(page)).toEqual(reportRows(institutions));
			expect(institutions.rows.some((row) => row.key !== '')).toBe(true);
			expect(institutions.rows.reduce((sum, row) => sum + row.hits, 0)).toBe(now.length);

			// The weekly trend: a canvas, four series (both groups' conversions as bars, both rates as lines), drawn.
			const trend = page.locator('.el-card', { hasText: zh.roi.trendTitle });
			expect(await trend.locator('canvas').count()).toBeGreaterThan(0);
			expect(await trend.locator('.echart').getAttribute('data-series')).toBe('4');
			expect(await chartDrawn(trend)).toBe(true);
			const convertedHits = institutions.rows.reduce((sum, row) => sum + row.converted + row.heldOutConverted, 0);
			expect(institutions.trend.reduce((sum, week) => sum + week.converted + week.heldOutConverted, 0)).toBe(convertedHits);
			expect(convertedHits).toBeGreaterThanOrEqual(3);

			// The export: the dimension's rows, the weeks, the three conversions with their leads masked.
			const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: zh.roi.exportXlsx, exact: true }).click()]);
			expect(download.suggestedFilename()).toMatch(new RegExp(`^转化分析-${zh.roi.dimensions.institution}-\\d{8}\\.xlsx$`));
			const { default: ExcelJS } = await import('exceljs');
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.readFile(need((await download.path()) ?? undefined, 'the downloaded file'));
			expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([`按${zh.roi.dimensions.institution}`, '周趋势', '归因转化', '说明']);
			const sheetRows = (name: string) => (need(workbook.getWorksheet(name), name).getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
			const [rowHeader, ...groupRows] = sheetRows(`按${zh.roi.dimensions.institution}`);
			expect(groupRows.map((row) => [row[rowHeader.indexOf('分组键')] ?? '', row[rowHeader.indexOf('命中')]])).toEqual(institutions.rows.map((row) => [row.key, row.hits]));
			const [conversionHeader, ...conversions] = sheetRows('归因转化');
			const phones = conversions.map((row) => String(row[conversionHeader.indexOf('手机号')]));
			expect(conversions.map((row) => row[conversionHeader.indexOf('线索编号')]).sort()).toEqual(converting.map((lead) => lead.leadId).sort());
			for (const phone of phones) expect(phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
			const everything = workbook.worksheets.flatMap((sheet) => (sheet.getSheetValues() as unknown[][]).filter(Boolean).flat().map(String)).join('\n');
			for (const lead of converting) {
				expect(everything).not.toContain(lead.phone);
				expect(everything).not.toContain(lead.idNumber);
			}
			await screenshot(page, '转化分析');
			await expectNoInjectedMarkup(page);
		}, 3 * MINUTE);

		step('R2. control shares: on a rule, 80 % named in place and not savable, 10 % says how long it takes to tell; on 评分模型, the same for grade A, 5 % saved as a new version with its author, audited', async () => {
			const page = pageOf('admin');
			const outlookPattern = /需要约 [\d,]+ 个命中 \/ \d+ 周|近 \d+ 天没有命中|尚无转化|对照比例过小/;

			// 监控指标管理: the selected rule's share, checked in place; the change discarded.
			await openScreen(page, zh.nav.rules, zh.rules.title);
			const ruleShare = formItem(page, zh.controlShare.label);
			const ruleInput = ruleShare.locator('.el-input-number input');
			await ruleInput.fill('80');
			await ruleInput.blur();
			await ruleShare.locator('.el-form-item__error').waitFor();
			expect(await ruleShare.locator('.el-form-item__error').innerText()).toContain('0–50');
			expect(await page.getByRole('button', { name: zh.rules.save, exact: true }).isDisabled()).toBe(true);
			await ruleInput.fill('10');
			await ruleInput.blur();
			await ruleShare.locator('.el-form-item__error').waitFor({ state: 'detached' });
			expect(await page.getByRole('button', { name: zh.rules.save, exact: true }).isDisabled()).toBe(false);
			expect(await ruleShare.locator('.control-share-outlook').innerText()).toMatch(outlookPattern);
			await page.getByRole('button', { name: zh.rules.cancelEdit, exact: true }).click();
			await confirmBox(page);
			expect(await ruleInput.inputValue()).toBe('');

			const before = await expect200(admin().get<ActiveConfig<ScoringModel>>('scoring.active'), 'scoring.active');
			await openScreen(page, zh.nav.scores, zh.scores.title);
			await page.locator('.el-tabs__item', { hasText: zh.scoringModel.tabModel }).click();
			const gradeA = formItem(page, zh.scoringModel.gradeLabel('A'));
			const input = gradeA.locator('.el-input-number input');
			await input.waitFor();
			const save = page.getByRole('button', { name: zh.scoringModel.save, exact: true });

			await input.fill('80');
			await input.blur();
			await gradeA.locator('.el-form-item__error').waitFor();
			expect(await gradeA.locator('.el-form-item__error').innerText()).toContain('0–50');
			expect(await save.isDisabled()).toBe(true);

			await input.fill('5');
			await input.blur();
			await gradeA.locator('.el-form-item__error').waitFor({ state: 'detached' });
			const outlook = await gradeA.locator('.control-share-outlook').innerText();
			const gradeB = await formItem(page, zh.scoringModel.gradeLabel('B')).locator('.control-share-outlook').innerText();
			expect(gradeB).toBe(zh.controlShare.noControl);
			expect(outlook).not.toBe(zh.controlShare.noControl);
			expect(outlook).toMatch(outlookPattern);

			await save.click();
			const note = visibleDialog(page, zh.rules.saveTitle);
			await note.locator('textarea').fill('A 级留出 5% 作对照');
			await note.getByRole('button', { name: zh.common.save, exact: true }).click();
			await toast(page, zh.scoringModel.savedVersion(before.version + 1));
			const after = await expect200(admin().get<ActiveConfig<ScoringModel>>('scoring.active'), 'scoring.active');
			expect([after.version, after.author, after.body.controlPercentByGrade]).toEqual([before.version + 1, 'admin', { ...(before.body.controlPercentByGrade ?? {}), A: 5 }]);
			const audit = await expect200(admin().get<Paged<AuditEntry>>('audit.list', { action: 'scoring.save' }), 'audit.list');
			expect(audit.rows.map((row) => row.actor)).toContain('admin');
			await screenshot(page, 'scoring-model');
			expect(run.pageErrors).toEqual([]);
		}, 2 * MINUTE);
	});

	step(
		'12. stops n8n cleanly',
		async () => {
			await run.browser?.close();
			run.browser = undefined;
			const server = instance.server;
			if (!server) return;
			await stopPackedInstance(instance, 'console-n8n.log');
			expect(server.hasExited()).toBe(true);
		},
		2 * MINUTE,
		{ always: true },
	);
});
