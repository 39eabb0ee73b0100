/** The parts of Apache ECharts the console draws with (and nothing else of it goes into the bundle). */
import { BarChart, CustomChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
	BarChart,
	LineChart,
	PieChart,
	ScatterChart,
	CustomChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	TitleComponent,
	DatasetComponent,
	MarkLineComponent,
	CanvasRenderer,
]);

export { echarts };
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
