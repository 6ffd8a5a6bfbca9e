// dyad dashboard: hash routes (#/page?params), one render function per page.
import "./style.css";
import { disposeCharts } from "./charts";
import { hook } from "./state";
import { clear, errorBox } from "./ui";
import { parseHash, hashFor } from "./router";
import { renderOverview } from "./pages/overview";
import { renderDyad } from "./pages/dyad";
import { renderNetwork } from "./pages/network";
import { renderMap } from "./pages/map";
import { renderExplorer } from "./pages/explorer";
import { renderClusters } from "./pages/clusters";
import { renderArticle, renderArticles } from "./pages/article";

export type Page = (root: HTMLElement, params: URLSearchParams) => Promise<void> | void;

const PAGES: Record<string, { render: Page; title: string; nav: string }> = {
  overview: { render: renderOverview, title: "Overview", nav: "overview" },
  dyad: { render: renderDyad, title: "Dyad", nav: "dyad" },
  network: { render: renderNetwork, title: "Actor network", nav: "network" },
  map: { render: renderMap, title: "Map", nav: "map" },
  explorer: { render: renderExplorer, title: "Event explorer", nav: "explorer" },
  events: { render: renderExplorer, title: "Event explorer", nav: "explorer" },
  clusters: { render: renderClusters, title: "Story clusters", nav: "clusters" },
  articles: { render: renderArticles, title: "Articles", nav: "articles" },
  article: { render: renderArticle, title: "Article", nav: "articles" },
};

let generation = 0;

async function route(): Promise<void> {
  const gen = ++generation;
  const { page, params } = parseHash();
  const def = PAGES[page] ?? PAGES.overview;
  const root = document.getElementById("main")!;
  const h = hook();
  h.ready = false;
  h.route = location.hash;
  h.data = {};
  h.actions = {};
  disposeCharts();
  clear(root);
  root.dataset.page = PAGES[page] ? page : "overview";
  root.removeAttribute("data-ready");
  document.title = `${def.title} — dyad`;
  for (const a of document.querySelectorAll<HTMLAnchorElement>("#nav a")) {
    if (a.dataset.route === def.nav) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  try {
    await def.render(root, params);
  } catch (e) {
    console.warn("page failed", e);
    root.appendChild(errorBox(e, "This page could not be shown"));
  }
  if (gen !== generation) return;
  h.ready = true;
  root.dataset.ready = "1";
}

window.addEventListener("hashchange", () => {
  void route();
  document.getElementById("main")?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
});

document.getElementById("global-search")?.addEventListener("submit", (e) => {
  e.preventDefault();
  const q = (document.getElementById("global-q") as HTMLInputElement).value.trim();
  if (q) location.hash = hashFor("explorer", { q });
});

void route();
