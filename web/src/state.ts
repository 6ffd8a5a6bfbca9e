// window.__dyad: a small, stable hook for the end-to-end tests (and for curious users in the
// console): the live ECharts instances by name, the current route, and the last data each page drew.
import type { ECharts } from "echarts/core";

export interface DyadHook {
  charts: Record<string, ECharts>;
  route: string;
  ready: boolean;
  data: Record<string, unknown>;
  /** Page-specific actions tests may call (e.g. selecting a period on the dyad page). */
  actions: Record<string, (...args: never[]) => unknown>;
}

declare global {
  interface Window {
    __dyad?: DyadHook;
  }
}

export function hook(): DyadHook {
  if (!window.__dyad) window.__dyad = { charts: {}, route: "", ready: false, data: {}, actions: {} };
  return window.__dyad;
}
