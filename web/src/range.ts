// The date range and modality filter shared by the network and map pages (the server's
// /api/network, /api/map and /api/actors take from, to and modality).
import { go } from "./router";
import { el } from "./ui";

export interface Range {
  from?: string;
  to?: string;
  modality?: string;
}

export function rangeOf(params: URLSearchParams): Range {
  const r: Range = {};
  for (const k of ["from", "to", "modality"] as const) {
    const v = params.get(k);
    if (v) r[k] = v;
  }
  return r;
}

/** A small form that re-routes to `page` with from / to / modality, keeping `keep` parameters. */
export function rangeForm(page: string, params: URLSearchParams, keep: string[] = []): HTMLFormElement {
  const v = (k: string) => params.get(k) ?? "";
  const form = el(
    "form",
    { class: "filters compact", "aria-label": "Dates and modality" },
    el("label", { for: "r-from" }, "From", el("input", { id: "r-from", name: "from", type: "date", value: v("from") })),
    el("label", { for: "r-to" }, "To", el("input", { id: "r-to", name: "to", type: "date", value: v("to") })),
    el(
      "label",
      { for: "r-modality" },
      "Modality",
      el(
        "select",
        { id: "r-modality", name: "modality" },
        el("option", { value: "" }, "default"),
        ...["asserted", "any", "negated", "future", "hypothetical"].map((m) => el("option", { value: m, selected: v("modality") === m }, m)),
      ),
    ),
    el("button", { type: "submit", class: "primary" }, "Apply"),
    el("a", { class: "reset", href: `#/${page}` }, "Reset"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const out: Record<string, string> = {};
    for (const k of keep) if (params.get(k)) out[k] = params.get(k)!;
    for (const k of ["from", "to", "modality"]) {
      const x = String(f.get(k) ?? "");
      if (x) out[k] = x;
    }
    go(page, out);
  });
  return form;
}
