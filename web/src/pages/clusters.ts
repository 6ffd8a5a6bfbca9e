// Story clusters (#/clusters, #/clusters?id=C&a=A&b=B): copies of one story, and for a copy,
// its sentences aligned with the canonical article's, the words it substituted highlighted and
// the substitutions that change meaning (actor, number, date, negation) flagged.
// The list comes a page at a time (/api/clusters with a cursor; "More clusters" appends the
// next page), so a store with millions of clusters opens as fast as a small one; with ?id=C only
// that cluster is read. ?min_size=N keeps clusters of at least N articles, ?limit=N sets the
// page size (default 25).
import { api, type Cluster, type ClustersPage, type Diff, type DiffSegment } from "../api";
import { go } from "../router";
import { hook } from "../state";
import { el, card, clear, errorBox, loading, fmtNum, fmtPct, empty, articleLabel, basename } from "../ui";

const RELATION_LABEL: Record<string, string> = {
  canonical: "canonical",
  exact: "exact copy",
  "near-duplicate": "near-duplicate",
  reworded: "reworded copy",
};

const PAGE = 25;

function wholeNumber(v: string | null, def: number, lo: number, hi: number): number {
  const n = v !== null && /^\d{1,9}$/.test(v) ? Number(v) : def;
  return Math.min(hi, Math.max(lo, n));
}

export async function renderClusters(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const focus = params.get("id");
  const a = params.get("a");
  const b = params.get("b");
  const limit = wholeNumber(params.get("limit"), PAGE, 1, 1000);
  const minSize = wholeNumber(params.get("min_size"), 0, 0, 1_000_000);
  root.appendChild(el("h1", {}, "Story clusters"));
  root.appendChild(
    el(
      "p",
      { class: "lede" },
      "Articles that republish one story form a cluster; events they report are counted once. For a copy, ",
      el("em", {}, "Compare"),
      " shows what it changed against the canonical article.",
    ),
  );
  const diffBox = el("div", { id: "diff" });
  root.appendChild(diffBox);
  if (focus) root.appendChild(el("p", { class: "small" }, el("a", { href: "#/clusters", id: "all-clusters" }, "← All clusters")));
  else root.appendChild(sizeForm(minSize));
  const countLine = el("p", { class: "count", id: "cluster-count", "aria-live": "polite" });
  root.appendChild(countLine);
  const listBox = el("div", { id: "cluster-list" }, loading());
  root.appendChild(listBox);
  const moreBox = el("div", { class: "pager", id: "cluster-more" });
  root.appendChild(moreBox);

  const diffJob = a && b ? renderDiff(diffBox, a, b) : Promise.resolve();

  const shown: Cluster[] = [];
  const h = hook();
  h.data.clusters = shown;
  h.data.clustersNext = null;
  let first = true;
  // Reads the page after `after` (null: the first) and appends it; false on an error.
  const load = async (after: number | null): Promise<boolean> => {
    let page: ClustersPage;
    try {
      page = await api.clusters(focus ? { id: focus } : { limit, after, min_size: minSize > 1 ? minSize : null });
    } catch (e) {
      if (first) clear(listBox);
      listBox.appendChild(errorBox(e, "Could not read /api/clusters"));
      return false;
    }
    if (first) clear(listBox);
    first = false;
    const list = page.clusters ?? [];
    for (const c of list) {
      shown.push(c);
      listBox.appendChild(clusterCard(c, focus, a, b));
    }
    const total = page.total ?? shown.length;
    const next = page.next ?? null;
    h.data.clustersNext = next;
    listBox.dataset.count = String(shown.length);
    clear(countLine);
    clear(moreBox);
    if (!shown.length) {
      listBox.appendChild(
        empty(focus ? `No cluster ${focus} in this store.` : minSize > 1 ? `No cluster has ${fmtNum(minSize)} articles or more.` : "No story has copies in this store."),
      );
      return true;
    }
    if (!focus) countLine.textContent = `${fmtNum(shown.length)} of ${fmtNum(total)} clusters${minSize > 1 ? ` of ${fmtNum(minSize)} articles or more` : ""}`;
    if (next !== null) {
      const more: HTMLButtonElement = el(
        "button",
        {
          type: "button",
          id: "more-clusters",
          onclick: () => {
            more.disabled = true;
            more.textContent = "Loading…";
            void load(next).then((ok) => {
              if (!ok) {
                more.disabled = false;
                more.textContent = "More clusters";
              }
            });
          },
        },
        "More clusters",
      );
      moreBox.appendChild(more);
    }
    return true;
  };
  await load(null);
  await diffJob;
}

