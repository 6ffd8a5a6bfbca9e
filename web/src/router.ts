// Hash routes: #/page?key=value.
import { hook } from "./state";

export function parseHash(hash = location.hash): { page: string; params: URLSearchParams } {
  const h = hash.replace(/^#\/?/, "");
  const q = h.indexOf("?");
  const page = (q < 0 ? h : h.slice(0, q)) || "overview";
  return { page, params: new URLSearchParams(q < 0 ? "" : h.slice(q + 1)) };
}

export function hashFor(page: string, params: Record<string, string | number | null | undefined> | URLSearchParams): string {
  const q = params instanceof URLSearchParams ? new URLSearchParams(params) : new URLSearchParams();
  if (!(params instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return `#/${page}${s ? `?${s}` : ""}`;
}

/** Updates the address bar without re-rendering the page (for state a page already shows). */
export function replaceParams(page: string, params: Record<string, string | number | null | undefined> | URLSearchParams): void {
  history.replaceState(null, "", hashFor(page, params));
  hook().route = location.hash;
}


export function go(page: string, params: Record<string, string | number | null | undefined> = {}): void {
  location.hash = hashFor(page, params);
}
