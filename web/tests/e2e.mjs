// End-to-end test of the dashboard against a running `dyad serve` (tests/dashboard_test.sh
// starts one on the sample corpus). Drives Debian's Chromium with playwright-core.
//
//   DYAD_URL=http://127.0.0.1:8080 node web/tests/e2e.mjs
//
// Env: DYAD_URL (required), DYAD_SCREENSHOT_DIR (default build/screenshots),
// DYAD_CHROMIUM (default /usr/bin/chromium). Prints one line per check and
// "N passed, N failed"; exits 1 when a check failed.
import { chromium } from "playwright-core";
import { mkdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const base = (process.env.DYAD_URL ?? "").replace(/\/+$/, "");
if (!base) {
  console.error("e2e: set DYAD_URL to the dyad server (http://127.0.0.1:PORT)");
  process.exit(2);
}
const shots = process.env.DYAD_SCREENSHOT_DIR ?? "build/screenshots";
const executablePath = process.env.DYAD_CHROMIUM ?? "/usr/bin/chromium";
mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
const t0 = Date.now();

function ok(name, detail = "") {
  passed++;
  console.log(`ok   ${name}${detail ? ` — ${detail}` : ""}`);
}
function bad(name, detail = "") {
  failed++;
  console.log(`FAIL ${name}${detail ? ` — ${detail}` : ""}`);
}
async function check(name, fn) {
  try {
    const detail = await fn();
    ok(name, typeof detail === "string" ? detail : "");
    return true;
  } catch (e) {
    bad(name, e instanceof Error ? e.message.split("\n")[0] : String(e));
    return false;
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
  ],
});

const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
const page = await context.newPage();
page.setDefaultTimeout(15000);

// console errors and uncaught exceptions, per page visit
let errors = [];
page.on("console", (m) => {
  if (m.type() === "error") errors.push(`console: ${m.text()}`);
});
page.on("pageerror", (e) => errors.push(`exception: ${e.message}`));
page.on("requestfailed", (r) => {
  // requests the page itself abandons (a newer request replaced them) are not errors
  const f = r.failure()?.errorText ?? "";
  if (!/ERR_ABORTED/.test(f)) errors.push(`request failed: ${r.url()} ${f}`);
});
page.on("response", (r) => {
  if (r.status() >= 400 && !r.url().includes("/api/")) errors.push(`HTTP ${r.status()} ${r.url()}`);
});

async function visit(hash, pageName) {
  errors = [];
  await page.goto(`${base}/${hash}`);
  await page.waitForFunction(
    (name) => window.__dyad?.ready === true && document.querySelector("#main")?.dataset.page === name && document.querySelector("#main")?.dataset.ready === "1",
    pageName,
    { timeout: 20000 },
  );
}

async function shot(name) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// axe-core (WCAG 2 A and AA rules, colour contrast included) when installed
let axePath = null;
try {
  axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
  if (!existsSync(axePath)) axePath = null;
} catch {
  axePath = null;
}

