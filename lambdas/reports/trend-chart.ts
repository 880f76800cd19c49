/**
 * The score trend as an inline SVG, rendered server-side by Apache ECharts (its SSR SVG renderer:
 * no DOM, no canvas, no external references). One line for the summary score and one per standard.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportTrendPoint } from './posture-report';

echarts.use([LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/** Size of the chart in CSS pixels. */
export const TREND_CHART_SIZE = { width: 760, height: 280 } as const;

/** The SVG of the trend (`names`: a label per standard id); an empty chart says there is no history. */
export function trendChartSvg(points: readonly ReportTrendPoint[], names: Record<string, string>): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...TREND_CHART_SIZE });
  try {
    const standards = [...new Set(points.flatMap((point) => Object.keys(point.Standards)))];
    const line = (name: string, value: (point: ReportTrendPoint) => number | null, width: number, dashed = false) => ({
      name,
      type: 'line' as const,
      showSymbol: points.length < 40,
      connectNulls: false,
      lineStyle: { width, ...(dashed && { type: 'dashed' as const }) },
      data: points.map((point) => [point.TakenAt, value(point)]),
    });
    chart.setOption({
      animation: false,
      aria: { enabled: true, decal: { show: true } },
      title: points.length === 0 ? { text: 'No score history in this period', left: 'center', top: 'middle', textStyle: { fontSize: 14 } } : undefined,
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 100, name: 'Score %' },
      series: [line('Summary', (point) => point.Summary, 3), ...standards.map((id, i) => line(names[id] ?? id, (point) => point.Standards[id] ?? null, 1.5, i % 2 === 1))],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
