// Types and fetch helpers for dyad's JSON API (`dyad serve`, same origin, under /api).
// The UI is tolerant: every field may be missing or null, and unknown fields are ignored.

export type Role = "source" | "target" | "verb" | "speaker" | "date" | null;

export interface Segment {
  text: string;
  role?: Role;
}

export interface DyadEvent {
  id: number;
  event_set?: number;
  article_id?: number;
  external_id?: string | null;
  origin?: string;
  sentence_id?: number;
  date?: string | null;
  /** the TimeML value of the expression that dated the event, and which rule chose it */
  date_value?: string | null;
  date_rule?: string | null;
  date_text?: string | null;
  historical?: boolean | number | null;
  future?: boolean | number | null;
  source?: string | null;
  target?: string | null;
  source_text?: string | null;
  target_text?: string | null;
  cameo?: string;
  cameo_root?: string;
  quad_class?: number;
  goldstein?: number | null;
  plover_type?: string | null;
  plover_mode?: string | null;
  plover_context?: string | null;
  modality?: string | null;
  modality_cue?: string | null;
  speaker?: string | null;
  speaker_text?: string | null;
  quoted?: boolean | number | null;
  mentions?: number;
  sources?: number;
  cluster_id?: number | null;
  copy_only?: boolean | number | null;
  verb_text?: string | null;
  rule?: string | null;
  mention_id?: number;
  sentence?: string;
  title?: string | null;
  segments?: Segment[];
  [key: string]: unknown;
}

export interface Health {
  status: string;
  sentences?: number;
  earliest?: string | null;
  latest?: string | null;
  version?: string;
  schema?: number;
  articles?: number;
  events?: number;
  event_set?: number | null;
}

export interface EventsPage {
  events: DyadEvent[];
  total?: number;
  limit?: number;
  offset?: number;
}

export interface SeriesPoint {
  period: string;
  start?: string;
  end?: string;
  events: number;
  mentions?: number;
  articles?: number;
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  goldstein_sum?: number;
  goldstein_mean?: number | null;
  events_per_article?: number | null;
}

export interface Change {
  period: string;
  direction: "better" | "worse" | string;
  before?: number | null;
  after?: number | null;
}

export interface Series {
  a?: string;
  b?: string | null;
  by?: string;
  directed?: boolean;
  /** the modality the series counts (the server counts asserted events only by default) */
  modality?: string | null;
  undated?: number;
  points: SeriesPoint[];
  changes?: Change[];
}

export interface ActorSummary {
  code: string;
  events: number;
  as_source?: number;
  as_target?: number;
  goldstein_mean?: number | null;
}

export interface Partner {
  code: string;
  events: number;
  q1?: number;
  q2?: number;
  q3?: number;
  q4?: number;
  goldstein_mean?: number | null;
}

export interface ActorProfile extends ActorSummary {
  partners?: Partner[];
  series?: SeriesPoint[];
}

export interface Network {
  nodes: { id: string; events: number }[];
  links: {
    source: string;
    target: string;
    events: number;
    goldstein_mean?: number | null;
    q1?: number;
    q2?: number;
    q3?: number;
    q4?: number;
  }[];
}

export interface MapData {
  countries: { code: string; events: number; goldstein_mean?: number | null }[];
  places?: { name: string; lat: number; lon: number; country?: string; events: number }[];
}

export interface ClusterMember {
  article_id: number;
  origin?: string;
  title?: string | null;
  published?: string | null;
  relation?: string;
  canonical?: boolean;
  similarity?: number | null;
  matched_article_id?: number | null;
  evidence?: string | null;
}

export interface Cluster {
  id: number;
  canonical_article_id?: number;
  size?: number;
  members: ClusterMember[];
}

/** One page of /api/clusters, in id order; `next` is the `after` of the next page (null: last). */
export interface ClustersPage {
  clusters: Cluster[];
  total?: number;
  limit?: number;
  next?: number | null;
}

export interface DiffSegment {
  text: string;
  changed?: boolean;
  flags?: string[];
}

export interface DiffSentence {
  a_text?: string | null;
  b_text?: string | null;
  similarity?: number | null;
  moved?: boolean;
  a_segments?: DiffSegment[];
  b_segments?: DiffSegment[];
  substitutions?: { from: string; to: string; flags?: string[] }[];
}

export interface Diff {
  a: { id: number; origin?: string; title?: string | null };
  b: { id: number; origin?: string; title?: string | null };
  relation?: string | null;
  similarity?: number | null;
  aligned_sentences?: number;
  coverage?: number | null;
  mean_similarity?: number | null;
  substitutions?: number;
  meaning_changes?: number;
  sentences: DiffSentence[];
}

export interface ArticleSummary {
  id: number;
  origin?: string;
  title?: string | null;
  published?: string | null;
  sentences?: number;
  events?: number;
  cluster_id?: number | null;
}

export interface ArticleDetail {
  id: number;
  origin?: string;
  external_id?: string | null;
  title?: string | null;
  published?: string | null;
  text?: string;
  sentences: { id: number; index?: number; start?: number; end?: number; text: string }[];
  events: DyadEvent[];
  cluster_id?: number | null;
}

export interface SearchHit {
  article_id: number;
  sentence_id?: number;
  index?: number;
  snippet?: string;
  origin?: string;
  title?: string | null;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    q.set(k, v === true ? "1" : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export async function get<T>(path: string, params: Params = {}): Promise<T> {
  const url = `api/${path.replace(/^\/+/, "")}${query(params)}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (e) {
    throw new ApiError(0, `cannot reach the dyad server (${String(e)})`);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, `${url}: not JSON (HTTP ${res.status})`);
  }
  if (!res.ok) {
    const msg =
      body && typeof body === "object" && "error" in body ? String((body as { error: unknown }).error) : `HTTP ${res.status}`;
    throw new ApiError(res.status, msg);
  }
  return body as T;
}

export const api = {
  health: () => get<Health>("health"),
  events: (p: Params) => get<EventsPage>("events", p),
  event: (id: number | string) => get<{ event: DyadEvent; mentions?: DyadEvent[] }>(`events/${encodeURIComponent(String(id))}`),
  series: (p: Params) => get<Series>("series", p),
  actors: (limit = 50, range: Params = {}) => get<{ actors: ActorSummary[] }>("actors", { limit, ...range }),
  actor: (code: string, range: Params = {}) => get<ActorProfile>(`actors/${encodeURIComponent(code)}`, range),
  network: (limit = 100, range: Params = {}) => get<Network>("network", { limit, ...range }),
  map: (range: Params = {}) => get<MapData>("map", range),
  /** `limit`, `after` (cursor), `id`, `article_id`, `min_size` (docs/api.md). */
  clusters: (p: Params = {}) => get<ClustersPage>("clusters", p),
  diff: (a: number | string, b: number | string) => get<Diff>("diff", { a, b }),
  articles: (p: Params) => get<{ articles: ArticleSummary[]; total?: number }>("articles", p),
  article: (id: number | string) => get<ArticleDetail>(`articles/${encodeURIComponent(String(id))}`),
  search: (q: string, limit = 20) => get<{ hits: SearchHit[] }>("search", { q, limit }),
};
