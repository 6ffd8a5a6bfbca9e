// Articles (#/articles) and one article (#/article?id=N): its text sentence by sentence, the
// sentences that report events marked, and the events with their evidence.
import { api, type ArticleDetail, type DyadEvent } from "../api";
import { eventDetail, eventTable, sentenceView } from "../events";
import { replaceParams } from "../router";
import { hook } from "../state";
import { el, card, clear, errorBox, loading, fmtNum, empty, articleLabel, basename } from "../ui";

const PAGE = 50;

export async function renderArticles(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  root.appendChild(el("h1", {}, "Articles"));
  const box = el("div", {}, loading());
  root.appendChild(el("section", { class: "card" }, box));
  try {
    const r = await api.articles({ limit: PAGE, offset });
    clear(box);
    const list = r.articles ?? [];
    const total = r.total ?? list.length;
    hook().data.articles = r;
    if (!list.length) {
      box.appendChild(empty("No articles stored."));
      return;
    }
    box.appendChild(
      el(
        "div",
        { class: "results-head" },
        el("p", { class: "count" }, `${fmtNum(offset + 1)}–${fmtNum(offset + list.length)} of ${fmtNum(total)} articles`),
        el(
          "nav",
          { class: "pager", "aria-label": "Result pages" },
          offset > 0 ? el("a", { href: `#/articles?offset=${Math.max(0, offset - PAGE)}` }, "← Previous") : el("span", { class: "muted" }, "← Previous"),
          offset + PAGE < total ? el("a", { href: `#/articles?offset=${offset + PAGE}` }, "Next →") : el("span", { class: "muted" }, "Next →"),
        ),
      ),
    );
    box.appendChild(
      el(
        "table",
        { class: "articles-table" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { scope: "col", class: "num" }, "id"),
            el("th", { scope: "col" }, "published"),
            el("th", { scope: "col" }, "title"),
            el("th", { scope: "col", class: "num" }, "sentences"),
            el("th", { scope: "col", class: "num" }, "events"),
            el("th", { scope: "col" }, "cluster"),
          ),
        ),
        el(
          "tbody",
          {},
          ...list.map((a) =>
            el(
              "tr",
              {},
              el("td", { class: "num" }, String(a.id)),
              el("td", { class: "nowrap" }, a.published ?? "—"),
              el("td", {}, el("a", { href: `#/article?id=${a.id}` }, articleLabel(a)), el("div", { class: "muted small" }, basename(a.origin))),
              el("td", { class: "num" }, fmtNum(a.sentences)),
              el("td", { class: "num" }, fmtNum(a.events)),
              el("td", {}, a.cluster_id !== null && a.cluster_id !== undefined ? el("a", { href: `#/clusters?id=${a.cluster_id}` }, `cluster ${a.cluster_id}`) : ""),
            ),
          ),
        ),
      ),
    );
  } catch (e) {
    clear(box);
    box.appendChild(errorBox(e, "Could not read /api/articles"));
  }
}

export async function renderArticle(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const id = params.get("id");
  if (!id) {
    await renderArticles(root, params);
    return;
  }
  const head = el("div", {}, loading());
  root.appendChild(head);
  let a: ArticleDetail;
  try {
    a = await api.article(id);
  } catch (e) {
    clear(head);
    head.appendChild(el("h1", {}, `Article ${id}`));
    head.appendChild(errorBox(e, "Could not read the article"));
    return;
  }
  hook().data.article = a;
  clear(head);
  const events = a.events ?? [];
  head.append(
    el("h1", {}, articleLabel(a)),
    el(
      "p",
      { class: "meta" },
      a.published ? `Published ${a.published}` : "No publication date",
      " · ",
      el("span", { title: a.origin ?? "" }, basename(a.origin)),
      a.external_id ? ` · id ${a.external_id}` : "",
      ` · ${fmtNum(a.sentences?.length ?? 0)} sentences · ${fmtNum(events.length)} event reports`,
      a.cluster_id !== null && a.cluster_id !== undefined ? [" · ", el("a", { href: `#/clusters?id=${a.cluster_id}` }, `story cluster ${a.cluster_id}`)] : "",
    ),
  );

  const bySentence = new Map<number, DyadEvent[]>();
  for (const e of events) {
    if (e.sentence_id === undefined) continue;
    const l = bySentence.get(e.sentence_id) ?? [];
    l.push(e);
    bySentence.set(e.sentence_id, l);
  }

  const detail = el("div", { class: "detail-pane", id: "event-detail", "aria-live": "polite" }, el("p", { class: "muted" }, "Choose a marked sentence or an event."));
  const textBox = el("ol", { class: "article-text", "aria-label": "Sentences" });
  const sentenceEls = new Map<number, HTMLElement>();
  const show = (evs: DyadEvent[], sid?: number) => {
    clear(detail);
    for (const s of sentenceEls.values()) s.classList.remove("selected");
    if (sid !== undefined) sentenceEls.get(sid)?.classList.add("selected");
    if (evs.length > 1) detail.appendChild(el("p", { class: "note" }, `${evs.length} events in this sentence:`));
    for (const ev of evs) detail.appendChild(eventDetail(ev));
    if (evs[0]) {
      const next = new URLSearchParams(params);
      next.set("event", String(evs[0].id));
      replaceParams("article", next);
    }
  };
  for (const s of a.sentences ?? []) {
    const evs = bySentence.get(s.id) ?? [];
    const li = el("li", { class: evs.length ? "has-events" : "", "data-sentence-id": s.id });
    if (evs.length) {
      // the first event's highlighting, the sentence is a button showing every event
      const b = el(
        "button",
        { type: "button", class: "sentence-button", "aria-label": `Sentence ${(s.index ?? 0) + 1}, ${evs.length} event(s)`, onclick: () => show(evs, s.id) },
        sentenceView({ ...evs[0], sentence: evs[0].sentence ?? s.text }, { compact: true }),
        el("span", { class: "event-count", "aria-hidden": "true" }, evs.map((e) => e.cameo).join(" ")),
      );
      li.appendChild(b);
    } else {
      li.appendChild(el("p", { class: "sentence compact plain" }, s.text));
    }
    sentenceEls.set(s.id, li);
    textBox.appendChild(li);
  }
  if (!(a.sentences ?? []).length && a.text) textBox.appendChild(el("li", {}, a.text));

  root.appendChild(el("section", { class: "card" }, el("div", { class: "split" }, el("div", {}, el("h2", {}, "Text"), textBox), el("div", {}, el("h2", {}, "Events"), detail))));

  const evBox = el("div", {});
  if (events.length) {
    evBox.appendChild(
      eventTable(
        events,
        (ev) => {
          show([ev], ev.sentence_id);
          sentenceEls.get(ev.sentence_id ?? -1)?.scrollIntoView({ block: "center", behavior: "smooth" });
        },
        { showTitle: false },
      ),
    );
  } else evBox.appendChild(empty("No events coded in this article."));
  root.appendChild(card(`All ${fmtNum(events.length)} event reports`, evBox));

  const want = params.get("event");
  const first = want ? events.find((e) => String(e.id) === want) : undefined;
  if (first) show([first], first.sentence_id);
}
