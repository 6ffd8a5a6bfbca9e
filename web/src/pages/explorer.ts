// Event explorer (#/explorer?actor=&dyad=&code=&quad=&modality=&from=&to=&q=&event=ID):
// filter the events, page through them, and open one to see its highlighted evidence sentence,
// its attributes, its rule and its reports in other articles.
import { api, type DyadEvent } from "../api";
import { eventDetail, eventTable } from "../events";
import { go, replaceParams } from "../router";
import { hook } from "../state";
import { el, card, clear, errorBox, loading, fmtNum, empty, QUAD, announce, basename } from "../ui";

const FILTERS = ["actor", "dyad", "directed", "code", "quad", "plover", "modality", "from", "to", "q", "article", "cluster"] as const;
const PAGE = 50;

export async function renderExplorer(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  root.appendChild(el("h1", {}, "Event explorer"));
  root.appendChild(filterForm(params));

  const listBox = el("div", { class: "results", id: "explorer-results" }, loading());
  const detailBox = el("div", { class: "detail-pane", id: "event-detail", "aria-live": "polite" }, el("p", { class: "muted" }, "Choose an event to see its sentence and attributes."));
  root.appendChild(el("section", { class: "card" }, el("div", { class: "split" }, listBox, detailBox)));

  const filters: Record<string, string> = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }

  const show = (ev: DyadEvent) => {
    clear(detailBox);
    detailBox.appendChild(eventDetail(ev));
    const next = new URLSearchParams(params);
    next.set("event", String(ev.id));
    replaceParams("explorer", next);
    hook().data.event = ev;
    if (window.innerWidth < 1000) detailBox.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  let events: DyadEvent[] = [];
  try {
    const r = await api.events({ ...filters, limit: PAGE, offset });
    events = r.events ?? [];
    hook().data.events = r;
    clear(listBox);
    const total = r.total ?? events.length;
    const head = el(
      "div",
      { class: "results-head" },
      el("p", { class: "count" }, total ? `${fmtNum(offset + 1)}–${fmtNum(offset + events.length)} of ${fmtNum(total)} events` : "No events match."),
      pager(params, offset, total),
    );
    listBox.appendChild(head);
    listBox.dataset.count = String(events.length);
    if (events.length) listBox.appendChild(eventTable(events, show));
    else listBox.appendChild(empty("Try fewer filters."));
    announce(`${fmtNum(total)} events.`);
  } catch (e) {
    clear(listBox);
    listBox.appendChild(errorBox(e, "Could not read the events"));
  }

  const q = params.get("q");
  if (q) root.appendChild(sentenceHits(q));

  const want = params.get("event");
  if (want) {
    const ev = events.find((e) => String(e.id) === want);
    if (ev) {
      listBox.querySelector(`tr[data-event-id="${CSS.escape(want)}"]`)?.classList.add("selected");
      show(ev);
    } else {
      try {
        const r = await api.event(want);
        show(r.event);
      } catch (e) {
        clear(detailBox);
        detailBox.appendChild(errorBox(e, `Could not read event ${want}`));
      }
    }
  }
}

/** Sentences matching the text query (/api/search), with or without events: FTS matches shown as marks. */
function sentenceHits(q: string): HTMLElement {
  const box = el("div", { id: "search-hits" }, loading());
  api
    .search(q, 30)
    .then((r) => {
      clear(box);
      const hits = r.hits ?? [];
      if (!hits.length) {
        box.appendChild(empty("No sentence matches."));
        return;
      }
      const ol = el("ol", { class: "hits" });
      for (const h of hits) {
        const p = el("p", { class: "snippet" });
        // the server marks matches as [word]
        for (const part of (h.snippet ?? "").split(/(\[[^\]]*\])/)) {
          if (part.startsWith("[") && part.endsWith("]")) p.appendChild(el("mark", { class: "hit" }, part.slice(1, -1)));
          else if (part) p.appendChild(document.createTextNode(part));
        }
        ol.appendChild(
          el(
            "li",
            {},
            p,
            el("div", { class: "small muted" }, el("a", { href: `#/article?id=${h.article_id}` }, h.title?.trim() || basename(h.origin) || `article ${h.article_id}`), h.index !== undefined ? ` · sentence ${h.index + 1}` : ""),
          ),
        );
      }
      box.appendChild(ol);
    })
    .catch((e) => {
      clear(box);
      box.appendChild(errorBox(e, "Could not search the sentences"));
    });
  return card(`Sentences matching “${q}”`, box);
}

