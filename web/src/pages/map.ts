// Map: a world choropleth of events per country (or their mean Goldstein score), drawn from
// world-atlas's Natural Earth 1:110m countries bundled with the app (no network needed).
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import world from "world-atlas/countries-110m.json";
import { api, type MapData } from "../api";
import { echarts, makeChart, markRendered, axisText } from "../charts";
import { go, hashFor } from "../router";
import { rangeForm, rangeOf } from "../range";
import { hook } from "../state";
import { el, card, errorBox, fmtNum, fmtSigned, countryName, numericToAlpha3, empty, goldsteinColor } from "../ui";

let registered = false;

type Ring = number[][];

/** ECharts projects longitude linearly: a ring that crosses the antimeridian (Russia's Chukotka,
 *  Fiji) would be drawn across the whole map. Such rings get their western longitudes moved past 180°. */
function unwrapRing(ring: Ring): Ring {
  const crosses = ring.some((pt, i) => i > 0 && Math.abs(pt[0] - ring[i - 1][0]) > 180);
  return crosses ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
}

function unwrap(g: GeoJSON.Geometry): GeoJSON.Geometry {
  if (g.type === "Polygon") return { ...g, coordinates: g.coordinates.map(unwrapRing) };
  if (g.type === "MultiPolygon") return { ...g, coordinates: g.coordinates.map((p) => p.map(unwrapRing)) };
  return g;
}

/** Registers the world map once, its features named by ISO alpha-3 code. */
function registerWorld(): void {
  if (registered) return;
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection<GeoJSON.Geometry, { name: string }>;
  fc.features = fc.features
    .filter((f) => f.id !== "010") // Antarctica: space, no events
    .map((f) => {
      const a3 = f.id !== undefined ? numericToAlpha3(String(f.id)) : undefined;
      return { ...f, geometry: unwrap(f.geometry), properties: { ...f.properties, name: a3 ?? f.properties.name, label: (a3 && countryName(a3)) || f.properties.name } };
    });
  echarts.registerMap("world", fc as never);
  registered = true;
}

export async function renderMap(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const by = params.get("by") === "goldstein" ? "goldstein" : "events";
  const range = rangeOf(params);
  root.appendChild(el("h1", {}, "Map"));
  root.appendChild(rangeForm("map", params, ["by"]));
  const toggle = el(
    "div",
    { class: "segmented", role: "group", "aria-label": "Colour countries by" },
    el("a", { href: hashFor("map", { ...range }), "aria-current": by === "events" ? "true" : null }, "Events"),
    el("a", { href: hashFor("map", { ...range, by: "goldstein" }), "aria-current": by === "goldstein" ? "true" : null }, "Goldstein mean"),
  );
  const box = el("div", { class: "chart chart-xl", id: "map-chart", role: "img", "aria-label": "World map of events per country; the table below lists the same numbers." });
  const tableBox = el("details", { class: "data-table" });
  const note = el("p", { class: "note" }, "A country counts the events in which one of its actors (KAZ, KAZGOV, …) is source or target. Click a country to open its timeline.");
  root.appendChild(card("Events by country", toggle, note, box, tableBox));

  let data: MapData;
  try {
    data = await api.map({ ...range });
  } catch (e) {
    box.replaceWith(errorBox(e, "Could not read /api/map"));
    return;
  }
  hook().data.map = data;
  const rows = (data.countries ?? []).filter((c) => c.code);
  if (!rows.length) {
    box.replaceWith(empty("No events with a country yet."));
    return;
  }
  registerWorld();
  const max = Math.max(1, ...rows.map((r) => r.events));
  const places = data.places ?? [];
  const chart = makeChart(box, "map");
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    tooltip: {
      trigger: "item",
      formatter: (p: { seriesType: string; name: string; data?: { value?: number; events?: number; goldstein?: number | null; label?: string } }) => {
        if (p.seriesType === "scatter") return `<b>${p.name}</b><br>${fmtNum(p.data?.events)} events`;
        const label = countryName(p.name) ?? p.name;
        if (!p.data) return `${label}<br>no events`;
        return `<b>${label}</b> (${p.name})<br>${fmtNum(p.data.events)} events<br>Goldstein mean ${fmtSigned(p.data.goldstein)}`;
      },
    },
    visualMap:
      by === "events"
        ? {
            type: "continuous",
            min: 0,
            max,
            left: 16,
            bottom: 16,
            text: [`${fmtNum(max)} events`, "0"],
            textStyle: axisText,
            seriesIndex: 0,
            inRange: { color: ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"] },
          }
        : {
            type: "continuous",
            min: -10,
            max: 10,
            left: 16,
            bottom: 16,
            text: ["+10 cooperation", "−10 conflict"],
            textStyle: axisText,
            seriesIndex: 0,
            inRange: { color: [goldsteinColor(-10), goldsteinColor(-4), goldsteinColor(0), goldsteinColor(4), goldsteinColor(10)] },
          },
    geo: {
      map: "world",
      roam: true,
      zoom: 1.15,
      itemStyle: { areaColor: "#f2f4f7", borderColor: "#b8c2cc", borderWidth: 0.5 },
      emphasis: { itemStyle: { areaColor: "#ffe08a" }, label: { show: false } },
      select: { disabled: true },
    },
    series: [
      {
        type: "map",
        geoIndex: 0,
        data: rows.map((r) => ({
          name: r.code.slice(0, 3),
          value: by === "events" ? r.events : r.goldstein_mean ?? 0,
          events: r.events,
          goldstein: r.goldstein_mean,
        })),
      },
      ...(places.length
        ? [
            {
              type: "scatter",
              coordinateSystem: "geo",
              name: "places",
              symbolSize: (v: number[]) => 6 + 14 * Math.sqrt(v[2] / Math.max(1, ...places.map((p) => p.events))),
              itemStyle: { color: "#D55E00", borderColor: "#fff", borderWidth: 1 },
              data: places.map((p) => ({ name: p.name, value: [p.lon, p.lat, p.events], events: p.events })),
            },
          ]
        : []),
    ],
  });
  chart.on("click", (p) => {
    if (p.seriesType === "map" && p.data) go("dyad", { a: p.name, from: range.from, to: range.to, modality: range.modality });
  });
  markRendered(box, chart);
  box.dataset.countries = String(rows.length);

  const sorted = [...rows].sort((x, y) => y.events - x.events);
  tableBox.append(
    el("summary", {}, `Data table (${rows.length} countries)`),
    el(
      "table",
      {},
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "country"), el("th", { scope: "col", class: "num" }, "events"), el("th", { scope: "col", class: "num" }, "Goldstein mean"))),
      el(
        "tbody",
        {},
        ...sorted.map((r) =>
          el(
            "tr",
            {},
            el("td", {}, el("a", { href: `#/dyad?a=${encodeURIComponent(r.code)}` }, r.code), " ", countryName(r.code.slice(0, 3)) ?? ""),
            el("td", { class: "num" }, fmtNum(r.events)),
            el("td", { class: "num" }, fmtSigned(r.goldstein_mean)),
          ),
        ),
      ),
    ),
  );
}
