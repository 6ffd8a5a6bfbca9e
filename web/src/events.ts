// Event rendering shared by the dyad page, the explorer and the article page: the evidence
// sentence with source / target / verb / speaker highlighted, the event's attributes, its
// mentions in other articles, and a compact event table.
import { api, type DyadEvent, type Segment } from "./api";
import {
  el,
  clear,
  actorChip,
  actorName,
  quadBadge,
  goldsteinBadge,
  fmtNum,
  errorBox,
  loading,
  articleLabel,
  basename,
  bool,
  truncate,
} from "./ui";

const ROLE_LABEL: Record<string, string> = {
  source: "source",
  target: "target",
  verb: "verb",
  speaker: "speaker",
  date: "date",
};

/** Segments from the API, or, when absent, found by searching the sentence for the actors' and verb's text. */
export function segmentsOf(ev: DyadEvent): Segment[] {
  if (Array.isArray(ev.segments) && ev.segments.length) return ev.segments;
  const s = ev.sentence ?? "";
  const marks: { start: number; end: number; role: Segment["role"] }[] = [];
  const add = (text: string | null | undefined, role: Segment["role"]) => {
    if (!text) return;
    let from = 0;
    for (;;) {
      const i = s.indexOf(text, from);
      if (i < 0) return;
      const e = i + text.length;
      if (!marks.some((m) => i < m.end && e > m.start)) {
        marks.push({ start: i, end: e, role });
        return;
      }
      from = i + 1;
    }
  };
  add(ev.speaker_text, "speaker");
  add(ev.source_text, "source");
  add(ev.target_text, "target");
  add(ev.verb_text, "verb");
  marks.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let pos = 0;
  for (const m of marks) {
    if (m.start > pos) out.push({ text: s.slice(pos, m.start), role: null });
    out.push({ text: s.slice(m.start, m.end), role: m.role });
    pos = m.end;
  }
  if (pos < s.length) out.push({ text: s.slice(pos), role: null });
  return out;
}

export function sentenceView(ev: DyadEvent, opts: { compact?: boolean } = {}): HTMLElement {
  const p = el("p", { class: `sentence${opts.compact ? " compact" : ""}`, "data-event-id": ev.id });
  for (const seg of segmentsOf(ev)) {
    if (seg.role && ROLE_LABEL[seg.role]) {
      p.appendChild(
        el(
          "mark",
          { class: `seg seg-${seg.role}`, "data-role": seg.role, title: `${ROLE_LABEL[seg.role]}` },
          el("span", { class: "sr-only" }, `[${ROLE_LABEL[seg.role]}: `),
          seg.text,
          el("span", { class: "sr-only" }, "]"),
        ),
      );
    } else {
      p.appendChild(document.createTextNode(seg.text));
    }
  }
  return p;
}

export function roleLegend(): HTMLElement {
  return el(
    "p",
    { class: "legend", "aria-label": "Highlight colours" },
    ...["source", "verb", "target", "speaker", "date"].map((r) => el("mark", { class: `seg seg-${r}` }, ROLE_LABEL[r])),
  );
}

function attr(label: string, value: Node | string | null | undefined): HTMLElement[] {
  return [el("dt", {}, label), el("dd", {}, value === null || value === undefined || value === "" ? el("span", { class: "muted" }, "—") : value)];
}

export function eventHeadline(ev: DyadEvent): HTMLElement {
  return el(
    "div",
    { class: "headline" },
    actorChip(ev.source, "source"),
    el("span", { class: "arrow", "aria-hidden": "true" }, " → "),
    el("span", { class: "code", title: "CAMEO code" }, ev.cameo ?? "?"),
    el("span", { class: "arrow", "aria-hidden": "true" }, " → "),
    actorChip(ev.target, "target"),
    " ",
    quadBadge(ev.quad_class),
    " ",
    goldsteinBadge(ev.goldstein),
    ev.modality && ev.modality !== "asserted" ? el("span", { class: `badge modality modality-${ev.modality}` }, ev.modality) : null,
  );
}

export function articleLink(ev: { article_id?: number; title?: string | null; origin?: string | null }): HTMLElement {
  if (ev.article_id === undefined) return el("span", { class: "muted" }, "—");
  return el("a", { href: `#/article?id=${ev.article_id}` }, articleLabel({ id: ev.article_id, title: ev.title, origin: ev.origin }));
}