function pager(params: URLSearchParams, offset: number, total: number): HTMLElement {
  const at = (o: number) => {
    const p = new URLSearchParams(params);
    p.delete("event");
    if (o > 0) p.set("offset", String(o));
    else p.delete("offset");
    return `#/explorer?${p}`;
  };
  return el(
    "nav",
    { class: "pager", "aria-label": "Result pages" },
    offset > 0 ? el("a", { href: at(Math.max(0, offset - PAGE)), rel: "prev" }, "← Previous") : el("span", { class: "muted" }, "← Previous"),
    offset + PAGE < total ? el("a", { href: at(offset + PAGE), rel: "next" }, "Next →") : el("span", { class: "muted" }, "Next →"),
  );
}

function filterForm(params: URLSearchParams): HTMLElement {
  const v = (k: string) => params.get(k) ?? "";
  const text = (id: string, label: string, placeholder: string, size = 8) =>
    el("label", { for: `f-${id}` }, label, el("input", { id: `f-${id}`, name: id, value: v(id), placeholder, size, autocomplete: "off" }));
  const form = el(
    "form",
    { class: "filters", id: "explorer-form", "aria-label": "Filter events" },
    text("q", "Text", "words in the sentence", 18),
    text("actor", "Actor", "KAZ"),
    text("dyad", "Dyad", "KAZ,RUS", 9),
    el("label", { class: "check", for: "f-directed" }, el("input", { id: "f-directed", name: "directed", type: "checkbox", checked: v("directed") === "1" }), "directed"),
    text("code", "CAMEO", "19, 0234", 5),
    el(
      "label",
      { for: "f-quad" },
      "Quad",
      el("select", { id: "f-quad", name: "quad" }, el("option", { value: "" }, "any"), ...QUAD.map((q) => el("option", { value: String(q.n), selected: v("quad") === String(q.n) }, `${q.n} ${q.short}`))),
    ),
    text("plover", "PLOVER", "AGREE", 7),
    el(
      "label",
      { for: "f-modality" },
      "Modality",
      el(
        "select",
        { id: "f-modality", name: "modality" },
        el("option", { value: "" }, "any"),
        ...["asserted", "negated", "future", "hypothetical"].map((m) => el("option", { value: m, selected: v("modality") === m }, m)),
      ),
    ),
    el("label", { for: "f-from" }, "From", el("input", { id: "f-from", name: "from", type: "date", value: v("from") })),
    el("label", { for: "f-to" }, "To", el("input", { id: "f-to", name: "to", type: "date", value: v("to") })),
    el("button", { type: "submit", class: "primary" }, "Filter"),
    el("a", { href: "#/explorer", class: "reset" }, "Reset"),
  );
  for (const k of ["article", "cluster"]) {
    if (params.get(k))
      form.appendChild(el("span", { class: "chip" }, `${k} ${params.get(k)}`, el("input", { type: "hidden", name: k, value: params.get(k) ?? "" })));
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const out: Record<string, string> = {};
    for (const k of FILTERS) {
      const x = f.get(k);
      if (x === null || x === "") continue;
      out[k] = k === "directed" ? "1" : String(x).trim();
      if (k === "actor" || k === "dyad") out[k] = out[k].toUpperCase().replace(/\s+/g, "");
    }
    go("explorer", out);
  });
  return form;
}
