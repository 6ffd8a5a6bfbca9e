// ECharts, tree-shaken to the charts dyad draws, plus lifecycle: every chart made on a page is
// resized with its container and disposed when the page changes.
import * as echarts from "echarts/core";
import { BarChart, LineChart, GraphChart, MapChart, ScatterChart } from "echarts/charts";
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  DataZoomComponent,
  VisualMapComponent,
  GeoComponent,
  TitleComponent,
  AriaComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { hook } from "./state";

echarts.use([
  BarChart,
  LineChart,
  GraphChart,
  MapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  DataZoomComponent,
  VisualMapComponent,
  GeoComponent,
  TitleComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { echarts };
export type ECharts = echarts.ECharts;

const live = new Set<echarts.ECharts>();
const observers = new Map<echarts.ECharts, ResizeObserver>();

/** Makes a chart in `container`, registered as window.__dyad.charts[name] for tests. */
export function makeChart(container: HTMLElement, name: string): echarts.ECharts {
  const chart = echarts.init(container, undefined, { renderer: "canvas" });
  live.add(chart);
  const ro = new ResizeObserver(() => chart.resize());
  ro.observe(container);
  observers.set(chart, ro);
  hook().charts[name] = chart;
  container.dataset.chart = name;
  return chart;
}

/** Records how many data items a chart's series hold, on its container (data-series-items) for tests. */
export function markRendered(container: HTMLElement, chart: echarts.ECharts): number {
  const opt = chart.getOption() as { series?: { data?: unknown[] }[] };
  const n = (opt.series ?? []).reduce((s, x) => s + (Array.isArray(x.data) ? x.data.length : 0), 0);
  container.dataset.seriesItems = String(n);
  container.dataset.rendered = "1";
  return n;
}

export function disposeCharts(): void {
  for (const c of live) {
    observers.get(c)?.disconnect();
    observers.delete(c);
    if (!c.isDisposed()) c.dispose();
  }
  live.clear();
  const h = hook();
  for (const k of Object.keys(h.charts)) delete h.charts[k];
}

export const axisText = { color: "#3b4754", fontSize: 12 };
export const gridLine = { lineStyle: { color: "#e3e8ee" } };
