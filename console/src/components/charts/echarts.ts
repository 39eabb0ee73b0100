/** The parts of Apache ECharts the console draws with (and nothing else of it goes into the bundle). */
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
	BarChart,
	LineChart,
	PieChart,
	ScatterChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	CanvasRenderer,
]);

export { echarts };

/** Text for an ECharts tooltip formatter, which renders HTML: data (labels, names, reasons) is shown as text. */
export function escapeHtml(text: unknown): string {
	return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
export type ChartOption = echarts.EChartsCoreOption;

/** The console's palette: the seed's blue, orange, grey, with green and red for added / removed. */
export const CHART_COLORS = {
	blue: '#409eff',
	orange: '#e6a23c',
	grey: '#909399',
	green: '#67c23a',
	red: '#f56c6c',
	lightBlue: '#a0cfff',
};