async function accessibility(name) {
  if (!axePath) return;
  await check(`${name}: no serious accessibility violations (axe, WCAG 2 AA)`, async () => {
    await page.addScriptTag({ path: axePath });
    const v = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa"] });
      return r.violations.filter((x) => x.impact === "serious" || x.impact === "critical").map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0]?.target.join(" ")}`);
    });
    assert(v.length === 0, v.slice(0, 3).join(" | "));
  });
}

async function noErrors(name) {
  await check(`${name}: no console errors`, async () => {
    assert(errors.length === 0, errors.slice(0, 3).join(" | "));
  });
  await accessibility(name);
}

try {
  // ---- the dyad page: Kazakhstan–Russia
  await check("dyad page loads (#/dyad?a=KAZ&b=RUS)", async () => {
    await visit("#/dyad?a=KAZ&b=RUS&by=month", "dyad");
  });
  const chartInfo = await page.evaluate(() => {
    const box = document.querySelector("#dyad-chart");
    const chart = window.__dyad?.charts?.dyad;
    const series = chart ? chart.getOption().series : [];
    const values = series.flatMap((s) => (s.data ?? []).map((d) => (d && typeof d === "object" ? d.value : d)));
    return {
      items: Number(box?.dataset.seriesItems ?? 0),
      seriesCount: series.length,
      total: values.filter((v) => typeof v === "number").reduce((a, b) => a + Math.abs(b), 0),
      points: window.__dyad?.data?.points ?? [],
      canvas: !!box?.querySelector("canvas"),
    };
  });
  await check("dyad chart rendered with data", async () => {
    assert(chartInfo.canvas, "no canvas in #dyad-chart");
    assert(chartInfo.seriesCount >= 5, `expected 4 quad-class bar series and a Goldstein line, got ${chartInfo.seriesCount}`);
    assert(chartInfo.items > 0 && chartInfo.total > 0, `series are empty (items ${chartInfo.items}, sum ${chartInfo.total})`);
    return `${chartInfo.points.length} periods, ${chartInfo.points.reduce((s, p) => s + (p.events ?? 0), 0)} events`;
  });
  await shot("dyad");
  await noErrors("dyad page");

  // click the busiest period on the canvas
  const busiest = chartInfo.points.reduce((best, p, i, all) => ((p.events ?? 0) > (all[best]?.events ?? -1) ? i : best), 0);
  const clicked = await check("clicking a period on the chart lists its events", async () => {
    assert(chartInfo.points[busiest]?.events > 0, "no period has events");
    const px = await page.evaluate((i) => window.__dyad.actions.pointPixel(i), busiest);
    assert(px, "no pixel for the period");
    await page.mouse.click(px.x, px.y);
    await page.waitForSelector("#period-events tr.event-row", { timeout: 10000 });
    const n = await page.locator("#period-events tr.event-row").count();
    assert(n > 0, "event list is empty");
    return `${chartInfo.points[busiest].period}: ${n} events`;
  });
  if (!clicked) {
    // the accessible equivalent: the data table's button for the period
    await check("the data table's 'Show events' button lists the events", async () => {
      await page.locator("#main details.data-table summary").click();
      await page.locator(`.period-button[data-period="${chartInfo.points[busiest].period}"]`).click();
      await page.waitForSelector("#period-events tr.event-row", { timeout: 10000 });
    });
  }

  // open events until one shows source, target and verb highlighted
  await check("opening an event shows its sentence with source, target and verb highlighted", async () => {
    const rows = page.locator("#period-events tr.event-row");
    const n = await rows.count();
    assert(n > 0, "no events to open");
    let seen = "";
    for (let i = 0; i < Math.min(n, 25); i++) {
      await rows.nth(i).click();
      await page.waitForSelector("#event-detail .event-detail .sentence", { timeout: 10000 });
      const roles = await page.evaluate(() =>
        [...document.querySelectorAll("#event-detail .event-detail > .sentence mark.seg")].map((m) => [
          m.dataset.role,
          [...m.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.textContent).join("").trim(),
          getComputedStyle(m).backgroundColor,
        ]),
      );
      const have = new Set(roles.filter((r) => r[1]).map((r) => r[0]));
      seen = roles.map((r) => `${r[0]}="${r[1]}"`).join(", ");
      if (have.has("source") && have.has("target") && have.has("verb")) {
        const colours = new Set(roles.filter((r) => ["source", "target", "verb"].includes(r[0])).map((r) => r[2]));
        assert(colours.size === 3, `source, target and verb share colours: ${[...colours].join(" ")}`);
        await page.locator("#event-detail .mentions h3, #event-detail .mentions .error").first().waitFor({ timeout: 10000 });
        return seen;
      }
    }
    throw new Error(`no event with source, target and verb spans; last: ${seen || "none"}`);
  });
  await shot("dyad-event");
  await noErrors("dyad page after clicks");

  // ---- overview
  await check("overview renders store counts, actors and the quad-class timeline", async () => {
    await visit("#/overview", "overview");
    await page.waitForSelector(".stats .stat .stat-value");
    const articles = await page.locator(".stats .stat").first().locator(".stat-value").textContent();
    assert(articles && /\d/.test(articles) && articles.trim() !== "0", `article count is '${articles}'`);
    await page.waitForFunction(() => document.querySelector('[data-chart="overview-series"]')?.dataset.rendered === "1" || document.querySelector("main .card .error, main .card .empty"));
    const items = await page.evaluate(() => Number(document.querySelector('[data-chart="overview-series"]')?.dataset.seriesItems ?? 0));
    assert(items > 0, "the timeline has no data");
    const recent = await page.locator("main tr.event-row").count();
    assert(recent > 0, "no recent events");
    return `${articles.trim()} articles, ${recent} recent events`;
  });
  await shot("overview");
  await noErrors("overview");

  // ---- network
  await check("network renders nodes and links", async () => {
    await visit("#/network", "network");
    const d = await page.evaluate(() => ({ ...document.querySelector("#network-chart")?.dataset }));
    assert(Number(d.nodes) > 0, `nodes: ${d.nodes}`);
    assert(Number(d.links) > 0, `links: ${d.links}`);
    return `${d.nodes} nodes, ${d.links} links`;
  });
  await check("network with a date range and modality", async () => {
    await visit("#/network?from=2022-01-01&to=2022-12-31&modality=any", "network");
    const d = await page.evaluate(() => ({ ...document.querySelector("#network-chart")?.dataset }));
    assert(d.rendered === "1" || (await page.locator("main .empty").count()) > 0, "neither a graph nor an empty note");
    return `2022: ${d.nodes ?? 0} nodes`;
  });
  await shot("network");
  await noErrors("network");

  // ---- map
  await check("map renders the world with countries that have events", async () => {
    await visit("#/map", "map");
    const d = await page.evaluate(() => ({ ...document.querySelector("#map-chart")?.dataset }));
    assert(d.rendered === "1", "map not drawn");
    assert(Number(d.countries) > 0, `countries: ${d.countries}`);
    return `${d.countries} countries`;
  });
  await shot("map");
  await noErrors("map");

  // ---- explorer
  await check("explorer lists events and opens one", async () => {
    await visit("#/explorer?dyad=KAZ,RUS", "explorer");
    const rows = page.locator("#explorer-results tr.event-row");
    const n = await rows.count();
    assert(n > 0, "no events for dyad KAZ,RUS");
    await rows.first().click();
    await page.waitForSelector("#event-detail .event-detail .sentence mark.seg");
    const rule = await page.locator("#event-detail dl.attrs").textContent();
    assert(rule && rule.includes("Rule"), "attributes missing");
    return `${n} events`;
  });
  await check("explorer filters: quad class and full-text query", async () => {
    await visit("#/explorer?quad=4", "explorer");
    const quads = await page.locator("#explorer-results tr.event-row .badge.quad").allTextContents();
    assert(quads.every((q) => q.startsWith("Q4")), `non-Q4 rows: ${quads.filter((q) => !q.startsWith("Q4")).slice(0, 3).join(", ")}`);
    await visit("#/explorer?q=troops", "explorer");
    const count = await page.locator("#explorer-results .count").textContent();
    const rows = page.locator("#explorer-results tr.event-row");
    if ((await rows.count()) > 0) {
      await rows.first().click();
      await page.waitForSelector("#event-detail .event-detail .sentence mark.seg");
    }
    return `quad 4: ${quads.length} rows; q=troops: ${count}`;
  });
  await shot("explorer");
  await noErrors("explorer");

  // ---- clusters and a copy's diff
  await check("clusters page lists story clusters", async () => {
    await visit("#/clusters", "clusters");
    const n = await page.locator("#cluster-list section.cluster").count();
    assert(n > 0, "no clusters");
    return `${n} clusters`;
  });
  const compare = page.locator('#cluster-list a.button:has-text("Compare")');
  if ((await compare.count()) > 0) {
    await check("comparing a copy shows aligned sentences", async () => {
      // prefer a reworded copy
      const reworded = page.locator("#cluster-list tr:has(.rel-reworded) a.button");
      const link = (await reworded.count()) > 0 ? reworded.first() : compare.first();
      const href = await link.getAttribute("href");
      await visit(href, "clusters");
      await page.waitForSelector("#diff-table tbody tr");
      const rows = await page.locator("#diff-table tbody tr").count();
      const changed = await page.locator("#diff-table ins.chg, #diff-table del.chg").count();
      return `${rows} sentence pairs, ${changed} changed spans`;
    });
  }
  await shot("clusters");
  await noErrors("clusters");

  // the list comes a page at a time: "More clusters" appends the next page, in id order
  const clusterIds = await page.evaluate(() =>
    fetch("api/clusters?limit=1000")
      .then((r) => r.json())
      .then((j) => (j.clusters ?? []).map((c) => c.id)),
  );
  const shownIds = () => page.$$eval("#cluster-list section.cluster", (els) => els.map((e) => Number(e.dataset.clusterId)));
  await check("clusters come a page at a time (#/clusters?limit=1, More clusters)", async () => {
    await visit("#/clusters?limit=1", "clusters");
    await page.waitForFunction(() => document.querySelectorAll("#cluster-list section.cluster").length === 1);
    if (clusterIds.length < 2) {
      assert((await page.locator("#more-clusters").count()) === 0, "a More button with one cluster");
      return "one cluster: nothing to page";
    }
    const pages = Math.min(clusterIds.length, 3);
    for (let n = 2; n <= pages; n++) {
      await page.locator("#more-clusters").click();
      await page.waitForFunction((k) => document.querySelectorAll("#cluster-list section.cluster").length === k, n);
    }
    const ids = await shownIds();
    assert(JSON.stringify(ids) === JSON.stringify(clusterIds.slice(0, pages)), `shown ${ids}, expected the first of ${clusterIds}`);
    const count = (await page.locator("#cluster-count").textContent()) ?? "";
    assert(count.includes(`${pages} of ${clusterIds.length}`), `count line '${count}'`);
    const more = await page.locator("#more-clusters").count();
    assert((more === 1) === (pages < clusterIds.length), `More button ${more ? "shown" : "missing"} after ${pages} of ${clusterIds.length}`);
    return `${pages} pages of 1 of ${clusterIds.length} clusters`;
  });
  await shot("clusters-pages");
  await check("the size filter keeps clusters of at least N articles (#/clusters?min_size=N)", async () => {
    await visit("#/clusters", "clusters");
    await page.fill("#f-min-size", "3");
    await page.locator('#clusters-form button[type="submit"]').click();
    await page.waitForFunction(() => location.hash.includes("min_size=3") && document.querySelector("#main")?.dataset.ready === "1");
    // what only the filtered page shows: its count line, or the note that no cluster is that large
    await page.waitForFunction(
      () => document.querySelector("#cluster-list .empty") !== null || (document.querySelector("#cluster-count")?.textContent ?? "").includes("3 articles or more"),
    );
    const sizes = await page.evaluate(() => (window.__dyad?.data?.clusters ?? []).map((c) => (c.members ?? []).length));
    assert(sizes.every((n) => n >= 3), `sizes ${sizes}`);
    const shown = await page.locator("#cluster-list section.cluster").count();
    assert(shown === sizes.length, `${shown} cards for ${sizes.length} clusters`);
    return `${shown} clusters of 3 or more`;
  });
  await check("a cluster opened by id is read alone (#/clusters?id=C)", async () => {
    assert(clusterIds.length > 0, "no clusters");
    const id = clusterIds[clusterIds.length - 1];
    const asked = [];
    const onRequest = (r) => {
      if (r.url().includes("/api/clusters")) asked.push(r.url());
    };
    page.on("request", onRequest);
    await visit(`#/clusters?id=${id}`, "clusters");
    await page.waitForFunction((c) => document.querySelector(`#cluster-list section.cluster[data-cluster-id="${c}"]`) !== null, id);
    page.off("request", onRequest);
    const ids = await shownIds();
    assert(ids.length === 1 && ids[0] === id, `shown ${ids}`);
    assert(asked.length > 0 && asked.every((u) => u.includes(`id=${id}`)), `requests: ${asked.join(" ")}`);
    return `cluster ${id}`;
  });
  await noErrors("clusters by id");

  // ---- an article
  await check("article page shows sentences and events", async () => {
    const id = await page.evaluate(async () => {
      const r = await fetch("api/events?dyad=KAZ,RUS&limit=1").then((x) => x.json());
      return r.events?.[0]?.article_id;
    });
    assert(id !== undefined, "no article id");
    await visit(`#/article?id=${id}`, "article");
    const sentences = await page.locator(".article-text li").count();
    assert(sentences > 0, "no sentences");
    const marked = await page.locator(".article-text li.has-events").count();
    assert(marked > 0, "no sentence marked with events");
    await page.locator(".article-text li.has-events button").first().click();
    await page.waitForSelector("#event-detail .event-detail .sentence");
    return `article ${id}: ${sentences} sentences, ${marked} with events`;
  });
  await shot("article");
  await noErrors("article");

  await check("articles list", async () => {
    await visit("#/articles", "articles");
    const n = await page.locator(".articles-table tbody tr").count();
    assert(n > 0, "no articles");
    return `${n} articles`;
  });
  await noErrors("articles");
} catch (e) {
  bad("e2e run", e instanceof Error ? e.stack ?? e.message : String(e));
  try {
    await shot("failure");
  } catch {
    /* ignore */
  }
} finally {
  await browser.close();
}

console.log(`e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s, screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