// Only clusters of at least N articles (the API's min_size).
function sizeForm(minSize: number): HTMLElement {
  const input = el("input", { id: "f-min-size", name: "min_size", type: "number", min: "2", step: "1", value: minSize > 1 ? String(minSize) : "", placeholder: "any", size: 4 });
  const form = el(
    "form",
    { class: "filters", id: "clusters-form", "aria-label": "Filter clusters" },
    el("label", { for: "f-min-size" }, "Articles, at least", input),
    el("button", { type: "submit", class: "primary" }, "Filter"),
    el("a", { href: "#/clusters", class: "reset" }, "Reset"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = input.value.trim();
    go("clusters", { min_size: /^\d+$/.test(v) && Number(v) > 1 ? v : null });
  });
  return form;
}

function clusterCard(c: Cluster, focus: string | null, selA: string | null, selB: string | null): HTMLElement {
  const members = c.members ?? [];
  const canon = members.find((m) => m.relation === "canonical") ?? members.find((m) => m.article_id === c.canonical_article_id) ?? members[0];
  const tbody = el("tbody");
  for (const m of members) {
    const isCanon = m === canon;
    const active = String(m.article_id) === selB && String(canon?.article_id) === selA;
    tbody.appendChild(
      el(
        "tr",
        { class: active ? "selected" : null },
        el("td", {}, el("span", { class: `badge rel rel-${m.relation ?? "unknown"}` }, RELATION_LABEL[m.relation ?? ""] ?? m.relation ?? "?")),
        el("td", {}, el("a", { href: `#/article?id=${m.article_id}` }, articleLabel({ id: m.article_id, title: m.title, origin: m.origin })), el("div", { class: "muted small" }, basename(m.origin))),
        el("td", { class: "num" }, isCanon ? "" : fmtPct(m.similarity)),
        el("td", { class: "small" }, m.evidence ?? ""),
        el(
          "td",
          {},
          !isCanon && canon
            ? el("a", { class: "button", href: `#/clusters?id=${c.id}&a=${canon.article_id}&b=${m.article_id}`, "aria-label": `Compare ${articleLabel({ id: m.article_id, title: m.title, origin: m.origin })} with the canonical article` }, "Compare")
            : "",
        ),
      ),
    );
  }
  return el(
    "section",
    { class: `card cluster${String(c.id) === focus ? " focused" : ""}`, id: `cluster-${c.id}`, "data-cluster-id": c.id },
    el("h2", {}, `Cluster ${c.id}: `, canon ? articleLabel({ id: canon.article_id, title: canon.title, origin: canon.origin }) : "", el("span", { class: "muted" }, ` · ${members.length} articles`)),
    el(
      "table",
      { class: "members" },
      el(
        "thead",
        {},
        el("tr", {}, el("th", { scope: "col" }, "relation"), el("th", { scope: "col" }, "article"), el("th", { scope: "col", class: "num" }, "similarity"), el("th", { scope: "col" }, "evidence"), el("th", { scope: "col" }, "")),
      ),
      tbody,
    ),
    el("p", { class: "small" }, el("a", { href: `#/explorer?cluster=${c.id}` }, "Events of this story →")),
  );
}

const FLAG_MARK: Record<string, string> = { actor: "A", number: "#", date: "D", negation: "¬" };
function flagMark(f: string): string {
  return FLAG_MARK[f] ?? f.slice(0, 1).toUpperCase();
}

