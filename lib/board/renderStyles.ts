/** The board's stylesheet, inlined into the page (the board works offline: no CDN, no web fonts). */
export const BOARD_CSS = `
:root {
	--bg: #f3f5f9;
	--card: #ffffff;
	--ink: #111827;
	--ink-2: #374151;
	--muted: #6b7280;
	--faint: #9ca3af;
	--line: #e5e7eb;
	--line-2: #eef0f4;
	--primary: #1f5eff;
	--primary-dark: #1747c9;
	--primary-soft: #eaf0ff;
	--navy: #0f1e3d;
	--navy-2: #1a2d55;
	--green: #0f9f6e;
	--green-soft: #e6f6ef;
	--red: #d93f3f;
	--red-soft: #fdecec;
	--amber: #c27803;
	--amber-soft: #fff4e0;
	--violet: #7c3aed;
	--violet-soft: #f1eafe;
	--radius: 12px;
	--shadow: 0 1px 2px rgba(16, 24, 40, .05), 0 1px 3px rgba(16, 24, 40, .06);
	--font: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
		"Source Han Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.5 var(--font); }
a { color: var(--primary); text-decoration: none; }
a:hover { text-decoration: underline; }
button, input, select { font: inherit; color: inherit; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.topbar { background: linear-gradient(90deg, var(--navy), var(--navy-2)); color: #fff; }
.topbar-inner { max-width: 1440px; margin: 0 auto; padding: 0 28px; display: flex; align-items: center; gap: 32px; min-height: 60px; }
.brand { display: flex; align-items: center; gap: 10px; white-space: nowrap; }
.brand svg { flex: none; }
.brand strong { display: block; font-size: 16px; letter-spacing: .02em; }
.brand span { display: block; font-size: 11px; color: #a9b8d8; letter-spacing: .04em; }
.tabs { display: flex; align-self: stretch; gap: 4px; flex: 1; }
.tabs a { display: flex; align-items: center; padding: 0 16px; color: #c8d3ea; border-bottom: 3px solid transparent; font-size: 14px; white-space: nowrap; }
.tabs a:hover { color: #fff; text-decoration: none; background: rgba(255, 255, 255, .05); }
.tabs a.active { color: #fff; border-bottom-color: #4d86ff; font-weight: 600; background: rgba(77, 134, 255, .12); }
.topbar-meta { display: flex; align-items: center; gap: 14px; font-size: 13px; color: #c8d3ea; white-space: nowrap; }
.lang { color: #fff; border: 1px solid rgba(255, 255, 255, .3); border-radius: 999px; padding: 2px 12px; font-size: 12px; }
.lang:hover { background: rgba(255, 255, 255, .12); text-decoration: none; }

.page { max-width: 1440px; margin: 0 auto; padding: 24px 28px 8px; }
.page-head { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 18px; }
.page-head h1 { margin: 0; font-size: 22px; font-weight: 700; letter-spacing: .01em; }
.page-head p { margin: 4px 0 0; color: var(--muted); }
.updated { color: var(--faint); font-size: 12px; white-space: nowrap; }

.notice { display: flex; align-items: center; gap: 10px; margin-bottom: 16px; padding: 10px 14px; border-radius: 10px;
	background: var(--green-soft); color: #07603f; border: 1px solid #bfe8d5; }
.notice.warn { background: var(--amber-soft); color: #7a4a00; border-color: #f6dca8; }

.kpis { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 16px; margin-bottom: 18px; }
.card { background: var(--card); border-radius: var(--radius); box-shadow: var(--shadow); border: 1px solid var(--line-2); }
.kpi { padding: 18px 20px; display: flex; gap: 14px; align-items: flex-start; }
.kpi-icon { flex: none; width: 42px; height: 42px; border-radius: 12px; display: grid; place-items: center; }
.kpi-icon.blue { background: var(--primary-soft); color: var(--primary); }
.kpi-icon.violet { background: var(--violet-soft); color: var(--violet); }
.kpi-icon.amber { background: var(--amber-soft); color: var(--amber); }
.kpi-icon.green { background: var(--green-soft); color: var(--green); }
.kpi-label { color: var(--muted); font-size: 13px; }
.kpi-value { font-size: 28px; font-weight: 700; line-height: 1.2; margin: 2px 0 4px; font-variant-numeric: tabular-nums; letter-spacing: -.01em; }
.kpi-value small { font-size: 16px; font-weight: 600; margin-left: 1px; }
.kpi-note { font-size: 12px; color: var(--muted); }
.trend-up { color: var(--green); font-weight: 600; }
.trend-down { color: var(--red); font-weight: 600; }
.live-dot { display: inline-block; width: 6px; height: 6px; border-radius: 50%; background: var(--green); margin-right: 5px; vertical-align: 1px;
	box-shadow: 0 0 0 3px rgba(15, 159, 110, .15); }

.list { margin-bottom: 18px; }
.list-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 12px; padding: 16px 20px 0; }
.list-title { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 20px; }
.list-head h2, .chart h2 { margin: 0; font-size: 16px; font-weight: 650; }
.seg { display: flex; flex-wrap: wrap; gap: 4px; background: #f1f3f7; padding: 3px; border-radius: 9px; }
.seg a { padding: 4px 12px; border-radius: 7px; color: var(--ink-2); font-size: 13px; white-space: nowrap; }
.seg a:hover { text-decoration: none; background: rgba(255, 255, 255, .7); }
.seg a.active { background: #fff; color: var(--ink); font-weight: 600; box-shadow: 0 1px 2px rgba(16, 24, 40, .1); }
.seg .count { color: var(--faint); margin-left: 4px; font-variant-numeric: tabular-nums; }
.seg a.active .count { color: var(--primary); }

.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; padding: 14px 20px; border-bottom: 1px solid var(--line-2); }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; flex: 1; }
.field { height: 34px; border: 1px solid var(--line); border-radius: 8px; background: #fff; padding: 0 10px; min-width: 0; }
.field:focus { outline: 2px solid rgba(31, 94, 255, .25); border-color: var(--primary); }
select.field { padding-right: 6px; max-width: 180px; }
.search { position: relative; flex: 1 1 260px; max-width: 340px; }
.search .field { width: 100%; padding-left: 32px; }
.search svg { position: absolute; left: 10px; top: 10px; color: var(--faint); }
.dates { display: flex; align-items: center; gap: 4px; color: var(--faint); }
.dates .field { width: 138px; }
.btn { height: 34px; display: inline-flex; align-items: center; gap: 6px; padding: 0 14px; border-radius: 8px; border: 1px solid var(--line);
	background: #fff; color: var(--ink-2); cursor: pointer; white-space: nowrap; font-weight: 500; }
.btn:hover { border-color: #cfd4dc; background: #fafbfc; text-decoration: none; }
.btn-primary { background: var(--primary); border-color: var(--primary); color: #fff; }
.btn-primary:hover { background: var(--primary-dark); border-color: var(--primary-dark); }
.btn-outline { border-color: var(--primary); color: var(--primary); }
.btn-outline:hover { background: var(--primary-soft); }
.btn[disabled] { opacity: .45; cursor: not-allowed; }
.btn-ghost { border-color: transparent; color: var(--muted); }
.batch { display: flex; align-items: center; gap: 8px; }
.batch-count { color: var(--muted); font-size: 13px; margin-right: 4px; font-variant-numeric: tabular-nums; }
.batch-count b { color: var(--primary); }

.table-wrap { width: 100%; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: 600; font-size: 12.5px; color: var(--muted); background: #f8f9fb; padding: 10px 14px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th a { color: inherit; }
th a:hover { color: var(--ink); text-decoration: none; }
th .arrow { color: var(--primary); margin-left: 2px; }
td { padding: 12px 14px; border-bottom: 1px solid var(--line-2); vertical-align: middle; }
tbody tr:hover { background: #fafbff; }
tbody tr.is-selected { background: #f3f7ff; }
.check { width: 44px; padding-right: 0; }
.check input { width: 16px; height: 16px; accent-color: var(--primary); cursor: pointer; vertical-align: middle; }
.user { display: flex; align-items: center; gap: 10px; }
.name { font-weight: 600; color: var(--ink); }
.sub { color: var(--muted); font-size: 12px; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.grade { flex: none; width: 26px; height: 26px; border-radius: 7px; display: grid; place-items: center; color: #fff; font-weight: 700; font-size: 13px; }
.grade-A { background: linear-gradient(135deg, #f0575c, #d93f3f); }
.grade-B { background: linear-gradient(135deg, #f7a531, #e08a0b); }
.grade-C { background: linear-gradient(135deg, #4f8bff, #2f6bf0); }
.grade-D { background: linear-gradient(135deg, #a7b0bf, #8a94a6); }
.grade-X { background: #c4c9d4; }
.rule-label { font-weight: 600; color: var(--ink-2); }
.reason { max-width: 360px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chip { display: inline-block; padding: 2px 9px; border-radius: 6px; background: #f1f3f7; color: var(--ink-2); font-size: 12.5px; white-space: nowrap; }
.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.status { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px; font-size: 12.5px; font-weight: 500; white-space: nowrap; }
.status::before { content: ""; width: 6px; height: 6px; border-radius: 50%; background: currentColor; }
.status-pending { background: var(--amber-soft); color: var(--amber); }
.status-in_progress { background: var(--primary-soft); color: var(--primary); }
.status-converted { background: var(--green-soft); color: var(--green); }
.status-contact_failed { background: #f1f2f5; color: #6b7280; }
.actions { white-space: nowrap; }
.actions form { display: flex; align-items: center; gap: 4px; margin: 0; }
.link-btn { border: 0; background: none; padding: 4px 6px; color: var(--primary); cursor: pointer; border-radius: 6px; font-weight: 500; }
.link-btn:hover { background: var(--primary-soft); }
.done { color: var(--faint); padding: 4px 6px; }
.menu { position: relative; }
.menu summary { list-style: none; cursor: pointer; padding: 4px 6px; border-radius: 6px; color: var(--muted); }
.menu summary::-webkit-details-marker { display: none; }
.menu summary:hover, .menu[open] summary { background: #f1f3f7; color: var(--ink); }
.menu summary::after { content: "▾"; font-size: 10px; margin-left: 3px; }
.menu-list { position: absolute; right: 0; top: calc(100% + 4px); z-index: 20; min-width: 168px; background: #fff; border: 1px solid var(--line);
	border-radius: 10px; box-shadow: 0 10px 30px rgba(16, 24, 40, .14); padding: 6px; }
.menu-list button { display: flex; align-items: center; gap: 8px; width: 100%; text-align: left; border: 0; background: none; padding: 7px 10px;
	border-radius: 7px; cursor: pointer; color: var(--ink-2); }
.menu-list button:hover { background: #f3f5f9; }
.menu-list .dot { width: 8px; height: 8px; border-radius: 50%; }
.dot-pending { background: var(--amber); }
.dot-in_progress { background: var(--primary); }
.dot-converted { background: var(--green); }
.dot-contact_failed { background: #9ca3af; }

.empty { text-align: center; padding: 56px 20px; color: var(--muted); }
.empty svg { color: #c7cdd8; margin-bottom: 8px; }
.list-foot { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 12px; padding: 14px 20px; color: var(--muted); font-size: 13px; }
.foot-right { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.size-form { margin: 0; }
.size-form .field { height: 32px; }
.pager { display: flex; align-items: center; gap: 4px; }
.pager a, .pager span { min-width: 32px; height: 32px; padding: 0 10px; display: inline-grid; place-items: center; border-radius: 8px;
	border: 1px solid var(--line); color: var(--ink-2); background: #fff; font-variant-numeric: tabular-nums; }
.pager a:hover { border-color: var(--primary); color: var(--primary); text-decoration: none; }
.pager .current { background: var(--primary); border-color: var(--primary); color: #fff; font-weight: 600; }
.pager .gap { border-color: transparent; background: none; }
.pager .off { color: #c3c8d2; background: #fafbfc; }

.charts { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; margin-bottom: 18px; }
.chart { padding: 16px 20px 14px; }
.chart-head { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; margin-bottom: 6px; }
.chart-note { color: var(--faint); font-size: 12px; }
.chart svg { display: block; width: 100%; height: auto; }
.chart text { font-family: var(--font); }
.bar { fill: url(#bar-fill); }
.bar.today { fill: url(#bar-today); }
.bar:hover { opacity: .85; }
.donut-wrap { display: flex; align-items: center; gap: 18px; }
.donut-wrap svg { width: 180px; flex: none; }
.legend { list-style: none; margin: 0; padding: 0; flex: 1; min-width: 0; }
.legend li { display: grid; grid-template-columns: 10px minmax(0, 1fr) auto auto; align-items: center; gap: 8px; padding: 6px 0; border-bottom: 1px dashed var(--line-2); font-size: 13px; }
.legend li:last-child { border-bottom: 0; }
.legend .swatch { width: 10px; height: 10px; border-radius: 3px; }
.legend .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--ink-2); }
.legend .num { font-variant-numeric: tabular-nums; color: var(--ink); font-weight: 600; }
.legend .pct { font-variant-numeric: tabular-nums; color: var(--faint); width: 48px; text-align: right; }
.chart-empty { display: grid; place-items: center; height: 200px; color: var(--faint); }

.foot { max-width: 1440px; margin: 0 auto; padding: 8px 28px 28px; color: var(--faint); font-size: 12px; display: flex; justify-content: space-between; gap: 12px; flex-wrap: wrap; }

@media (max-width: 1180px) {
	.kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); }
	.charts { grid-template-columns: minmax(0, 1fr); }
	.topbar-inner { flex-wrap: wrap; gap: 8px 24px; padding-top: 8px; }
	.tabs { order: 3; flex-basis: 100%; overflow-x: auto; }
	.tabs a { padding: 10px 14px; }
	.topbar-meta { margin-left: auto; }
}
@media (max-width: 860px) {
	.table-wrap { overflow-x: auto; }
	table { min-width: 880px; }
	.page, .topbar-inner, .foot { padding-left: 14px; padding-right: 14px; }
	.search { max-width: none; flex-basis: 100%; }
	.page-head { flex-direction: column; align-items: flex-start; }
	.donut-wrap { flex-direction: column; align-items: stretch; }
	.donut-wrap svg { margin: 0 auto; }
}
@media (max-width: 560px) {
	.kpis { grid-template-columns: minmax(0, 1fr); }
	.topbar-meta .today { display: none; }
	.tabs a { padding: 10px 10px; font-size: 13px; }
	.list-head { flex-direction: column; align-items: stretch; }
	.batch { flex-wrap: wrap; }
	.batch .btn { flex: 1; justify-content: center; }
	.dates { flex: 1 1 100%; }
	.dates .field { flex: 1; width: auto; }
}
@media print {
	.topbar, .toolbar, .check, .actions, .pager, .size-form { display: none !important; }
	body { background: #fff; }
	.card { box-shadow: none; }
}
`;
