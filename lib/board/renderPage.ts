import { DateTime } from 'luxon';

import { HIT_STATUS_LABELS } from '../hits';
import type { BoardData } from './boardData';
import { boardMessages, type BoardMessages } from './boardMessages';
import type { BoardNotice } from './boardNotice';
import { boardQueryString, type BoardLanguage } from './boardQuery';
import { html, raw, type Html } from './html';
import { renderSourceChart, renderTrendChart } from './renderCharts';
import { localeFor, formatNumber } from './renderFormat';
import { renderHitList } from './renderHitList';
import { ICONS, LOGO } from './renderIcons';
import { renderKpis } from './renderKpis';
import { BOARD_SCRIPT } from './renderScript';
import { BOARD_CSS } from './renderStyles';

export interface BoardPageOptions {
	/** Where the row and batch actions post (a webhook of the board-actions workflow); relative to the board. */
	actionsUrl?: string;
	/** Where the other three tabs lead (they are managed in the n8n editor). */
	navigation?: { leads?: string; rules?: string; push?: string };
}

export const DEFAULT_ACTIONS_URL = 'lead-board-actions';
const DEFAULT_EDITOR_URL = '/home/workflows';

/** The whole board as one self-contained HTML document: inline CSS, inline SVG, one small inline script. */
export function renderBoardPage(data: BoardData, options: BoardPageOptions = {}): string {
	const lang = data.query.lang;
	const m = boardMessages(lang);
	const locale = localeFor(lang);
	const actionsUrl = safeUrl(options.actionsUrl, DEFAULT_ACTIONS_URL);
	const nav = options.navigation ?? {};
	const page = html`<!doctype html>
<html lang="${m.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>${m.pageTitle} · ${m.productName}</title>
<style>${raw(BOARD_CSS)}</style>
</head>
<body>
<header class="topbar"><div class="topbar-inner">
<div class="brand">${LOGO}<div><strong>${m.productName}</strong><span>${m.productTagline}</span></div></div>
<nav class="tabs">
<a href="${safeUrl(nav.leads, DEFAULT_EDITOR_URL)}" title="${m.navHint}">${m.navLeads}</a>
<a href="${safeUrl(nav.rules, DEFAULT_EDITOR_URL)}" title="${m.navHint}">${m.navRules}</a>
<a href="${safeUrl(nav.push, DEFAULT_EDITOR_URL)}" title="${m.navHint}">${m.navPush}</a>
<a class="active" href="?${lang === data.query.defaults.lang ? '' : `lang=${lang}`}" aria-current="page">${m.navBoard}</a>
</nav>
<div class="topbar-meta"><span class="today">${m.currentDate}: ${longDate(data.today, m)}</span>${languageSwitch(data, m)}</div>
</div></header>
<main class="page">
<div class="page-head"><div><h1>${m.pageTitle}</h1><p>${m.pageSubtitle}</p></div>
<div class="updated">${m.updatedAt(DateTime.fromISO(data.generatedAt).setZone(data.timeZone).toFormat('HH:mm'), data.timeZone)}</div></div>
${data.query.notice ? renderNotice(data.query.notice, m, lang) : ''}
${renderKpis(data.kpis, m, locale)}
${renderHitList({ data, m, locale, actionsUrl })}
<section class="charts">
<article class="card chart" id="trend-chart"><div class="chart-head"><h2>${m.trendTitle}</h2><span class="chart-note">${
		data.trend.some((p) => p.hits > 0) ? m.trendNote : m.trendEmpty
	}</span></div>${renderTrendChart(data.trend, m, locale)}</article>
<article class="card chart" id="source-chart"><div class="chart-head"><h2>${m.sourceTitle}</h2><span class="chart-note">${m.sourceNote}</span></div>${renderSourceChart(
		data.sources,
		m,
		locale,
	)}</article>
</section>
</main>
<footer class="foot"><span>${m.footer(data.today.slice(0, 4))}</span><span>n8n-nodes-lead-monitor · ${formatNumber(data.kpis.total, locale)} ${m.hitsUnit}</span></footer>
<script>${raw(BOARD_SCRIPT)}</script>
</body>
</html>
`;
	return page.text;
}

function longDate(isoDate: string, m: BoardMessages): string {
	const date = DateTime.fromISO(isoDate);
	return m.dateLong(date.year, date.month, date.day, m.weekdays[date.weekday - 1]);
}

function languageSwitch(data: BoardData, m: BoardMessages): Html {
	const other: BoardLanguage = data.query.lang === 'zh' ? 'en' : 'zh';
	return html`<a class="lang" href="?${boardQueryString(data.query, { lang: other === data.query.defaults.lang ? undefined : other })}" hreflang="${
		other === 'zh' ? 'zh-CN' : 'en'
	}">${m.switchLanguage}</a>`;
}

function renderNotice(notice: BoardNotice, m: BoardMessages, lang: BoardLanguage): Html {
	const text = noticeText(notice, m, lang);
	const warn = notice.count === 0 || notice.missing > 0;
	return html`<div class="notice${warn ? ' warn' : ''}" role="status">${warn ? ICONS.alert() : ICONS.check()}<span>${text}${
		notice.missing ? html` · ${m.noticeMissing(notice.missing)}` : ''
	}</span></div>`;
}

function noticeText(notice: BoardNotice, m: BoardMessages, lang: BoardLanguage): string {
	if (notice.count === 0 && notice.missing === 0) return m.noticeNothingSelected;
	if (notice.kind === 'status') return m.noticeStatus(notice.count, HIT_STATUS_LABELS[notice.status][lang]);
	return notice.kind === 'sms' ? m.noticeSms(notice.count) : m.noticeCall(notice.count);
}

/** A configured link: a relative path or http(s) URL, never a script URL. */
function safeUrl(value: string | undefined, fallback: string): string {
	const url = (value ?? '').trim();
	if (!url) return fallback;
	// Browsers drop tabs and newlines inside URLs ("java\nscript:"), so judge the scheme without them.
	const compact = url.replace(/[\u0000-\u0020]/g, '');
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
	return scheme === undefined || scheme === 'http' || scheme === 'https' ? url : fallback;
}
