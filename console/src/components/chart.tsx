/**
 * Charts through Apache ECharts (tree-shaken `echarts/core`, SVG renderer). ECharts' ARIA support
 * is on: every series also gets a decal pattern, so colour is never the only signal; each chart's
 * label (with its figures) is its ARIA description, which ECharts sets as the aria-label.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** An ECharts option object. */
export type ChartOption = echarts.EChartsCoreOption;

/** One chart; `onSelect` receives the clicked category or series name. */
export function Chart({ option, label, height = 260, onSelect }: { option: ChartOption; label: string; height?: number; onSelect?: (name: string) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (element.current === null) return undefined;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // ECharts writes its ARIA description into the element's aria-label: ours (with the figures) is that description.
    chart.current?.setOption({ aria: { enabled: true, decal: { show: true }, label: { description: label } }, animation: false, ...option }, true);
  }, [option, label]);
  useEffect(() => {
    const instance = chart.current;
    if (instance === null || onSelect === undefined) return undefined;
    const handler = (event: { name?: string; seriesName?: string }) => onSelect(event.name ?? event.seriesName ?? '');
    instance.on('click', handler);
    return () => {
      instance.off('click', handler);
    };
  }, [onSelect]);
  return <div ref={element} className="chart" role="img" aria-label={label} style={{ height }} />;
}

/** Severity colours (each severity is also always written out in text). */
export const SEVERITY_COLOURS: Record<string, string> = {
  CRITICAL: '#7d1a1a',
  HIGH: '#c0392b',
  MEDIUM: '#d68910',
  LOW: '#2e86c1',
  INFORMATIONAL: '#7f8c8d',
};

/** A horizontal bar chart of counts per value. */
export function barOption(values: Array<{ name: string; count: number }>, colourOf?: (name: string) => string | undefined): ChartOption {
  const rows = [...values].reverse();
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((row) => row.name), axisLabel: { width: 180, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: 'Findings',
        data: rows.map((row) => ({ value: row.count, itemStyle: colourOf?.(row.name) ? { color: colourOf(row.name) } : undefined })),
        label: { show: true, position: 'right' },
        barMaxWidth: 26,
      },
    ],
  };
}

/** A line chart of scores (0–100 %) over time, one series per name. */
export function trendOption(series: Array<{ name: string; points: Array<[string, number]> }>): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => `${String(value)} %` },
    legend: { type: 'scroll', top: 0 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: series.map((entry, index) => ({
      type: 'line',
      name: entry.name,
      data: entry.points,
      showSymbol: entry.points.length < 40,
      symbol: ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'][index % 6],
      lineStyle: { type: (['solid', 'dashed', 'dotted'] as const)[index % 3] },
    })),
  };
}
