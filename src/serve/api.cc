// The JSON API (docs/api.md). Every parameter is checked against what it may hold before it
// reaches the store, and the store binds it as an SQL parameter: nothing from a request is
// ever pasted into SQL text.

#include "serve/api.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include "dyad/analysis.h"
#include "dyad/dedup.h"
#include "serve/json.h"
#include "util/strings.h"

namespace dyad {
namespace {

constexpr int64_t kDefaultLimit = 100;
constexpr int64_t kMaxLimit = 1000;

// Text from the store and from requests may hold invalid UTF-8 (a request path, a stored
// byte the cleaner kept): it is replaced by U+FFFD rather than failing the answer.
std::string Dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }
ApiResponse Json(const ojson& j, int status = 200) { return {status, Dump(j)}; }
ApiResponse Error(int status, const std::string& message) {
  return {status, Dump(ojson{{"error", message}})};
}
ApiResponse FromStatus(const Status& s) {
  if (s.code() == Status::Code::kNotFound) return Error(404, s.message());
  if (s.code() == Status::Code::kInvalidArgument) return Error(400, s.message());
  if (s.code() == Status::Code::kDeadlineExceeded) {
    return Error(503, "the request took longer than the server's time limit; narrow it");
  }
  // The details (SQL, paths) go to the server's log, not to the client.
  std::fprintf(stderr, "dyad serve: %s\n", s.ToString().c_str());
  return Error(500, "internal error (see the server's log)");
}

ojson Opt(const std::string& v) { return v.empty() ? ojson(nullptr) : ojson(v); }
ojson Opt(const std::optional<double>& v) { return v ? ojson(*v) : ojson(nullptr); }
// What the text said about an undated article's publication (docs/time.md), or null.
ojson PublishedInferred(const std::string& metadata_json) {
  auto meta = ojson::parse(metadata_json, nullptr, false);
  if (!meta.is_object() || !meta.contains("published_inferred")) return nullptr;
  return meta["published_inferred"];
}
ojson OptId(int64_t v) { return v > 0 ? ojson(v) : ojson(nullptr); }

// Query parameters, checked one by one; the first problem is kept and reported as a 400.
class Params {
 public:
  Params(const ApiParams& p, std::initializer_list<const char*> allowed) : p_(p) {
    std::set<std::string_view> ok(allowed.begin(), allowed.end());
    for (const auto& [k, v] : p_) {
      if (!ok.count(k)) Fail("unknown parameter '" + k + "'");
      if (p_.count(k) > 1) Fail("parameter '" + k + "' given more than once");
    }
  }
  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }

