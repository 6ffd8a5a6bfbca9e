// Time series helpers: the stacked quad-class bars with a Goldstein mean line, used by the
// overview and the dyad page; and a client-side monthly roll-up of events when the server
// has no store-wide series.
import type { DyadEvent, SeriesPoint, Change } from "./api";
import { echarts, axisText, gridLine } from "./charts";
import { QUAD, fmtNum, fmtSigned } from "./ui";

export function seriesOption(points: SeriesPoint[], changes: Change[] = [], opts: { perArticle?: boolean; selected?: number | null } = {}): echarts.EChartsCoreOption {
  const periods = points.map((p) => p.period);
  const norm = (p: SeriesPoint, v: number) => (opts.perArticle ? (p.articles ? v / p.articles : 0) : v);
  const changeLines = changes
    .filter((c) => periods.includes(c.period))
    .map((c) => ({
      xAxis: c.period,
      name: c.direction,
      lineStyle: { color: c.direction === "better" ? "#009E73" : "#CC3311", type: "dashed", width: 2 },
      label: {
        formatter: `${c.direction === "better" ? "▲ better" : "▼ worse"}`,
        color: c.direction === "better" ? "#00704f" : "#a52a0d",
        fontWeight: "bold",
      },
    }));
  return {
    animation: false,
    aria: { enabled: true },
    color: [...QUAD.map((q) => q.color), "#1f2933"],
    grid: { left: 56, right: 64, top: 40, bottom: points.length > 36 ? 96 : 64 },
    legend: { bottom: 0, textStyle: axisText, itemGap: 14 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? (Number.isInteger(v) ? fmtNum(v) : v.toFixed(2)) : "—"),
    },
    dataZoom: points.length > 36 ? [{ type: "slider", bottom: 34, height: 18 }, { type: "inside" }] : [],
    xAxis: { type: "category", data: periods, axisLabel: axisText, axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: "value", name: opts.perArticle ? "events per article" : "events", nameTextStyle: axisText, axisLabel: axisText, splitLine: gridLine, minInterval: opts.perArticle ? 0 : 1 },
      { type: "value", name: "Goldstein mean", nameTextStyle: axisText, min: -10, max: 10, interval: 5, axisLabel: axisText, splitLine: { show: false } },
    ],
    series: [
      ...QUAD.map((q, qi) => ({
        name: q.label,
        type: "bar" as const,
        stack: "quad",
        barMaxWidth: 48,
        emphasis: { focus: "series" as const },
        data: points.map((p, i) => ({
          value: norm(p, (p[q.key] as number) ?? 0),
          itemStyle: opts.selected === i ? { borderColor: "#111", borderWidth: 2 } : undefined,
        })),
        markLine: qi === 0 && changeLines.length ? { symbol: "none", silent: true, data: changeLines } : undefined,
      })),
      {
        name: "Goldstein mean",
        type: "line" as const,
        yAxisIndex: 1,
        connectNulls: false,
        showAllSymbol: true,
        symbolSize: points.length > 60 ? 6 : 8,
        lineStyle: { width: 2, color: "#1f2933" },
        itemStyle: { color: "#1f2933" },
        data: points.map((p) => (p.goldstein_mean === null || p.goldstein_mean === undefined ? null : Math.round(p.goldstein_mean * 100) / 100)),
      },
    ],
  };
}

export function describeChange(c: Change): string {
  return `${c.period}: relation ${c.direction === "better" ? "improved" : "worsened"} (Goldstein mean ${fmtSigned(c.before ?? null)} → ${fmtSigned(c.after ?? null)})`;
}

/** Monthly points from a list of events (used when /api/series needs an actor). */
export function monthlyFromEvents(events: DyadEvent[]): SeriesPoint[] {
  const by = new Map<string, SeriesPoint & { n: number }>();
  for (const e of events) {
    // only dates known to the month (an event dated "2014" has no month)
    if (!e.date || !/^\d{4}-\d{2}/.test(e.date)) continue;
    const period = e.date.slice(0, 7);
    let p = by.get(period);
    if (!p) {
      p = { period, events: 0, q1: 0, q2: 0, q3: 0, q4: 0, goldstein_sum: 0, goldstein_mean: null, n: 0 };
      by.set(period, p);
    }
    p.events++;
    const k = `q${e.quad_class}` as "q1";
    if (k in p) p[k]++;
    if (typeof e.goldstein === "number") {
      p.goldstein_sum = (p.goldstein_sum ?? 0) + e.goldstein;
      p.n++;
    }
  }
  const keys = [...by.keys()].sort();
  if (!keys.length) return [];
  // fill the months between the first and the last
  const out: SeriesPoint[] = [];
  let [y, m] = keys[0].split("-").map(Number);
  const [ly, lm] = keys[keys.length - 1].split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    const period = `${y}-${String(m).padStart(2, "0")}`;
    const p = by.get(period);
    out.push(p ? { ...p, goldstein_mean: p.n ? (p.goldstein_sum ?? 0) / p.n : null } : { period, events: 0, q1: 0, q2: 0, q3: 0, q4: 0, goldstein_mean: null });
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