function segs(list: DiffSegment[] | undefined, fallback: string | null | undefined, side: "a" | "b"): HTMLElement {
  const td = el("td", { class: `diff-text diff-${side}` });
  if (!list || !list.length) {
    if (fallback) td.appendChild(document.createTextNode(fallback));
    else td.appendChild(el("span", { class: "muted" }, side === "a" ? "(not in the canonical article)" : "(left out of the copy)"));
    return td;
  }
  for (const s of list) {
    if (s.changed) {
      const meaning = (s.flags ?? []).length > 0;
      const tag = side === "a" ? "del" : "ins";
      td.appendChild(
        el(
          tag,
          { class: `chg${meaning ? " meaning" : ""}`, title: meaning ? `changes meaning: ${s.flags!.join(", ")}` : "reworded" },
          s.text,
          meaning ? el("sup", { class: "flag-mark" }, (s.flags ?? []).map(flagMark).join("")) : null,
        ),
      );
    } else td.appendChild(document.createTextNode(s.text));
  }
  return td;
}

async function renderDiff(box: HTMLElement, a: string, b: string): Promise<void> {
  box.appendChild(loading("Comparing…"));
  let d: Diff;
  try {
    d = await api.diff(a, b);
  } catch (e) {
    clear(box);
    box.appendChild(errorBox(e, "Could not compare the articles"));
    return;
  }
  hook().data.diff = d;
  clear(box);
  const rows = el("tbody");
  for (const s of d.sentences ?? []) {
    const flags = [...new Set((s.substitutions ?? []).flatMap((x) => x.flags ?? []))];
    rows.appendChild(
      el(
        "tr",
        { class: flags.length ? "meaning-row" : s.a_text && s.b_text ? "" : "unpaired" },
        segs(s.a_segments, s.a_text, "a"),
        segs(s.b_segments, s.b_text, "b"),
        el(
          "td",
          { class: "diff-meta" },
          s.similarity === null || s.similarity === undefined ? "" : el("div", { class: "small" }, `similarity ${fmtPct(s.similarity)}`),
          s.moved ? el("div", { class: "badge" }, "moved") : null,
          ...flags.map((f) => el("div", { class: `badge flag flag-${f}` }, `${f} changed`)),
          ...(s.substitutions ?? []).map((x) =>
            el("div", { class: `subst small${(x.flags ?? []).length ? " meaning" : ""}` }, el("del", {}, x.from), " → ", el("ins", {}, x.to)),
          ),
        ),
      ),
    );
  }
  box.appendChild(
    card(
      el("h2", {}, "What the copy changed"),
      el(
        "div",
        { class: "diff-heads" },
        el("div", {}, el("span", { class: "badge rel rel-canonical" }, "A"), " ", el("a", { href: `#/article?id=${d.a.id}` }, articleLabel(d.a))),
        el(
          "div",
          {},
          el("span", { class: "badge rel rel-reworded" }, "B"),
          " ",
          el("a", { href: `#/article?id=${d.b.id}` }, articleLabel(d.b)),
          d.relation ? el("span", { class: "muted" }, ` · ${RELATION_LABEL[d.relation] ?? d.relation}${d.similarity !== null && d.similarity !== undefined ? `, similarity ${fmtPct(d.similarity)}` : ""}`) : null,
        ),
      ),
      el(
        "div",
        { class: "stats small-stats" },
        stat("coverage", fmtPct(d.coverage)),
        stat("mean similarity", fmtPct(d.mean_similarity)),
        stat("substitutions", fmtNum(d.substitutions)),
        stat("meaning changes", fmtNum(d.meaning_changes), (d.meaning_changes ?? 0) > 0 ? "alert" : ""),
      ),
      el(
        "p",
        { class: "legend" },
        el("del", { class: "chg" }, "replaced in A"),
        " ",
        el("ins", { class: "chg" }, "replacement in B"),
        " ",
        el("ins", { class: "chg meaning" }, "changes meaning"),
        el("span", { class: "muted" }, " marked ", el("sup", { class: "flag-mark" }, "A"), " actor, ", el("sup", { class: "flag-mark" }, "#"), " number, ", el("sup", { class: "flag-mark" }, "D"), " date, ", el("sup", { class: "flag-mark" }, "¬"), " negation"),
      ),
      el(
        "table",
        { class: "diff-table", id: "diff-table" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "A (canonical)"), el("th", { scope: "col" }, "B (copy)"), el("th", { scope: "col" }, ""))),
        rows,
      ),
    ),
  );
}

function stat(label: string, value: string, cls = ""): HTMLElement {
  return el("div", { class: `stat ${cls}` }, el("span", { class: "stat-value" }, value), el("span", { class: "stat-label" }, label));
}