  std::string Raw(const char* name, size_t max_len = 200) {
    auto it = p_.find(name);
    if (it == p_.end()) return {};
    if (it->second.size() > max_len) {
      Fail(std::string(name) + " is longer than " + std::to_string(max_len) + " characters");
      return {};
    }
    return it->second;
  }
  // An actor code: letters and digits, upper-cased ("kaz" -> "KAZ").
  std::string Actor(const char* name) {
    std::string v = Raw(name, 40);
    if (!IsCode(v)) {
      Fail(std::string(name) + " must be an actor code (letters and digits), not '" + v + "'");
      return {};
    }
    return Upper(v);
  }
  std::pair<std::string, std::string> Dyad(const char* name) {
    std::string v = Raw(name, 81);
    if (v.empty()) return {};
    size_t comma = v.find(',');
    std::string a = comma == std::string::npos ? v : v.substr(0, comma);
    std::string b = comma == std::string::npos ? "" : v.substr(comma + 1);
    if (a.empty() || b.empty() || !IsCode(a) || !IsCode(b)) {
      Fail(std::string(name) + " must be two actor codes separated by a comma (KAZ,RUS), not '" +
           v + "'");
      return {};
    }
    return {Upper(a), Upper(b)};
  }
  bool Flag(const char* name) {
    std::string v = Raw(name, 5);
    if (v.empty() || v == "0" || v == "false") return false;
    if (v == "1" || v == "true") return true;
    Fail(std::string(name) + " must be 0 or 1, not '" + v + "'");
    return false;
  }
  int64_t Int(const char* name, int64_t def, int64_t lo, int64_t hi) {
    std::string v = Raw(name, 18);
    if (v.empty()) return def;
    int64_t n = 0;
    for (char c : v) {
      if (c < '0' || c > '9') {
        Fail(std::string(name) + " must be a whole number, not '" + v + "'");
        return def;
      }
      n = n * 10 + (c - '0');
    }
    if (n < lo || n > hi) {
      Fail(std::string(name) + " must be between " + std::to_string(lo) + " and " +
           std::to_string(hi));
      return def;
    }
    return n;
  }
  // YYYY, YYYY-MM or YYYY-MM-DD.
  std::string Date(const char* name) {
    std::string v = Raw(name, 10);
    if (v.empty()) return v;
    std::string key;
    if (!PeriodOf(v,
                  v.size() == 10  ? Period::kDay
                  : v.size() == 7 ? Period::kMonth
                                  : Period::kYear,
                  &key) ||
        key != v) {
      Fail(std::string(name) + " must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not '" + v + "'");
      return {};
    }
    return v;
  }
  std::string OneOf(const char* name, std::initializer_list<const char*> values) {
    std::string v = Raw(name, 20);
    if (v.empty()) return v;
    for (const char* x : values) {
      if (v == x) return v;
    }
    std::string list;
    for (const char* x : values) list += (list.empty() ? "" : ", ") + std::string(x);
    Fail(std::string(name) + " must be one of " + list + ", not '" + v + "'");
    return {};
  }
  std::string Word(const char* name, size_t max_len) {  // letters, digits, underscore
    std::string v = Raw(name, max_len);
    for (char c : v) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
        Fail(std::string(name) + " must hold only letters, digits and underscores");
        return {};
      }
    }
    return v;
  }

 private:
  static bool IsCode(const std::string& v) {
    return v.empty() || std::all_of(v.begin(), v.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) != 0;
           });
  }
  void Fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
  }
  const ApiParams& p_;
  std::string error_;
};

// The FTS5 query is handed to SQLite as a parameter; one that SQLite cannot parse is the
// client's mistake, not the server's.
bool ValidTextQuery(const Store& store, const std::string& q) {
  return q.empty() || store.Search(q, 1).ok();
}

ojson SeriesPointJson(const SeriesPoint& p) {
  return {{"period", p.period},
          {"start", p.first},
          {"end", p.last},
          {"events", p.events},
          {"mentions", p.mentions},
          {"articles", p.articles},
          {"q1", p.quad[1]},
          {"q2", p.quad[2]},
          {"q3", p.quad[3]},
          {"q4", p.quad[4]},
          {"goldstein_sum", p.goldstein_sum},
          {"goldstein_mean", Opt(p.GoldsteinMean())},
          {"events_per_article", Opt(p.EventsPerArticle())}};
}

ojson SeriesJson(const Series& s) {
  ojson points = ojson::array(), changes = ojson::array();
  for (const auto& p : s.points) points.push_back(SeriesPointJson(p));
  for (const auto& c : s.changes) {
    changes.push_back({{"period", c.period},
                       {"direction", c.better() ? "better" : "worse"},
                       {"before", c.before},
                       {"after", c.after},
                       {"events_before", c.events_before},
                       {"events_after", c.events_after}});
  }
  return {{"a", s.query.a},
          {"b", Opt(s.query.b)},
          {"directed", s.query.directed},
          {"by", PeriodName(s.query.by)},
          {"modality", s.query.modality.empty() ? "any" : s.query.modality},
          {"undated", s.undated},
          {"points", points},
          {"changes", changes}};
}

ojson ActorCountJson(const ActorCount& c) {
  return {
      {"code", c.code},           {"events", c.events}, {"as_source", c.as_source},
      {"as_target", c.as_target}, {"q1", c.quad[1]},    {"q2", c.quad[2]},
      {"q3", c.quad[3]},          {"q4", c.quad[4]},    {"goldstein_mean", Opt(c.GoldsteinMean())}};
}

ojson EventWithSegments(const EventRow& e) {
  ojson j = EventJson(e);
  j["title"] = Opt(e.title);
  j["segments"] = SentenceSegments(e);
  return j;
}