export function attributes(ev: DyadEvent): HTMLElement {
  const plover = [ev.plover_type, ev.plover_mode, ev.plover_context].filter(Boolean).join(" · ");
  return el(
    "dl",
    { class: "attrs" },
    ...attr(
      "Date",
      ev.date
        ? `${ev.date}${ev.date_rule ? ` (${ev.date_rule === "article" ? "the article's date" : `from “${ev.date_text ?? ev.date_value}”, ${ev.date_rule}`})` : ""}${bool(ev.historical) ? " · historical" : ""}${bool(ev.future) ? " · future" : ""}`
        : null,
    ),
    ...attr("Source", ev.source ? `${ev.source} — ${actorName(ev.source)}${ev.source_text ? ` (“${ev.source_text}”)` : ""}` : null),
    ...attr("Target", ev.target ? `${ev.target} — ${actorName(ev.target)}${ev.target_text ? ` (“${ev.target_text}”)` : ""}` : null),
    ...attr("Verb", ev.verb_text ?? null),
    ...attr("CAMEO", ev.cameo ? `${ev.cameo} (root ${ev.cameo_root ?? ev.cameo.slice(0, 2)})` : null),
    ...attr("Quad class", quadBadge(ev.quad_class)),
    ...attr("Goldstein", goldsteinBadge(ev.goldstein)),
    ...attr("PLOVER", plover || null),
    ...attr("Modality", ev.modality ? `${ev.modality}${ev.modality_cue ? ` (cue: “${ev.modality_cue}”)` : ""}` : null),
    ...attr("Speaker", ev.speaker || ev.speaker_text ? `${ev.speaker ?? "?"}${ev.speaker_text ? ` (“${ev.speaker_text}”)` : ""}` : null),
    ...attr("Quoted", bool(ev.quoted) ? "yes" : "no"),
    ...attr("Reports", `${fmtNum(ev.mentions ?? 1)} sentence(s) in ${fmtNum(ev.sources ?? 1)} article(s)`),
    ...attr(
      "Story cluster",
      ev.cluster_id !== null && ev.cluster_id !== undefined
        ? el("a", { href: `#/clusters?id=${ev.cluster_id}` }, `cluster ${ev.cluster_id}${bool(ev.copy_only) ? " (reported only by copies)" : ""}`)
        : null,
    ),
    ...attr("Rule", ev.rule ? el("code", {}, ev.rule) : null),
    ...attr("Article", articleLink(ev)),
    ...attr("Event id", String(ev.id)),
  );
}

/** Full event view: headline, highlighted sentence, attributes; then fetches and lists its mentions. */
export function eventDetail(ev: DyadEvent, opts: { fetchMentions?: boolean } = {}): HTMLElement {
  const mentionsBox = el("div", { class: "mentions" });
  const box = el(
    "article",
    { class: "event-detail", "data-event-id": ev.id, "aria-label": `Event ${ev.id}` },
    eventHeadline(ev),
    sentenceView(ev),
    roleLegend(),
    attributes(ev),
    mentionsBox,
  );
  if (opts.fetchMentions !== false) {
    mentionsBox.appendChild(loading("Loading mentions…"));
    api
      .event(ev.id)
      .then((r) => {
        clear(mentionsBox);
        const ms = r.mentions ?? [];
        const articles = new Set(ms.map((m) => m.article_id)).size;
        mentionsBox.appendChild(el("h3", {}, `Mentions: ${fmtNum(ms.length)} sentence(s) in ${fmtNum(articles)} article(s)`));
        if (!ms.length) {
          mentionsBox.appendChild(el("p", { class: "muted" }, "No reports listed."));
          return;
        }
        const list = el("ol", { class: "mention-list" });
        for (const m of ms) {
          list.appendChild(
            el(
              "li",
              {},
              el("div", { class: "mention-meta" }, articleLink(m), m.date ? ` · ${m.date}` : "", m.origin ? el("span", { class: "muted" }, ` · ${basename(m.origin)}`) : null),
              sentenceView(m, { compact: true }),
            ),
          );
        }
        mentionsBox.appendChild(list);
      })
      .catch((e) => {
        clear(mentionsBox);
        mentionsBox.appendChild(errorBox(e, "Could not load mentions"));
      });
  }
  return box;
}

/** A table of events; `onSelect` is called when a row is chosen (click, Enter or Space). */
export function eventTable(events: DyadEvent[], onSelect: (ev: DyadEvent, row: HTMLTableRowElement) => void, opts: { showTitle?: boolean } = {}): HTMLTableElement {
  const showTitle = opts.showTitle !== false;
  const tbody = el("tbody");
  const table = el(
    "table",
    { class: "events-table" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, "Date"),
        el("th", { scope: "col" }, "Who did what to whom"),
        el("th", { scope: "col" }, "Quad class"),
        el("th", { scope: "col", class: "num" }, "Goldstein"),
        showTitle ? el("th", { scope: "col" }, "Article") : null,
      ),
    ),
    tbody,
  );
  for (const ev of events) {
    const row = el(
      "tr",
      { class: "event-row", tabindex: 0, "data-event-id": ev.id, "aria-label": `Event ${ev.id}: ${ev.source ?? "?"} ${ev.cameo ?? ""} ${ev.target ?? "?"}` },
      el("td", { class: "nowrap" }, ev.date ?? "—"),
      el(
        "td",
        { class: "who" },
        el("span", { class: "actor actor-source", title: actorName(ev.source) }, ev.source ?? "—"),
        " ",
        el("span", { class: "code", title: "CAMEO code" }, ev.cameo ?? ""),
        " ",
        el("span", { class: "verb" }, truncate(ev.verb_text, 32)),
        " → ",
        el("span", { class: "actor actor-target", title: actorName(ev.target) }, ev.target ?? "—"),
        ev.modality && ev.modality !== "asserted" ? [" ", el("span", { class: `badge modality modality-${ev.modality}` }, ev.modality)] : null,
      ),
      el("td", {}, quadBadge(ev.quad_class)),
      el("td", { class: "num" }, goldsteinBadge(ev.goldstein)),
      showTitle ? el("td", { class: "title-cell" }, truncate(ev.title ?? basename(ev.origin), 70)) : null,
    );
    const choose = () => {
      for (const r of tbody.querySelectorAll("tr.selected")) r.classList.remove("selected");
      row.classList.add("selected");
      onSelect(ev, row);
    };
    row.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("a")) return;
      choose();
    });
    row.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        choose();
      }
    });
    tbody.appendChild(row);
  }
  return table;
}
