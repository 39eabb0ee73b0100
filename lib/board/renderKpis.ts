import type { BoardKpis } from './boardKpis';
import type { BoardMessages } from './boardMessages';
import { html, type Html } from './html';
import { ICONS } from './renderIcons';
import { formatDecimal, formatNumber } from './renderFormat';

export function renderKpis(kpis: BoardKpis, m: BoardMessages, locale: string): Html {
	const n = (value: number) => formatNumber(value, locale);
	const change = kpis.changeFromYesterdayPct;
	const changeNote =
		change === null
			? html`${m.kpiChangeNone}`
			: html`<span class="${change >= 0 ? 'trend-up' : 'trend-down'}">${change >= 0 ? '▲' : '▼'} ${m.kpiChange(
					change >= 0 ? '+' : '−',
					formatDecimal(Math.abs(change), locale),
				)}</span>`;
	const awaitingNote = m.kpiAwaitingShare(formatDecimal(kpis.awaitingSharePct ?? 0, locale));
	const conversion = kpis.conversionRatePct;
	return html`<section class="kpis" aria-label="KPI">
${card('blue', ICONS.users(), m.kpiTotal, html`${n(kpis.total)}`, changeNote, 'kpi-total')}
${card('violet', ICONS.sparkle(), m.kpiNewToday, html`${n(kpis.newToday)}`, html`<span class="live-dot"></span>${m.kpiNewTodayNote(n(kpis.newYesterday))}`, 'kpi-new-today')}
${card('amber', ICONS.clock(), m.kpiAwaiting, html`${n(kpis.awaiting)}`, html`${awaitingNote}`, 'kpi-awaiting')}
${card(
	'green',
	ICONS.target(),
	m.kpiConversion,
	conversion === null ? html`–` : html`${formatDecimal(conversion, locale)}<small>%</small>`,
	conversion === null ? html`${m.kpiConversionNone}` : html`${m.kpiConversionNote(n(kpis.monthConverted), n(kpis.monthHits), n(kpis.monthConvertedImported), n(kpis.monthConvertedStaff))}`,
	'kpi-conversion',
)}
</section>`;
}

function card(tone: string, icon: Html, label: string, value: Html, note: Html, id: string): Html {
	return html`<article class="card kpi" id="${id}">
<div class="kpi-icon ${tone}">${icon}</div>
<div><div class="kpi-label">${label}</div><div class="kpi-value">${value}</div><div class="kpi-note">${note}</div></div>
</article>`;
}