// The sentence cut at the substituted phrases of one side of a diff.
ojson DiffSegments(const std::string& text, const std::vector<Substitution>& subs, bool side_a) {
  struct Cut {
    uint32_t b, e;
    const std::vector<std::string>* flags;
  };
  std::vector<Cut> cuts;
  for (const auto& s : subs) {
    uint32_t b = side_a ? s.a_begin : s.b_begin, e = side_a ? s.a_end : s.b_end;
    if (e > b && e <= text.size()) cuts.push_back({b, e, &s.flags});
  }
  std::sort(cuts.begin(), cuts.end(), [](const Cut& x, const Cut& y) { return x.b < y.b; });
  ojson out = ojson::array();
  uint32_t at = 0;
  auto piece = [&](uint32_t b, uint32_t e, const std::vector<std::string>* flags) {
    if (e <= b) return;
    out.push_back({{"text", text.substr(b, e - b)},
                   {"changed", flags != nullptr},
                   {"flags", flags ? ojson(*flags) : ojson::array()}});
  };
  for (const Cut& c : cuts) {
    if (c.b < at) continue;
    piece(at, c.b, nullptr);
    piece(c.b, c.e, c.flags);
    at = c.e;
  }
  piece(at, static_cast<uint32_t>(text.size()), nullptr);
  return out;
}

// Splits "/api/events/12" into {"events", "12"}.
std::vector<std::string> PathParts(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 5;  // after "/api/"
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) parts.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

bool ParseId(const std::string& s, int64_t* id) {
  if (s.empty() || s.size() > 18) return false;
  int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  *id = n;
  return n > 0;
}

}  // namespace

