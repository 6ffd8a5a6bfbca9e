// Small DOM helpers, colours, labels and formatting shared by every page.
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";

countries.registerLocale(en);

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element: attributes (`on*` are listeners, `class`, `data-*`, aria-*), then children as text or nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      node.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    } else if (k === "class") {
      node.className = String(v);
    } else if (v === true) {
      node.setAttribute(k, "");
    } else {
      node.setAttribute(k, String(v));
    }
  }
  append(node, children);
  return node;
}

export function append(node: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
export const QUAD = [
  { n: 1, key: "q1", label: "Verbal cooperation", short: "verbal coop.", color: "#56B4E9" },
  { n: 2, key: "q2", label: "Material cooperation", short: "material coop.", color: "#0072B2" },
  { n: 3, key: "q3", label: "Verbal conflict", short: "verbal conflict", color: "#E69F00" },
  { n: 4, key: "q4", label: "Material conflict", short: "material conflict", color: "#D55E00" },
] as const;

export function quadLabel(q: number | null | undefined): string {
  return QUAD.find((x) => x.n === q)?.label ?? "—";
}

export function quadBadge(q: number | null | undefined): HTMLElement {
  const d = QUAD.find((x) => x.n === q);
  return el("span", { class: `badge quad quad-${q ?? 0}`, title: d?.label ?? "unknown quad class" }, d ? `Q${d.n} ${d.short}` : "—");
}

// CAMEO actor codes that are not ISO countries.
const CAMEO_NAMES: Record<string, string> = {
  IGO: "Intergovernmental org.",
  NGO: "Non-governmental org.",
  NGM: "Non-governmental movement",
  MNC: "Multinational corporation",
  UNO: "United Nations",
  EUR: "Europe",
  AFR: "Africa",
  ASA: "Asia",
  SAS: "South Asia",
  SEA: "Southeast Asia",
  CAS: "Central Asia",
  EAF: "East Africa",
  WAF: "West Africa",
  MEA: "Middle East",
  NAF: "North Africa",
  LAM: "Latin America",
  CAU: "Caucasus",
  BLK: "Balkans",
  WST: "The West",
  COP: "Police",
  GOV: "Government",
  MIL: "Military",
  REB: "Rebels",
  OPP: "Opposition",
  PTY: "Political party",
  BUS: "Business",
  MED: "Media",
  CVL: "Civilians",
  CSTO: "CSTO",
  IGOCST: "CSTO",
  IGOSCO: "Shanghai Cooperation Org.",
  IGOEEU: "Eurasian Economic Union",
  IGONAT: "NATO",
  IGOEUR: "European Union",
  IGOCIS: "CIS",
  IGOUNO: "United Nations",
  USR: "Soviet Union",
  KSV: "Kosovo",
  XKX: "Kosovo",
};

const AGENTS: Record<string, string> = {
  GOV: "government",
  MIL: "military",
  COP: "police",
  REB: "rebels",
  OPP: "opposition",
  JUD: "judiciary",
  LEG: "legislature",
  BUS: "business",
  MED: "media",
  CVL: "civilians",
  HLH: "health",
  EDU: "education",
  ELI: "elites",
  LAB: "labour",
  REF: "refugees",
  SPY: "intelligence",
  ENV: "environment",
  PTY: "party",
  IGO: "international org.",
  NGO: "NGO",
  UAF: "armed group",
  HRI: "human rights",
  AGR: "agriculture",
  CRM: "criminals",
  INS: "insurgents",
  SEP: "separatists",
  RAD: "radicals",
  MOD: "moderates",
  IMG: "immigrants",
  DEV: "development",
  RES: "residents",
};

/** A readable name for an actor code: "KAZ" → "Kazakhstan", "RUSMIL" → "Russia military". */
export function actorName(code: string | null | undefined): string {
  if (!code) return "—";
  const c = code.toUpperCase();
  if (CAMEO_NAMES[c]) return CAMEO_NAMES[c];
  const country = c.length >= 3 ? countryName(c.slice(0, 3)) : undefined;
  const head = country ?? CAMEO_NAMES[c.slice(0, 3)] ?? c.slice(0, 3);
  if (c.length <= 3) return head;
  const rest = c.slice(3);
  const parts: string[] = [];
  for (let i = 0; i + 3 <= rest.length; i += 3) parts.push(AGENTS[rest.slice(i, i + 3)] ?? rest.slice(i, i + 3));
  if (rest.length % 3) parts.push(rest.slice(rest.length - (rest.length % 3)));
  return `${head} ${parts.join(" ")}`.trim();
}

/** Short English name of an ISO alpha-3 country ("RUS" → "Russia", "GBR" → "United Kingdom"). */
export function countryName(alpha3: string): string | undefined {
  const alias = countries.getName(alpha3, "en", { select: "alias" });
  if (alias && !/^[A-Z.]{2,5}$/.test(alias)) return alias;
  return countries.getName(alpha3, "en") ?? alias;
}

/** ISO 3166-1 alpha-3 → numeric id as world-atlas writes it ("398"), or undefined. */
export function alpha3ToNumeric(code: string): string | undefined {
  return countries.alpha3ToNumeric(code.toUpperCase()) ?? undefined;
}

export function numericToAlpha3(id: string): string | undefined {
  return countries.numericToAlpha3(id) ?? undefined;
}

export function actorChip(code: string | null | undefined, role?: string): HTMLElement {
  if (!code) return el("span", { class: "muted" }, "—");
  return el(
    "a",
    { class: `actor${role ? ` actor-${role}` : ""}`, href: `#/explorer?actor=${encodeURIComponent(code)}`, title: actorName(code) },
    code,
  );
}

export function fmtNum(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  return n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtSigned(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  const s = n.toFixed(digits);
  return n > 0 ? `+${s}` : s;
}

export function fmtPct(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  return `${Math.round(n * 100)}%`;
}

/** Goldstein colour: red (−10) through grey to blue (+10). */
export function goldsteinColor(g: number | null | undefined): string {
  if (g === null || g === undefined || Number.isNaN(g)) return "#9aa5b1";
  const t = Math.max(-1, Math.min(1, g / 10));
  const mix = (a: number[], b: number[], f: number) => a.map((x, i) => Math.round(x + (b[i] - x) * f));
  const grey = [154, 165, 177];
  const rgb = t < 0 ? mix(grey, [200, 60, 20], -t) : mix(grey, [0, 94, 160], t);
  return `rgb(${rgb.join(",")})`;
}

export function goldsteinBadge(g: number | null | undefined): HTMLElement {
  return el("span", { class: "badge goldstein", style: `--g:${goldsteinColor(g)}`, title: "Goldstein score (−10 conflict … +10 cooperation)" }, fmtSigned(g));
}

export function loading(label = "Loading…"): HTMLElement {
  return el("p", { class: "loading", role: "status" }, label);
}

export function errorBox(err: unknown, what = "Could not load"): HTMLElement {
  const msg = err instanceof Error ? err.message : String(err);
  return el("div", { class: "error", role: "alert" }, el("strong", {}, `${what}: `), msg);
}

export function empty(msg: string): HTMLElement {
  return el("p", { class: "empty" }, msg);
}

export function card(title: string | Node, ...children: (Child | Child[])[]): HTMLElement {
  return el("section", { class: "card" }, typeof title === "string" ? el("h2", {}, title) : title, ...children);
}

export function announce(msg: string): void {
  const s = document.getElementById("status");
  if (s) s.textContent = msg;
}

export function truncate(s: string | null | undefined, n: number): string {
  if (!s) return "";
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function basename(path: string | null | undefined): string {
  if (!path) return "";
  const p = path.split("/");
  return p[p.length - 1] || path;
}

export function articleLabel(a: { id: number; title?: string | null; origin?: string | null }): string {
  return a.title?.trim() || basename(a.origin) || `article ${a.id}`;
}

export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === "1" || v === "true";
}
