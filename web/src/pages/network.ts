// Actor network: who interacts with whom (node size: events; edge width: events between the
// pair; edge colour: mean Goldstein score, red conflict to blue cooperation).
import { api, type Network } from "../api";
import { makeChart, markRendered, axisText } from "../charts";
import { go } from "../router";
import { rangeForm, rangeOf } from "../range";
import { hook } from "../state";
import { el, card, errorBox, fmtNum, fmtSigned, actorName, empty, goldsteinColor } from "../ui";

export async function renderNetwork(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const limit = Math.max(10, Math.min(500, Number(params.get("limit")) || 100));
  const range = rangeOf(params);
  root.appendChild(el("h1", {}, "Actor network"));
  root.appendChild(rangeForm("network", params, ["limit"]));
  const box = el("div", { class: "chart chart-xl", id: "network-chart", role: "img", "aria-label": "Network of actors; the table below lists the same pairs." });
  const legend = el(
    "p",
    { class: "note" },
    "Circle size: events involving the actor. Line width: events between the pair; colour: mean Goldstein score (",
    el("span", { class: "swatch", style: `background:${goldsteinColor(-8)}` }),
    " conflict, ",
    el("span", { class: "swatch", style: `background:${goldsteinColor(0)}` }),
    " neutral, ",
    el("span", { class: "swatch", style: `background:${goldsteinColor(8)}` }),
    " cooperation). Click a line to open the pair's timeline, a circle for the actor's.",
  );
  const tableBox = el("details", { class: "data-table" });
  root.appendChild(card(`The ${limit} strongest links`, legend, box, tableBox));

  let net: Network;
  try {
    net = await api.network(limit, { ...range });
  } catch (e) {
    box.replaceWith(errorBox(e, "Could not read /api/network"));
    return;
  }
  const nodes = net.nodes ?? [];
  const links = net.links ?? [];
  hook().data.network = net;
  if (!nodes.length) {
    box.replaceWith(empty("No actors yet."));
    return;
  }
  const maxN = Math.max(...nodes.map((n) => n.events || 1));
  const maxL = Math.max(1, ...links.map((l) => l.events || 1));
  const chart = makeChart(box, "network");
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    tooltip: {
      formatter: (p: { dataType: string; data: { id?: string; events?: number; source?: string; target?: string; goldstein_mean?: number | null; q1?: number; q2?: number; q3?: number; q4?: number } }) => {
        const d = p.data;
        if (p.dataType === "edge")
          return `<b>${d.source} — ${d.target}</b><br>${fmtNum(d.events)} events, Goldstein mean ${fmtSigned(d.goldstein_mean)}<br>Q1 ${fmtNum(d.q1)} · Q2 ${fmtNum(d.q2)} · Q3 ${fmtNum(d.q3)} · Q4 ${fmtNum(d.q4)}`;
        return `<b>${d.id}</b> ${actorName(d.id)}<br>${fmtNum(d.events)} events`;
      },
    },
    series: [
      {
        type: "graph",
        layout: "force",
        roam: true,
        draggable: true,
        force: { repulsion: 260, edgeLength: [60, 180], gravity: 0.08, layoutAnimation: false },
        label: { show: true, position: "right", ...axisText, fontWeight: "bold", formatter: "{b}" },
        emphasis: { focus: "adjacency", lineStyle: { width: 6 } },
        data: nodes.map((n) => ({
          id: n.id,
          name: n.id,
          events: n.events,
          value: n.events,
          symbolSize: 10 + 40 * Math.sqrt((n.events || 1) / maxN),
          itemStyle: { color: "#134e6f", borderColor: "#fff", borderWidth: 1 },
        })),
        links: links.map((l) => ({
          ...l,
          value: l.events,
          lineStyle: { width: 1 + 7 * Math.sqrt((l.events || 1) / maxL), color: goldsteinColor(l.goldstein_mean), opacity: 0.85, curveness: 0.08 },
        })),
      },
    ],
  });
  chart.on("click", (p) => {
    const d = p.data as { id?: string; source?: string; target?: string };
    if (p.dataType === "edge" && d.source && d.target) go("dyad", { a: d.source, b: d.target, from: range.from, to: range.to, modality: range.modality });
    else if (p.dataType === "node" && d.id) go("dyad", { a: d.id, from: range.from, to: range.to, modality: range.modality });
  });
  markRendered(box, chart);
  box.dataset.nodes = String(nodes.length);
  box.dataset.links = String(links.length);

  const sorted = [...links].sort((x, y) => y.events - x.events);
  tableBox.append(
    el("summary", {}, `Data table (${links.length} pairs)`),
    el(
      "table",
      {},
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "pair"), el("th", { scope: "col", class: "num" }, "events"), el("th", { scope: "col", class: "num" }, "Goldstein mean"))),
      el(
        "tbody",
        {},
        ...sorted.map((l) =>
          el(
            "tr",
            {},
            el("td", {}, el("a", { href: `#/dyad?a=${encodeURIComponent(l.source)}&b=${encodeURIComponent(l.target)}` }, `${l.source} — ${l.target}`), el("span", { class: "muted" }, ` ${actorName(l.source)}, ${actorName(l.target)}`)),
            el("td", { class: "num" }, fmtNum(l.events)),
            el("td", { class: "num" }, fmtSigned(l.goldstein_mean)),
          ),
        ),
      ),
    ),
  );
}