ApiResponse Api::Get(const std::string& path, const ApiParams& params) const {
  if (path.rfind("/api/", 0) != 0) return Error(404, "no such endpoint: " + path);
  std::vector<std::string> parts = PathParts(path);
  if (parts.empty()) return Error(404, "no such endpoint: " + path);
  const std::string& what = parts[0];

  if (what == "health" && parts.size() == 1) {
    Params p(params, {});
    if (!p.ok()) return Error(400, p.error());
    auto stats = store_.Stats();
    if (!stats.ok()) return FromStatus(stats.status());
    auto events = store_.CountEvents();
    if (!events.ok()) return FromStatus(events.status());
    auto set = store_.CurrentEventSet();
    return Json({{"status", "ok"},
                 {"version", DYAD_VERSION},
                 {"schema", stats->schema_version},
                 {"articles", stats->articles},
                 {"sentences", stats->sentences},
                 {"events", *events},
                 {"event_set", set.ok() ? ojson(set->id) : ojson(nullptr)},
                 {"earliest", Opt(stats->earliest)},
                 {"latest", Opt(stats->latest)}});
  }

  if (what == "events" && parts.size() <= 2) {
    Store::EventFilter f;
    int64_t id = 0;
    if (parts.size() == 2) {
      Params p(params, {});
      if (!p.ok()) return Error(400, p.error());
      if (!ParseId(parts[1], &id)) return Error(400, "event id must be a positive number");
      f.event_id = id;
      f.every_mention = true;
      ojson mentions = ojson::array();
      Status s = store_.ForEachEvent(f, [&](const EventRow& e) {
        mentions.push_back(EventWithSegments(e));
        return true;
      });
      if (!s.ok()) return FromStatus(s);
      if (mentions.empty()) return Error(404, "no event " + parts[1] + " in the current set");
      return Json({{"event", mentions[0]}, {"mentions", mentions}});
    }
    Params p(params, {"actor", "dyad", "directed", "code", "quad", "plover", "modality", "from",
                      "to", "q", "article", "cluster", "set", "limit", "offset", "order"});
    f.actor = p.Actor("actor");
    std::tie(f.dyad_a, f.dyad_b) = p.Dyad("dyad");
    f.directed = p.Flag("directed");
    f.code = p.Word("code", 8);
    f.quad_class = static_cast<int>(p.Int("quad", 0, 1, 4));
    f.plover_type = p.Word("plover", 40);
    f.plover_type = Upper(f.plover_type);
    f.modality = p.OneOf("modality", {"asserted", "negated", "future", "hypothetical", "any"});
    if (f.modality == "any") f.modality.clear();
    f.newest_first = p.OneOf("order", {"asc", "desc"}) == "desc";
    f.from = p.Date("from");
    f.to = p.Date("to");
    f.text_query = p.Raw("q", 200);
    f.article_id = p.Int("article", 0, 1, INT64_MAX / 2);
    f.cluster_id = p.Int("cluster", 0, 1, INT64_MAX / 2);
    f.event_set = p.Int("set", 0, 1, INT64_MAX / 2);
    f.limit = p.Int("limit", kDefaultLimit, 1, kMaxLimit);
    f.offset = p.Int("offset", 0, 0, INT64_MAX / 2);
    if (!p.ok()) return Error(400, p.error());
    if (!ValidTextQuery(store_, f.text_query)) {
      return Error(400,
                   "q is not a valid full-text query (FTS5 syntax: words, \"phrases\", "
                   "OR, NOT, prefix*)");
    }
    auto total = store_.CountEvents(f);
    if (!total.ok()) return FromStatus(total.status());
    ojson events = ojson::array();
    Status s = store_.ForEachEvent(f, [&](const EventRow& e) {
      events.push_back(EventWithSegments(e));
      return true;
    });
    if (!s.ok()) return FromStatus(s);
    return Json({{"events", events}, {"total", *total}, {"limit", f.limit}, {"offset", f.offset}});
  }

  if (what == "series" && parts.size() == 1) {
    Params p(params, {"a", "b", "directed", "by", "from", "to", "modality", "set"});
    SeriesQuery q;
    q.a = p.Actor("a");
    q.b = p.Actor("b");
    q.directed = p.Flag("directed");
    std::string by = p.OneOf("by", {"day", "week", "month", "year"});
    q.from = p.Date("from");
    q.to = p.Date("to");
    std::string modality =
        p.OneOf("modality", {"asserted", "negated", "future", "hypothetical", "any"});
    if (!modality.empty()) q.modality = modality;
    q.event_set = p.Int("set", 0, 1, INT64_MAX / 2);
    if (!p.ok()) return Error(400, p.error());
    if (q.a.empty() && !q.b.empty()) return Error(400, "b needs a (the first actor code)");
    if (!by.empty()) q.by = *ParsePeriod(by);
    auto s = BuildSeries(store_, q);
    if (!s.ok()) return FromStatus(s.status());
    return Json(SeriesJson(*s));
  }

  if ((what == "actors" && parts.size() <= 2) || (what == "network" && parts.size() == 1) ||
      (what == "map" && parts.size() == 1)) {
    Params p(params, {"limit", "from", "to", "modality", "set"});
    OverviewQuery q;
    int64_t limit = p.Int("limit", what == "network" ? 100 : 50, 1, kMaxLimit);
    q.from = p.Date("from");
    q.to = p.Date("to");
    std::string modality =
        p.OneOf("modality", {"asserted", "negated", "future", "hypothetical", "any"});
    if (!modality.empty()) q.modality = modality;
    q.event_set = p.Int("set", 0, 1, INT64_MAX / 2);
    if (!p.ok()) return Error(400, p.error());
    if (what == "actors" && parts.size() == 2) {
      ApiParams one = {{"a", parts[1]}};
      Params code_check(one, {"a"});
      std::string code = code_check.Actor("a");
      if (!code_check.ok() || code.empty()) return Error(400, code_check.error());
      auto prof = BuildActorProfile(store_, code, q);
      if (!prof.ok()) return FromStatus(prof.status());
      ojson partners = ojson::array(), series = ojson::array();
      for (size_t i = 0; i < prof->partners.size() && static_cast<int64_t>(i) < limit; ++i) {
        partners.push_back(ActorCountJson(prof->partners[i]));
      }
      ojson j = ActorCountJson(prof->totals);
      j["partners"] = partners;
      j["series"] = SeriesJson(prof->series)["points"];
      j["changes"] = SeriesJson(prof->series)["changes"];
      return Json(j);
    }
    auto ov = BuildOverview(store_, q);
    if (!ov.ok()) return FromStatus(ov.status());
    if (what == "actors") {
      ojson actors = ojson::array();
      for (size_t i = 0; i < ov->actors.size() && static_cast<int64_t>(i) < limit; ++i) {
        actors.push_back(ActorCountJson(ov->actors[i]));
      }
      return Json({{"actors", actors}, {"events", ov->events}});
    }
    if (what == "network") {
      ojson nodes = ojson::array(), links = ojson::array();
      std::set<std::string> in_graph;
      for (size_t i = 0; i < ov->links.size() && static_cast<int64_t>(i) < limit; ++i) {
        const Link& l = ov->links[i];
        in_graph.insert(l.a);
        in_graph.insert(l.b);
        links.push_back({{"source", l.a},
                         {"target", l.b},
                         {"events", l.events},
                         {"q1", l.quad[1]},
                         {"q2", l.quad[2]},
                         {"q3", l.quad[3]},
                         {"q4", l.quad[4]},
                         {"goldstein_mean", Opt(l.GoldsteinMean())}});
      }
      for (const auto& a : ov->actors) {
        if (in_graph.count(a.code)) nodes.push_back({{"id", a.code}, {"events", a.events}});
      }
      return Json({{"nodes", nodes}, {"links", links}});
    }
    // The map: countries are the three-letter codes (ISO 3166 alpha-3 for countries; region
    // codes such as EUR or WST are listed too and simply find no shape).
    ojson countries = ojson::array();
    for (const auto& a : ov->actors) {
      if (a.code.size() != 3) continue;
      countries.push_back(
          {{"code", a.code}, {"events", a.events}, {"goldstein_mean", Opt(a.GoldsteinMean())}});
    }
    // Places: where the events happened, by the place their sentence gives (docs/geo.md).
    Store::EventFilter f;
    f.from = q.from;
    f.to = q.to;
    f.modality = q.modality == "any" ? "" : q.modality;
    f.event_set = q.event_set;
    struct PlaceCount {
      std::string name, country;
      double lat = 0, lon = 0;
      int64_t events = 0;
    };
    std::map<std::tuple<std::string, std::string, int64_t, int64_t>, PlaceCount> by_place;
    auto st = store_.ForEachEvent(f, [&](const EventRow& e) {
      if (!e.has_place) return true;
      auto key = std::make_tuple(e.place, e.place_country, std::llround(e.lat * 1e4),
                                 std::llround(e.lon * 1e4));
      PlaceCount& c = by_place[key];
      c.name = e.place;
      c.country = e.place_country;
      c.lat = e.lat;
      c.lon = e.lon;
      ++c.events;
      return true;
    });
    if (!st.ok()) return FromStatus(st);
    std::vector<PlaceCount> ranked;
    for (auto& [k, c] : by_place) ranked.push_back(std::move(c));
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const PlaceCount& a, const PlaceCount& b) { return a.events > b.events; });
    ojson places = ojson::array();
    for (size_t i = 0; i < ranked.size() && static_cast<int64_t>(i) < limit; ++i) {
      const PlaceCount& c = ranked[i];
      places.push_back({{"name", c.name},
                        {"lat", c.lat},
                        {"lon", c.lon},
                        {"country", c.country.empty() ? ojson(nullptr) : ojson(c.country)},
                        {"events", c.events}});
    }
    return Json({{"countries", countries}, {"places", places}});
  }

  if (what == "clusters" && parts.size() == 1) {
    // One page at a time, in id order (keyset: `after` is the last id of the previous page,
    // `next` in its answer), so neither the answer nor the server's memory grows with the store.
    Params p(params, {"limit", "after", "id", "article_id", "min_size"});
    Store::ClusterQuery q;
    const int64_t limit = p.Int("limit", kDefaultLimit, 1, kMaxLimit);
    q.after_id = p.Int("after", 0, 0, INT64_MAX / 2);
    q.id = p.Int("id", 0, 1, INT64_MAX / 2);
    q.article_id = p.Int("article_id", 0, 1, INT64_MAX / 2);
    q.min_size = p.Int("min_size", 0, 0, INT64_MAX / 2);
    if (!p.ok()) return Error(400, p.error());
    q.limit = limit + 1;  // one more than asked: whether there is a next page
    ojson clusters = ojson::array();
    ojson next = nullptr;
    Status s = store_.ForEachCluster(q, [&](const Store::Cluster& c) {
      if (static_cast<int64_t>(clusters.size()) == limit) {
        next = clusters.back()["id"];
        return false;
      }
      ojson members = ojson::array();
      for (const auto& m : c.members) {
        bool canonical = m.article_id == c.canonical_article_id;
        members.push_back(
            {{"article_id", m.article_id},
             {"origin", m.origin},
             {"title", m.title},
             {"published", Opt(m.published)},
             {"relation",
              canonical && m.relation == "first" ? std::string("canonical") : m.relation},
             {"canonical", canonical},
             {"similarity", m.similarity},
             {"matched_article_id", OptId(m.matched_article_id)},
             {"evidence", Opt(m.evidence)}});
      }
      clusters.push_back({{"id", c.id},
                          {"canonical_article_id", c.canonical_article_id},
                          {"size", c.members.size()},
                          {"members", members}});
      return true;
    });
    if (!s.ok()) return FromStatus(s);
    auto total = store_.CountClusters(q);
    if (!total.ok()) return FromStatus(total.status());
    return Json({{"clusters", clusters}, {"total", *total}, {"limit", limit}, {"next", next}});
  }

  if (what == "diff" && parts.size() == 1) {
    Params p(params, {"a", "b"});
    int64_t a = p.Int("a", 0, 1, INT64_MAX / 2), b = p.Int("b", 0, 1, INT64_MAX / 2);
    if (!p.ok()) return Error(400, p.error());
    if (a == 0 || b == 0) return Error(400, "a and b (article ids) are required");
    ojson sides = ojson::object();
    std::vector<std::string> texts[2];
    for (int side = 0; side < 2; ++side) {
      int64_t id = side == 0 ? a : b;
      auto art = store_.GetArticle(id);
      if (!art.ok()) return FromStatus(art.status());
      auto rows = store_.Sentences(id);
      if (!rows.ok()) return FromStatus(rows.status());
      for (const auto& s : *rows) texts[side].push_back(s.text);
      sides[side == 0 ? "a" : "b"] = {
          {"id", id}, {"origin", art->origin}, {"title", Opt(art->title)}};
    }
    std::function<std::string(std::string_view)> actor;
    if (dicts_ != nullptr) {
      actor = [d = dicts_](std::string_view phrase) { return d->ActorCode(phrase, 0); };
    }
    CopyMatch match = CompareArticles(texts[0], texts[1]);
    // Not a copy: the store may still know the two as reports of one story (same_story).
    auto stored = store_.RelationBetween(a, b);
    if (!stored.ok()) return FromStatus(stored.status());
    ojson relation = match.relation == CopyRelation::kNone
                         ? (stored->relation.empty() ? ojson(nullptr) : ojson(stored->relation))
                         : ojson(CopyRelationName(match.relation));
    double similarity = match.relation == CopyRelation::kNone && !stored->relation.empty()
                            ? stored->similarity
                            : match.similarity;
    FidelityReport rep = CompareFidelity(texts[0], texts[1], actor, DedupOptions{}.sentence_match);
    ojson sentences = ojson::array();
    for (const auto& d : rep.sentences) {
      ojson subs = ojson::array();
      for (const auto& s : d.substitutions) {
        subs.push_back({{"from", s.from}, {"to", s.to}, {"flags", s.flags}});
      }
      bool moved = false;
      for (const auto& pair : rep.alignment.pairs) moved = moved || (pair.a == d.a && pair.moved);
      sentences.push_back({{"a_sentence", d.a},
                           {"b_sentence", d.b},
                           {"a_text", texts[0][d.a]},
                           {"b_text", texts[1][d.b]},
                           {"similarity", d.similarity},
                           {"moved", moved},
                           {"a_segments", DiffSegments(texts[0][d.a], d.substitutions, true)},
                           {"b_segments", DiffSegments(texts[1][d.b], d.substitutions, false)},
                           {"substitutions", subs}});
    }
    return Json({{"a", sides["a"]},
                 {"b", sides["b"]},
                 {"relation", relation},
                 {"similarity", similarity},
                 {"evidence", Opt(stored->evidence)},
                 {"aligned_sentences", rep.alignment.pairs.size()},
                 {"coverage", rep.alignment.coverage},
                 {"mean_similarity", rep.alignment.mean_similarity},
                 {"substitutions", rep.substitutions},
                 {"meaning_changes", rep.meaning_changes},
                 {"sentences", sentences}});
  }

  if (what == "articles" && parts.size() == 1) {
    Params p(params, {"limit", "offset"});
    int64_t limit = p.Int("limit", kDefaultLimit, 1, kMaxLimit);
    int64_t offset = p.Int("offset", 0, 0, INT64_MAX / 2);
    if (!p.ok()) return Error(400, p.error());
    auto list = store_.ArticleSummaries(limit, offset);
    if (!list.ok()) return FromStatus(list.status());
    auto stats = store_.Stats();
    if (!stats.ok()) return FromStatus(stats.status());
    ojson articles = ojson::array();
    for (const auto& a : *list) {
      articles.push_back({{"id", a.id},
                          {"origin", a.origin},
                          {"title", Opt(a.title)},
                          {"published", Opt(a.published)},
                          {"sentences", a.sentences},
                          {"events", a.events},
                          {"cluster_id", OptId(a.cluster_id)}});
    }
    return Json(
        {{"articles", articles}, {"total", stats->articles}, {"limit", limit}, {"offset", offset}});
  }

  if (what == "articles" && parts.size() == 2) {
    Params p(params, {});
    if (!p.ok()) return Error(400, p.error());
    int64_t id = 0;
    if (!ParseId(parts[1], &id)) return Error(400, "article id must be a positive number");
    auto art = store_.GetArticle(id);
    if (!art.ok()) return FromStatus(art.status());
    auto rows = store_.Sentences(id);
    if (!rows.ok()) return FromStatus(rows.status());
    ojson sentences = ojson::array();
    for (const auto& s : *rows) {
      sentences.push_back(
          {{"id", s.id}, {"index", s.index}, {"start", s.begin}, {"end", s.end}, {"text", s.text}});
    }
    Store::EventFilter f;
    f.article_id = id;
    f.every_mention = true;
    ojson events = ojson::array();
    Status s = store_.ForEachEvent(f, [&](const EventRow& e) {
      if (e.article_id == id) events.push_back(EventWithSegments(e));
      return true;
    });
    if (!s.ok()) return FromStatus(s);
    auto cluster = store_.ClusterOf(id);
    if (!cluster.ok()) return FromStatus(cluster.status());
    return Json({{"id", art->id},
                 {"origin", art->origin},
                 {"external_id", Opt(art->external_id)},
                 {"url", Opt(art->url)},
                 {"source", Opt(art->source)},
                 {"title", Opt(art->title)},
                 {"published", Opt(art->published)},
                 {"published_source", Opt(art->published_source)},
                 {"published_inferred", PublishedInferred(art->metadata_json)},
                 {"version", art->version},
                 {"text", art->text},
                 {"sentences", sentences},
                 {"events", events},
                 {"cluster_id", OptId(*cluster)}});
  }

  if (what == "search" && parts.size() == 1) {
    Params p(params, {"q", "limit"});
    std::string q = p.Raw("q", 200);
    int64_t limit = p.Int("limit", 20, 1, kMaxLimit);
    if (!p.ok()) return Error(400, p.error());
    if (q.empty()) return Error(400, "q (a full-text query) is required");
    auto hits = store_.Search(q, static_cast<int>(limit));
    if (!hits.ok()) {
      return Error(400,
                   "q is not a valid full-text query (FTS5 syntax: words, \"phrases\", "
                   "OR, NOT, prefix*)");
    }
    ojson out = ojson::array();
    for (const auto& h : *hits) {
      out.push_back({{"article_id", h.article_id},
                     {"sentence_id", h.sentence_id},
                     {"index", h.index},
                     {"origin", h.origin},
                     {"title", Opt(h.title)},
                     {"snippet", h.snippet}});
    }
    return Json({{"hits", out}});
  }

  if (what == "sets" && parts.size() == 1) {
    Params p(params, {});
    if (!p.ok()) return Error(400, p.error());
    auto sets = store_.EventSets();
    if (!sets.ok()) return FromStatus(sets.status());
    ojson out = ojson::array();
    for (const auto& s : *sets) {
      out.push_back({{"id", s.id},
                     {"current", s.current},
                     {"dyad_version", s.dyad_version},
                     {"dictionary_hash", s.dictionary_hash},
                     {"dictionaries", s.dictionaries},
                     {"articles", s.articles},
                     {"events", s.events}});
    }
    return Json({{"sets", out}});
  }

  return Error(404, "no such endpoint: " + path);
}

}  // namespace dyad
