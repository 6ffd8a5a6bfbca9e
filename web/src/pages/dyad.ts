// Dyad page (#/dyad?a=KAZ&b=RUS&by=month): the relation between two actors over time —
// quad-class counts stacked per period, the Goldstein mean as a line, change points marked —
// and, for the period clicked, the events under it with their evidence.
import { api, type DyadEvent, type Series, type SeriesPoint } from "../api";
import { makeChart, markRendered, type ECharts } from "../charts";
import { eventDetail, eventTable } from "../events";
import { go, replaceParams } from "../router";
import { seriesOption, describeChange } from "../series";
import { hook } from "../state";
import { el, card, clear, errorBox, loading, fmtNum, fmtSigned, actorName, empty, announce, QUAD } from "../ui";

let actorOptions: Promise<string[]> | null = null;

function actorCodes(): Promise<string[]> {
  if (!actorOptions) {
    actorOptions = api
      .actors(300)
      .then((r) => (r.actors ?? []).map((a) => a.code))
      .catch(() => {
        actorOptions = null;
        return [];
      });
  }
  return actorOptions;
}

/** First and last day of a period label when the server did not give them. */
export function periodBounds(p: SeriesPoint): { from: string; to: string } {
  if (p.start && p.end) return { from: p.start, to: p.end };
  const s = p.period;
  const pad = (n: number) => String(n).padStart(2, "0");
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return { from: s, to: s };
  if ((m = s.match(/^(\d{4})-(\d{2})$/))) {
    const last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
    return { from: `${s}-01`, to: `${s}-${pad(last)}` };
  }
  if ((m = s.match(/^(\d{4})-?W(\d{1,2})$/))) {
    // ISO week: the Monday of week 1 is the Monday on or before 4 January
    const jan4 = new Date(Date.UTC(+m[1], 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+m[2] - 1) * 7 * 864e5);
    const sunday = new Date(monday.getTime() + 6 * 864e5);
    return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
  }
  if ((m = s.match(/^(\d{4})$/))) return { from: `${s}-01-01`, to: `${s}-12-31` };
  return { from: s, to: s };
}

