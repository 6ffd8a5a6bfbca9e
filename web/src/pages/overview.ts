// Overview: what the store holds, the most active actors, events by quad class over time,
// and the latest events.
import { api, type ActorSummary, type EventsPage, type SeriesPoint } from "../api";
import { makeChart, markRendered, axisText, gridLine } from "../charts";
import { eventTable } from "../events";
import { go } from "../router";
import { seriesOption, monthlyFromEvents } from "../series";
import { hook } from "../state";
import { el, card, clear, errorBox, loading, fmtNum, fmtSigned, actorName, empty } from "../ui";

export async function renderOverview(root: HTMLElement): Promise<void> {
  root.appendChild(el("h1", {}, "Overview"));
  const stats = el("div", { class: "stats", "aria-label": "Store counts" }, loading());
  root.appendChild(stats);

  const grid = el("div", { class: "grid-2" });
  const actorsChart = el("div", { class: "chart chart-md", role: "img", "aria-label": "Top actors by number of events" });
  const actorsList = el("div", { class: "actor-list" });
  const timeChart = el("div", { class: "chart chart-md", role: "img", "aria-label": "Events by quad class over time" });
  const timeNote = el("p", { class: "note" });
  grid.appendChild(card("Top actors", actorsChart, actorsList));
  grid.appendChild(card("Events by quad class over time", timeChart, timeNote));
  root.appendChild(grid);
  const recent = el("div", {}, loading());
  root.appendChild(card("Recent events", recent));

  const jobs: Promise<void>[] = [];

  jobs.push(
    api
      .health()
      .then((h) => {
        clear(stats);
        const tile = (label: string, value: string, href?: string) =>
          el(href ? "a" : "div", { class: "stat", ...(href ? { href } : {}) }, el("span", { class: "stat-value" }, value), el("span", { class: "stat-label" }, label));
        stats.append(
          tile("articles", fmtNum(h.articles), "#/articles"),
          tile("events", fmtNum(h.events), "#/explorer"),
          tile("sentences", fmtNum(h.sentences)),
          tile("dates", h.earliest ? `${h.earliest.slice(0, 7)} – ${(h.latest ?? "").slice(0, 7)}` : "—"),
          tile("event set", h.event_set === null || h.event_set === undefined ? "—" : String(h.event_set)),
          tile("schema", h.schema === undefined ? "—" : String(h.schema)),
          tile("dyad version", h.version ?? "—"),
        );
        hook().data.health = h;
      })
      .catch((e) => {
        clear(stats);
        stats.appendChild(errorBox(e, "Could not read /api/health"));
      }),
  );

  jobs.push(
    api
      .actors(15)
      .then((r) => {
        const actors = (r.actors ?? []).slice(0, 15);
        if (!actors.length) {
          actorsChart.replaceWith(empty("No actors coded yet."));
          return;
        }
        drawActors(actorsChart, actors);
        clear(actorsList);
        const ul = el("ul", { class: "inline-list" });
        for (const a of actors.slice(0, 8)) {
          ul.appendChild(el("li", {}, el("a", { href: `#/dyad?a=${encodeURIComponent(a.code)}` }, `${a.code}`), el("span", { class: "muted" }, ` ${actorName(a.code)}`)));
        }
        actorsList.append(el("p", { class: "note" }, "Open an actor's timeline:"), ul);
      })
      .catch((e) => actorsChart.replaceWith(errorBox(e, "Could not read /api/actors"))),
  );

  jobs.push(
    storeSeries()
      .then(({ points, note }) => {
        timeNote.textContent = note;
        if (!points.length) {
          timeChart.replaceWith(empty("No dated events."));
          return;
        }
        const chart = makeChart(timeChart, "overview-series");
        chart.setOption(seriesOption(points));
        markRendered(timeChart, chart);
        hook().data.series = points;
      })
      .catch((e) => timeChart.replaceWith(errorBox(e, "Could not read the events"))),
  );

  jobs.push(
    latestEvents(12)
      .then((r) => {
        clear(recent);
        const evs = [...(r.events ?? [])].sort((a, b) => String(b.date ?? "").localeCompare(String(a.date ?? "")));
        if (!evs.length) {
          recent.appendChild(empty("No events yet: run `dyad run` or `dyad code`."));
          return;
        }
        recent.appendChild(eventTable(evs, (ev) => go("explorer", { event: ev.id })));
        if (r.total !== undefined) recent.appendChild(el("p", { class: "note" }, el("a", { href: "#/explorer" }, `All ${fmtNum(r.total)} events in the explorer →`)));
      })
      .catch((e) => {
        clear(recent);
        recent.appendChild(errorBox(e, "Could not read /api/events"));
      }),
  );

  await Promise.all(jobs);
}

/** The last `n` events in the server's order (oldest first), newest first. */
async function latestEvents(n: number): Promise<EventsPage> {
  const first = await api.events({ limit: n });
  const total = first.total ?? 0;
  const r = total > n ? await api.events({ limit: n, offset: total - n }) : first;
  return { ...r, total };
}

/** The store-wide series: /api/series without actors (every event, every modality). */
async function storeSeries(): Promise<{ points: SeriesPoint[]; note: string }> {
  try {
    const s = await api.series({ by: "month", modality: "any" });
    const n = (s.points ?? []).reduce((sum, p) => sum + (p.events ?? 0), 0);
    const undated = s.undated ? ` ${fmtNum(s.undated)} without a month are not shown.` : "";
    return {
      points: s.points ?? [],
      note: `All ${fmtNum(n)} dated events, by month (each event counted once, however many articles report it).${undated}`,
    };
  } catch {
    // an older server: roll up the first events in the browser
    const r = await api.events({ limit: 1000 });
    return { points: monthlyFromEvents(r.events ?? []), note: `By month, from ${fmtNum(r.events.length)} events.` };
  }
}

function drawActors(container: HTMLElement, actors: ActorSummary[]): void {
  const chart = makeChart(container, "overview-actors");
  const rev = [...actors].reverse();
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    grid: { left: 64, right: 24, top: 32, bottom: 24 },
    legend: { top: 0, textStyle: axisText },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: { dataIndex: number }[]) => {
        const a = rev[ps[0].dataIndex];
        return `<b>${a.code}</b> ${actorName(a.code)}<br>${fmtNum(a.events)} events (${fmtNum(a.as_source)} as source, ${fmtNum(a.as_target)} as target)<br>Goldstein mean ${fmtSigned(a.goldstein_mean)}`;
      },
    },
    xAxis: { type: "value", axisLabel: axisText, splitLine: gridLine, minInterval: 1 },
    yAxis: { type: "category", data: rev.map((a) => a.code), axisLabel: { ...axisText, fontWeight: "bold" } },
    series: [
      { name: "as source", type: "bar", stack: "a", data: rev.map((a) => ({ value: a.as_source ?? 0, itemStyle: { color: "#0072B2" } })) },
      {
        name: "as target",
        type: "bar",
        stack: "a",
        data: rev.map((a) => ({ value: a.as_target ?? Math.max(0, a.events - (a.as_source ?? 0)), itemStyle: { color: "#9ecae1" } })),
      },
    ],
    color: ["#0072B2", "#9ecae1"],
  });
  chart.on("click", (p) => go("dyad", { a: rev[p.dataIndex].code }));
  markRendered(container, chart);
}
