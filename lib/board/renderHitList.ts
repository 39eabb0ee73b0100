import { HIT_STATUS_LABELS, HIT_STATUSES, type HitStatus, type PublicHit } from '../hits';
import type { BoardData } from './boardData';
import { localDateTime } from './boardClock';
import type { BoardMessages } from './boardMessages';
import { boardQueryString, GRADES, hasFilters, PAGE_SIZES, type BoardQuery, type BoardQueryKey, type BoardSort } from './boardQuery';
import { html, type Html } from './html';
import { ICONS } from './renderIcons';
import { formatNumber } from './renderFormat';

export interface ListContext {
	data: BoardData;
	m: BoardMessages;
	locale: string;
	actionsUrl: string;
}

function href(query: BoardQuery, changes: Partial<Record<BoardQueryKey, string | number | undefined>> = {}): string {
	return `?${boardQueryString(query, changes)}`;
}

export function renderHitList(ctx: ListContext): Html {
	const { data, m } = ctx;
	return html`<section class="card list" id="hit-list">
<div class="list-head"><div class="list-title"><h2>${m.listTitle}</h2>${statusTabs(ctx)}</div>${batchForm(ctx)}</div>
<div class="toolbar">${filterForm(ctx)}</div>
<div class="table-wrap">${data.hits.items.length ? table(ctx) : emptyState(ctx)}</div>
${listFoot(ctx)}
</section>`;
}

function statusTabs({ data, m, locale }: ListContext): Html {
	const { query, kpis } = data;
	const lang = query.lang;
	const tabs: Array<{ status?: HitStatus; label: string; count: number }> = [
		{ label: m.allStatuses, count: kpis.total },
		...HIT_STATUSES.map((status) => ({ status, label: HIT_STATUS_LABELS[status][lang], count: kpis.byStatus[status] })),
	];
	return html`<nav class="seg" aria-label="${m.colStatus}">${tabs.map(
		(tab) =>
			html`<a href="${href(query, { status: tab.status, page: undefined })}" class="${query.filters.status === tab.status ? 'active' : ''}"${
				query.filters.status === tab.status ? html` aria-current="true"` : ''
			}>${tab.label}<span class="count">${formatNumber(tab.count, locale)}</span></a>`,
	)}</nav>`;
}

const SORT_OPTIONS: BoardSort[] = ['hitDate', 'createdAt', 'grade', 'status'];

function sortLabel(sort: BoardSort, m: BoardMessages): string {
	switch (sort) {
		case 'hitDate':
			return `${m.colHitDate} ↓`;
		case 'createdAt':
			return `${m.recordedAt} ↓`;
		case 'grade':
			return 'A → D';
		case 'status':
			return m.colStatus;
	}
}

function filterForm({ data, m }: ListContext): Html {
	const { query, rules, sources } = data;
	const f = query.filters;
	const option = (value: string, label: string, current: string | undefined) =>
		html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
	const hidden = (name: string, value: string | number | undefined) =>
		value === undefined ? '' : html`<input type="hidden" name="${name}" value="${value}">`;
	const knownSources = sources.flatMap((s) => (s.source ? [s.source] : []));
	if (f.source && !knownSources.includes(f.source)) knownSources.push(f.source);
	const knownRules = rules.map((r) => ({ id: r.ruleId, label: r.label ? `${r.label}` : r.ruleId }));
	if (f.ruleId && !knownRules.some((r) => r.id === f.ruleId)) knownRules.push({ id: f.ruleId, label: f.ruleId });
	return html`<form class="filters" method="get" action="" role="search">
<label class="search"><span class="sr-only">${m.search}</span>${ICONS.search()}<input class="field" id="board-search" type="search" name="q" value="${f.search ?? ''}" placeholder="${m.searchPlaceholder}" maxlength="100"></label>
<select class="field" name="grade" data-autosubmit aria-label="${m.allGrades}">${option('', m.allGrades, f.grade)}${GRADES.map((g) => option(g, m.gradeOption(g), f.grade))}</select>
<select class="field" name="rule" data-autosubmit aria-label="${m.allRules}">${option('', m.allRules, f.ruleId)}${knownRules.map((r) => option(r.id, r.label, f.ruleId))}</select>
<select class="field" name="source" data-autosubmit aria-label="${m.allSources}">${option('', m.allSources, f.source)}${knownSources.map((s) => option(s, s, f.source))}</select>
<span class="dates"><input class="field" type="date" name="from" value="${f.dateFrom ?? ''}" aria-label="${m.dateFrom}" title="${m.dateFrom}">–<input class="field" type="date" name="to" value="${f.dateTo ?? ''}" aria-label="${m.dateTo}" title="${m.dateTo}"></span>
<select class="field" name="sort" data-autosubmit data-default="hitDate" aria-label="sort">${SORT_OPTIONS.map((s) => option(s, sortLabel(s, m), query.sort))}</select>
${hidden('status', f.status)}${hidden('size', query.pageSize === query.defaults.pageSize ? undefined : query.pageSize)}${hidden('lang', query.lang === query.defaults.lang ? undefined : query.lang)}
<button class="btn btn-primary" type="submit">${m.search}</button>
${hasFilters({ ...f, status: undefined }) ? html`<a class="btn btn-ghost" href="${href(query, { q: undefined, grade: undefined, rule: undefined, source: undefined, from: undefined, to: undefined, page: undefined })}">${m.reset}</a>` : ''}
</form>`;
}