export async function renderDyad(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const a = (params.get("a") ?? "").trim().toUpperCase();
  const b = (params.get("b") ?? "").trim().toUpperCase();
  const by = params.get("by") ?? "month";
  const directed = params.get("directed") === "1";
  const perArticle = params.get("norm") === "1";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const modality = params.get("modality") ?? "";

  root.appendChild(
    el(
      "h1",
      {},
      a ? `${actorName(a)} ${b ? (directed ? "→" : "—") : ""} ${b ? actorName(b) : "and its partners"}` : "Dyad: the relation between two actors",
    ),
  );
  root.appendChild(pickerForm({ a, b, by, directed, perArticle, from, to, modality }));

  if (!a) {
    const sugg = el("div", {}, loading());
    root.appendChild(card("Most active pairs", sugg));
    try {
      const net = await api.network(40);
      clear(sugg);
      const links = [...(net.links ?? [])].sort((x, y) => y.events - x.events).slice(0, 12);
      if (!links.length) sugg.appendChild(empty("No pairs of actors yet."));
      const ul = el("ul", { class: "pair-list" });
      for (const l of links) {
        ul.appendChild(
          el(
            "li",
            {},
            el("a", { href: `#/dyad?a=${encodeURIComponent(l.source)}&b=${encodeURIComponent(l.target)}` }, `${l.source} — ${l.target}`),
            el("span", { class: "muted" }, ` ${actorName(l.source)} and ${actorName(l.target)}: ${fmtNum(l.events)} events, Goldstein ${fmtSigned(l.goldstein_mean)}`),
          ),
        );
      }
      sugg.appendChild(ul);
    } catch (e) {
      clear(sugg);
      sugg.appendChild(errorBox(e));
    }
    return;
  }

  const summary = el("div", { class: "summary" }, loading());
  const chartBox = el("div", {
    id: "dyad-chart",
    class: "chart chart-lg clickable",
    role: "img",
    "aria-label": `Cooperation and conflict between ${a} and ${b || "everyone"} by ${by}. Use the table below the chart to choose a period.`,
  });
  const tableBox = el("details", { class: "data-table" });
  root.appendChild(card("Cooperation and conflict over time", summary, chartBox, el("p", { class: "note" }, "Click a period (a bar or anywhere in its column) to list its events."), tableBox));

  const periodTitle = el("h2", { id: "period-title" }, "Events");
  const listBox = el("div", { id: "period-events", class: "period-events", "aria-live": "polite" }, el("p", { class: "muted" }, "Choose a period in the chart."));
  const detailBox = el("div", { id: "event-detail", class: "detail-pane", "aria-live": "polite" });
  root.appendChild(el("section", { class: "card" }, periodTitle, el("div", { class: "split" }, listBox, detailBox)));
  if (!b) root.appendChild(partnersCard(a, { from: from || undefined, to: to || undefined, modality: modality || undefined }));

  let series: Series;
  try {
    series = await api.series({ a, b: b || undefined, by, directed: directed ? 1 : undefined, from: from || undefined, to: to || undefined, modality: modality || undefined });
  } catch (e) {
    clear(summary);
    summary.appendChild(errorBox(e, "Could not read the series"));
    chartBox.remove();
    return;
  }
  const points = series.points ?? [];
  const changes = series.changes ?? [];
  hook().data.series = series;
  clear(summary);
  if (!points.length) {
    summary.appendChild(empty(`No events between ${a} and ${b || "anyone"}${from || to ? " in these dates" : ""}.`));
    chartBox.dataset.seriesItems = "0";
    chartBox.dataset.rendered = "1";
    chartBox.remove();
    return;
  }
  const total = points.reduce((s, p) => s + (p.events ?? 0), 0);
  const gsum = points.reduce((s, p) => s + (p.goldstein_sum ?? (p.goldstein_mean ?? 0) * (p.events ?? 0)), 0);
  const quadTotals = QUAD.map((q) => points.reduce((s, p) => s + ((p[q.key] as number) ?? 0), 0));
  summary.append(
    el(
      "p",
      { class: "summary-line" },
      el("strong", {}, fmtNum(total)),
      `${series.modality && series.modality !== "any" ? ` ${series.modality}` : ""} events over ${points.length} ${by}${points.length === 1 ? "" : "s"} (${points[0].period} to ${points[points.length - 1].period}); Goldstein mean `,
      el("strong", {}, fmtSigned(total ? gsum / total : null)),
      ". ",
      ...QUAD.map((q, i) => el("span", { class: `quad-count quad-${q.n}` }, `${q.label}: ${fmtNum(quadTotals[i])}`)),
    ),
  );
  if (series.undated)
    summary.appendChild(
      el("p", { class: "note" }, `${fmtNum(series.undated)} undated event${series.undated === 1 ? " is" : "s are"} not on the timeline; `, el("a", { href: `#/explorer?${new URLSearchParams(b ? { dyad: `${a},${b}` } : { actor: a })}` }, "all events in the explorer"), "."),
    );
  if (changes.length) {
    summary.appendChild(
      el("ul", { class: "changes", "aria-label": "Change points" }, ...changes.map((c) => el("li", { class: `change change-${c.direction}` }, describeChange(c)))),
    );
  }

  const chart = makeChart(chartBox, "dyad");
  let selected: number | null = null;
  chart.setOption(seriesOption(points, changes, { perArticle }));
  const n = markRendered(chartBox, chart);
  chartBox.dataset.points = String(points.length);
  chartBox.dataset.events = String(total);
  chartBox.dataset.changes = String(changes.length);
  announce(`Chart drawn: ${points.length} periods, ${n} values.`);

  // the accessible equivalent of the chart: a table with a button per period
  tableBox.append(
    el("summary", {}, "Data table"),
    el(
      "table",
      { class: "series-table" },
      el(
        "thead",
        {},
        el("tr", {}, el("th", { scope: "col" }, by), el("th", { scope: "col", class: "num" }, "events"), ...QUAD.map((q) => el("th", { scope: "col", class: "num" }, `Q${q.n}`)), el("th", { scope: "col", class: "num" }, "Goldstein mean"), el("th", { scope: "col" }, "")),
      ),
      el(
        "tbody",
        {},
        ...points.map((p, i) =>
          el(
            "tr",
            {},
            el("th", { scope: "row" }, p.period),
            el("td", { class: "num" }, fmtNum(p.events)),
            ...QUAD.map((q) => el("td", { class: "num" }, fmtNum(p[q.key] as number))),
            el("td", { class: "num" }, fmtSigned(p.goldstein_mean)),
            el("td", {}, p.events ? el("button", { type: "button", class: "link-button period-button", "data-period": p.period, onclick: () => void select(i, true) }, "Show events") : ""),
          ),
        ),
      ),
    ),
  );

  let requestId = 0;
  async function select(i: number, focusList = false): Promise<DyadEvent[]> {
    if (i < 0 || i >= points.length) return [];
    selected = i;
    const p = points[i];
    chart.setOption(seriesOption(points, changes, { perArticle, selected }));
    const { from: pf, to: pt } = periodBounds(p);
    const next = new URLSearchParams(params);
    next.set("period", p.period);
    next.delete("event");
    replaceParams("dyad", next);
    periodTitle.textContent = `Events in ${p.period} (${pf} to ${pt})`;
    clear(listBox);
    clear(detailBox);
    listBox.appendChild(loading());
    const id = ++requestId;
    try {
      const r = await api.events({
        ...(b ? { dyad: `${a},${b}` } : { actor: a }),
        directed: directed ? 1 : undefined,
        // the events the bars counted: the series' modality ("any" is every modality)
        modality: series.modality && series.modality !== "any" ? series.modality : undefined,
        from: pf,
        to: pt,
        limit: 200,
      });
      if (id !== requestId) return [];
      clear(listBox);
      const evs = r.events ?? [];
      listBox.dataset.count = String(evs.length);
      if (!evs.length) {
        listBox.appendChild(empty("No events in this period."));
        return evs;
      }
      if ((r.total ?? evs.length) > evs.length)
        listBox.appendChild(el("p", { class: "note" }, `Showing ${evs.length} of ${fmtNum(r.total)}; `, el("a", { href: `#/explorer?${new URLSearchParams({ ...(b ? { dyad: `${a},${b}` } : { actor: a }), from: pf, to: pt })}` }, "see all in the explorer")));
      const table = eventTable(evs, (ev) => showEvent(ev), { showTitle: true });
      listBox.appendChild(table);
      announce(`${evs.length} events in ${p.period}.`);
      if (focusList) (table.querySelector("tr.event-row") as HTMLElement | null)?.focus();
      const want = params.get("event");
      if (want) {
        const ev = evs.find((e) => String(e.id) === want);
        if (ev) showEvent(ev);
      }
      return evs;
    } catch (e) {
      clear(listBox);
      listBox.appendChild(errorBox(e, "Could not read the events"));
      return [];
    }
  }

  function showEvent(ev: DyadEvent): void {
    clear(detailBox);
    detailBox.appendChild(eventDetail(ev));
    const next = new URLSearchParams(location.hash.replace(/^#\/dyad\??/, ""));
    next.set("event", String(ev.id));
    replaceParams("dyad", next);
    hook().data.event = ev;
  }

  chart.getZr().on("click", (e: { offsetX: number; offsetY: number }) => {
    const pt = [e.offsetX, e.offsetY];
    if (!chart.containPixel({ gridIndex: 0 }, pt)) return;
    const v = chart.convertFromPixel({ gridIndex: 0 }, pt) as number[];
    const idx = Math.round(v[0]);
    if (points[idx]) void select(idx);
  });
  chart.getZr().setCursorStyle?.("pointer");

  const h = hook();
  h.actions.selectPeriod = ((i: number) => select(i)) as never;
  h.actions.pointPixel = ((i: number) => pointPixel(chart, chartBox, points, i)) as never;
  h.data.points = points;

  const wanted = params.get("period");
  const wi = wanted ? points.findIndex((p) => p.period === wanted) : -1;
  if (wi >= 0) await select(wi);
}

/** An actor's partners (from /api/actors/{code}): events by quad class and mean Goldstein, each a link to the pair's page. */
function partnersCard(a: string, range: { from?: string; to?: string; modality?: string }): HTMLElement {
  const box = el("div", {}, loading());
  api
    .actor(a, range)
    .then((prof) => {
      clear(box);
      const partners = prof.partners ?? [];
      if (!partners.length) {
        box.appendChild(empty("No partners."));
        return;
      }
      const max = Math.max(...partners.map((p) => p.events || 0), 1);
      box.appendChild(
        el(
          "table",
          { class: "partners" },
          el(
            "thead",
            {},
            el("tr", {}, el("th", { scope: "col" }, "partner"), el("th", { scope: "col", class: "num" }, "events"), el("th", { scope: "col" }, "by quad class"), el("th", { scope: "col", class: "num" }, "Goldstein mean")),
          ),
          el(
            "tbody",
            {},
            ...partners.slice(0, 25).map((p) =>
              el(
                "tr",
                {},
                el("td", {}, el("a", { href: `#/dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(p.code)}${range.modality ? `&modality=${range.modality}` : ""}${range.from ? `&from=${range.from}` : ""}${range.to ? `&to=${range.to}` : ""}` }, p.code), el("span", { class: "muted" }, ` ${actorName(p.code)}`)),
                el("td", { class: "num" }, fmtNum(p.events)),
                el(
                  "td",
                  {},
                  el(
                    "div",
                    { class: "quadbar", style: `width:${Math.max(4, (100 * (p.events || 0)) / max)}%`, title: QUAD.map((q) => `${q.label}: ${fmtNum((p[q.key] as number) ?? 0)}`).join(", ") },
                    ...QUAD.map((q) => el("span", { style: `flex:${(p[q.key] as number) ?? 0};background:${q.color}` })),
                  ),
                ),
                el("td", { class: "num" }, fmtSigned(p.goldstein_mean)),
              ),
            ),
          ),
        ),
      );
    })
    .catch((e) => {
      clear(box);
      box.appendChild(errorBox(e, "Could not read the actor's partners"));
    });
  return card(`${actorName(a)}'s partners`, box);
}

/** Page coordinates of the middle of period i's stacked bar, for tests that click the canvas. */
function pointPixel(chart: ECharts, box: HTMLElement, points: SeriesPoint[], i: number): { x: number; y: number } | null {
  const p = points[i];
  if (!p) return null;
  const half = Math.max(1, (p.events ?? 0) / 2);
  const px = chart.convertToPixel({ gridIndex: 0 }, [i, half]) as number[];
  const r = box.getBoundingClientRect();
  return { x: r.left + px[0], y: r.top + px[1] };
}

function pickerForm(v: { a: string; b: string; by: string; directed: boolean; perArticle: boolean; from: string; to: string; modality: string }): HTMLElement {
  const list = el("datalist", { id: "actor-codes" });
  void actorCodes().then((codes) => {
    for (const c of codes) list.appendChild(el("option", { value: c }, actorName(c)));
  });
  const input = (id: string, label: string, value: string, placeholder: string, required = false) =>
    el(
      "label",
      { for: id },
      label,
      el("input", { id, name: id, value, placeholder, list: "actor-codes", autocomplete: "off", required, size: 8, pattern: "[A-Za-z]{3,}", title: "an actor code such as KAZ or RUSMIL" }),
    );
  const form = el(
    "form",
    { class: "filters", id: "dyad-form", "aria-label": "Choose the actors" },
    list,
    input("a", "Actor A", v.a, "KAZ", true),
    el("button", { type: "button", class: "swap", title: "Swap A and B", "aria-label": "Swap actors", onclick: () => {
      const fa = form.querySelector<HTMLInputElement>("#a")!;
      const fb = form.querySelector<HTMLInputElement>("#b")!;
      [fa.value, fb.value] = [fb.value, fa.value];
    } }, "⇄"),
    input("b", "Actor B", v.b, "anyone"),
    el(
      "label",
      { for: "by" },
      "By",
      el("select", { id: "by", name: "by" }, ...["day", "week", "month", "year"].map((x) => el("option", { value: x, selected: x === v.by }, x))),
    ),
    el(
      "label",
      { for: "modality", title: "Which reports count: asserted (the default) leaves out negated, future and hypothetical events" },
      "Modality",
      el(
        "select",
        { id: "modality", name: "modality" },
        el("option", { value: "" }, "asserted"),
        ...["any", "negated", "future", "hypothetical"].map((m) => el("option", { value: m, selected: v.modality === m }, m)),
      ),
    ),
    el("label", { for: "from" }, "From", el("input", { id: "from", name: "from", type: "date", value: v.from })),
    el("label", { for: "to" }, "To", el("input", { id: "to", name: "to", type: "date", value: v.to })),
    el("label", { class: "check", for: "directed" }, el("input", { id: "directed", name: "directed", type: "checkbox", checked: v.directed }), "A → B only"),
    el("label", { class: "check", for: "norm" }, el("input", { id: "norm", name: "norm", type: "checkbox", checked: v.perArticle }), "per article"),
    el("button", { type: "submit", class: "primary" }, "Show"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    go("dyad", {
      a: String(f.get("a") ?? "").trim().toUpperCase(),
      b: String(f.get("b") ?? "").trim().toUpperCase(),
      by: String(f.get("by") ?? "month"),
      from: String(f.get("from") ?? ""),
      to: String(f.get("to") ?? ""),
      directed: f.get("directed") ? 1 : null,
      norm: f.get("norm") ? 1 : null,
      modality: String(f.get("modality") ?? ""),
    });
  });
  return form;
}
