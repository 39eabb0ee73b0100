import type { SourceShare } from './boardBreakdowns';
import type { BoardMessages } from './boardMessages';
import type { TrendPoint } from './boardTrend';
import { html, type Html } from './html';
import { formatNumber, formatPercent } from './renderFormat';

/** Server-drawn SVG charts: no chart library, nothing to load. */

const TREND = { width: 600, height: 230, left: 44, right: 12, top: 24, bottom: 46 };

/** A round step for about four grid lines: 1, 2 or 5 × 10^k. */
export function niceStep(max: number): number {
	if (max <= 4) return 1;
	const rough = max / 4;
	const magnitude = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= rough);
	return step ?? 10 * magnitude;
}

export function renderTrendChart(points: TrendPoint[], m: BoardMessages, locale: string): Html {
	const { width, height, left, right, top, bottom } = TREND;
	const max = Math.max(0, ...points.map((p) => p.hits));
	const step = niceStep(max);
	const ceiling = Math.max(step * Math.ceil(max / step), step);
	const plotHeight = height - top - bottom;
	const slot = (width - left - right) / Math.max(points.length, 1);
	const barWidth = Math.min(44, slot * 0.52);
	const y = (value: number) => top + plotHeight - (value / ceiling) * plotHeight;
	const ticks = Array.from({ length: Math.round(ceiling / step) + 1 }, (_, i) => i * step);
	const grid = ticks.map(
		(tick) => html`<line x1="${left}" x2="${width - right}" y1="${y(tick)}" y2="${y(tick)}" stroke="${tick === 0 ? '#d5dae3' : '#eef0f4'}"/>
<text x="${left - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="11" fill="#9ca3af">${formatNumber(tick, locale)}</text>`,
	);
	const bars = points.map((point, index) => {
		const cx = left + slot * index + slot / 2;
		const barTop = y(point.hits);
		const barHeight = Math.max(point.hits > 0 ? 2 : 0, top + plotHeight - barTop);
		const isToday = index === points.length - 1;
		const [, month, day] = point.date.split('-');
		const weekday = m.weekdays[(new Date(`${point.date}T00:00:00Z`).getUTCDay() + 6) % 7];
		return html`<g>
<title>${point.date} · ${formatNumber(point.hits, locale)}</title>
<rect class="bar${isToday ? ' today' : ''}" x="${round(cx - barWidth / 2)}" y="${round(top + plotHeight - barHeight)}" width="${round(barWidth)}" height="${round(barHeight)}" rx="5"/>
<text x="${round(cx)}" y="${round(top + plotHeight - barHeight - 7)}" text-anchor="middle" font-size="12" font-weight="600" fill="${isToday ? '#1f5eff' : '#374151'}">${formatNumber(point.hits, locale)}</text>
<text x="${round(cx)}" y="${height - bottom + 18}" text-anchor="middle" font-size="12" fill="${isToday ? '#111827' : '#6b7280'}" font-weight="${isToday ? 600 : 400}">${month}-${day}</text>
<text x="${round(cx)}" y="${height - bottom + 34}" text-anchor="middle" font-size="11" fill="#9ca3af">${weekday}</text>
</g>`;
	});
	return html`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${m.trendTitle}">
<defs>
<linearGradient id="bar-fill" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9db8ff"/><stop offset="1" stop-color="#c9d8ff"/></linearGradient>
<linearGradient id="bar-today" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b74ff"/><stop offset="1" stop-color="#1f5eff"/></linearGradient>
</defs>
${grid}
${bars}
</svg>`;
}

export const SOURCE_COLORS = ['#1f5eff', '#14b8a6', '#f59e0b', '#8b5cf6', '#ef4444', '#a3adbd'];
const TOP_SOURCES = SOURCE_COLORS.length - 1;

export interface SourceSlice {
	label: string;
	hits: number;
	sharePct: number;
	color: string;
}

/** The largest sources, the rest together as "other". */
export function sourceSlices(sources: SourceShare[], m: BoardMessages): SourceSlice[] {
	const sorted = [...sources].sort((a, b) => b.hits - a.hits);
	const head = sorted.length > TOP_SOURCES + 1 ? sorted.slice(0, TOP_SOURCES) : sorted;
	const tail = sorted.slice(head.length);
	const total = sorted.reduce((sum, s) => sum + s.hits, 0);
	const slices = head.map((s, i) => ({ label: s.source ?? m.sourceUnknown, hits: s.hits, sharePct: s.sharePct, color: SOURCE_COLORS[i] }));
	if (tail.length) {
		const hits = tail.reduce((sum, s) => sum + s.hits, 0);
		slices.push({ label: m.sourceOther, hits, sharePct: Math.round((hits / total) * 1000) / 10, color: SOURCE_COLORS[TOP_SOURCES] });
	}
	return slices;
}

export function renderSourceChart(sources: SourceShare[], m: BoardMessages, locale: string): Html {
	const slices = sourceSlices(sources, m);
	const total = slices.reduce((sum, s) => sum + s.hits, 0);
	if (total === 0) return html`<div class="chart-empty">${m.sourceEmpty}</div>`;
	const radius = 70;
	const circumference = 2 * Math.PI * radius;
	let offset = 0;
	const arcs = slices.map((slice) => {
		const length = (slice.hits / total) * circumference;
		// A hair of white between slices, unless one source has everything.
		const gap = slices.length > 1 ? Math.min(1.5, length / 2) : 0;
		const arc = html`<circle r="${radius}" cx="100" cy="100" fill="none" stroke="${slice.color}" stroke-width="26"
 stroke-dasharray="${round(length - gap)} ${round(circumference - length + gap)}" stroke-dashoffset="${round(-offset)}"
 transform="rotate(-90 100 100)"><title>${slice.label} · ${formatNumber(slice.hits, locale)} (${formatPercent(slice.sharePct, locale)})</title></circle>`;
		offset += length;
		return arc;
	});
	const legend = slices.map(
		(slice) => html`<li><span class="swatch" style="background:${slice.color}"></span><span class="label" title="${slice.label}">${slice.label}</span>
<span class="num">${formatNumber(slice.hits, locale)}</span><span class="pct">${formatPercent(slice.sharePct, locale)}</span></li>`,
	);
	return html`<div class="donut-wrap">
<svg viewBox="0 0 200 200" role="img" aria-label="${m.sourceTitle}">
<circle r="${radius}" cx="100" cy="100" fill="none" stroke="#f1f3f7" stroke-width="26"/>
${arcs}
<text x="100" y="98" text-anchor="middle" font-size="26" font-weight="700" fill="#111827">${formatNumber(total, locale)}</text>
<text x="100" y="120" text-anchor="middle" font-size="12" fill="#9ca3af">${m.sourceCenter}</text>
</svg>
<ul class="legend">${legend}</ul>
</div>`;
}

function round(value: number): number {
	return Math.round(value * 10) / 10;
}