function batchForm({ data, m, actionsUrl }: ListContext): Html {
	return html`<form class="batch" id="batch-form" method="post" action="${actionsUrl}">
<input type="hidden" name="returnTo" value="${boardQueryString(data.query)}">
<span class="batch-count">${withMarkup(m.selected('{n}'), html`<b id="selected-count">0</b>`)}</span>
<button class="btn btn-outline" type="submit" name="action" value="call" data-confirm="${m.confirmCall('{n}')}">${ICONS.phone()}${m.batchCall}</button>
<button class="btn btn-primary" type="submit" name="action" value="sms" data-confirm="${m.confirmSms('{n}')}">${ICONS.message()}${m.batchSms}</button>
</form>`;
}

/** A message with a placeholder, the placeholder replaced by markup and the rest escaped. */
function withMarkup(message: string, value: Html): Html {
	const [before, after = ''] = message.split('{n}');
	return html`${before}${value}${after}`;
}

function table(ctx: ListContext): Html {
	const { data, m } = ctx;
	const query = data.query;
	const dateSorted = query.sort === 'hitDate';
	const nextDir = dateSorted && query.direction === 'desc' ? 'asc' : 'desc';
	return html`<table>
<thead><tr>
<th class="check"><input type="checkbox" id="select-all" aria-label="${m.selectAll}" title="${m.selectAll}"></th>
<th>${m.colUser}</th>
<th>${m.colRule}</th>
<th>${m.colSource}</th>
<th><a href="${href(query, { sort: undefined, dir: nextDir === 'desc' ? undefined : 'asc', page: undefined })}">${m.colHitDate}${
		dateSorted ? html`<span class="arrow">${query.direction === 'desc' ? '↓' : '↑'}</span>` : ''
	}</a></th>
<th>${m.colStatus}</th>
<th>${m.colActions}</th>
</tr></thead>
<tbody>${data.hits.items.map((hit) => row(hit, ctx))}</tbody>
</table>`;
}

function row(hit: PublicHit, { data, m, actionsUrl }: ListContext): Html {
	const lang = data.query.lang;
	const grade = hit.grade && /^[A-D]$/.test(hit.grade) ? hit.grade : 'X';
	const recorded = localDateTime(hit.createdAt, data.timeZone).slice(5);
	return html`<tr data-hit-id="${hit.hitId}">
<td class="check"><input type="checkbox" name="hitIds" value="${hit.hitId}" form="batch-form" aria-label="${m.selectRow}"></td>
<td><div class="user"><span class="grade grade-${grade}" title="${m.gradeTitle(hit.grade ?? '–')}">${hit.grade ?? '–'}</span>
<div><div class="name">${hit.leadName || '—'}</div><div class="sub"><span class="mono">${hit.leadId}</span>${hit.phone ? html` · <span class="mono">${hit.phone}</span>` : ''}</div></div></div></td>
<td><div class="rule-label">${hit.label ?? hit.ruleId}${hit.controlGroup ? html` <span class="chip" title="${m.controlGroupTitle}">${m.controlGroup}</span>` : ''}</div><div class="sub reason" title="${hit.reason ?? ''}">${hit.reason ?? ''}</div></td>
<td><span class="chip">${hit.source ?? m.sourceUnknown}</span></td>
<td class="date"><div>${hit.hitDate}</div><div class="sub">${m.recordedAt} ${recorded}</div></td>
<td><span class="status status-${hit.status}">${HIT_STATUS_LABELS[hit.status][lang]}</span></td>
<td class="actions">${rowActions(hit, m, lang, actionsUrl, boardQueryString(data.query))}</td>
</tr>`;
}

type TextKey = { [K in keyof BoardMessages]: BoardMessages[K] extends string ? K : never }[keyof BoardMessages];

const PRIMARY_MOVE: Record<HitStatus, { to: HitStatus; label: TextKey; title: TextKey } | undefined> = {
	pending: { to: 'in_progress', label: 'actionContact', title: 'actionContactTitle' },
	in_progress: { to: 'converted', label: 'actionConvert', title: 'actionConvertTitle' },
	contact_failed: { to: 'pending', label: 'actionReactivate', title: 'actionReactivateTitle' },
	converted: undefined,
};

function rowActions(hit: PublicHit, m: BoardMessages, lang: 'zh' | 'en', actionsUrl: string, returnTo: string): Html {
	const primary = PRIMARY_MOVE[hit.status];
	const others = HIT_STATUSES.filter((status) => status !== hit.status);
	return html`<form class="row-actions" method="post" action="${actionsUrl}">
<input type="hidden" name="action" value="status"><input type="hidden" name="hitIds" value="${hit.hitId}"><input type="hidden" name="returnTo" value="${returnTo}">
${primary ? html`<button class="link-btn" type="submit" name="status" value="${primary.to}" title="${m[primary.title]}">${m[primary.label]}</button>` : html`<span class="done">${m.actionDone}</span>`}
<details class="menu"><summary>${m.actionMore}</summary><div class="menu-list">${others.map(
		(status) =>
			html`<button type="submit" name="status" value="${status}"><span class="dot dot-${status}"></span>${m.moveTo} ${HIT_STATUS_LABELS[status][lang]}</button>`,
	)}</div></details>
</form>`;
}

function emptyState({ data, m }: ListContext): Html {
	const filtered = hasFilters(data.query.filters);
	return html`<div class="empty">${ICONS.inbox()}<div>${filtered ? m.emptyList : m.emptyBoard}</div>${
		filtered ? html`<p><a href="${href(data.query, { q: undefined, status: undefined, grade: undefined, rule: undefined, source: undefined, from: undefined, to: undefined, page: undefined })}">${m.clearFilters}</a></p>` : ''
	}</div>`;
}

function listFoot({ data, m, locale }: ListContext): Html {
	const { hits, query } = data;
	const n = (value: number) => formatNumber(value, locale);
	const shown = hits.total ? m.showing(n(hits.from), n(hits.to), n(hits.total)) : m.showingNone;
	const keep = boardQueryString(query, { size: undefined, page: undefined });
	const hiddenKeep = [...new URLSearchParams(keep)].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
	return html`<div class="list-foot">
<div id="list-range">${shown}</div>
<div class="foot-right">
<form class="size-form" method="get" action="">${hiddenKeep}<select class="field" name="size" data-autosubmit aria-label="${m.pageSize(query.pageSize)}">${PAGE_SIZES.map(
		(size) => html`<option value="${size}"${size === query.pageSize ? html` selected` : ''}>${m.pageSize(size)}</option>`,
	)}</select><noscript><button class="btn" type="submit">OK</button></noscript></form>
${pager(data, m)}
</div>
</div>`;
}

/** Page numbers around the current one, with the first and last always reachable. */
export function pageWindow(page: number, pageCount: number): Array<number | 'gap'> {
	const pages = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pageCount));
	const sorted = [...pages].sort((a, b) => a - b);
	const result: Array<number | 'gap'> = [];
	sorted.forEach((p, i) => {
		if (i > 0 && p - sorted[i - 1] > 1) result.push(p - sorted[i - 1] === 2 ? p - 1 : 'gap');
		result.push(p);
	});
	return result;
}

function pager(data: BoardData, m: BoardMessages): Html {
	const { page, pageCount } = data.hits;
	const query = data.query;
	const link = (target: number, label: string | number, className = '') =>
		html`<a href="${href(query, { page: target > 1 ? target : undefined })}" class="${className}" aria-label="${m.pageLabel(target)}">${label}</a>`;
	return html`<nav class="pager" aria-label="pagination">
${page > 1 ? link(page - 1, m.previous) : html`<span class="off">${m.previous}</span>`}
${pageWindow(page, pageCount).map((p) =>
		p === 'gap' ? html`<span class="gap">…</span>` : p === page ? html`<span class="current" aria-current="page">${p}</span>` : link(p, p),
	)}
${page < pageCount ? link(page + 1, m.next) : html`<span class="off">${m.next}</span>`}
</nav>`;
}
