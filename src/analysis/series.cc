// Relation time series, actor profiles, the actor network and the change detector.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "dyad/analysis.h"

namespace dyad {
namespace {

namespace chr = std::chrono;

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (anything after the day, such as a time, is
// ignored). Missing parts are 0.
bool ParseIsoDate(std::string_view s, int* y, int* m, int* d) {
  *m = *d = 0;
  // Years 1-9998: every period of them (ISO weeks reach into the next year) has a
  // four-digit year, so that keys and dates sort as strings.
  if (s.size() < 4 || !ParseInt(s.substr(0, 4), y) || *y < 1 || *y > 9998) return false;
  if (s.size() == 4) return true;
  if (s.size() < 7 || s[4] != '-' || !ParseInt(s.substr(5, 2), m) || *m < 1 || *m > 12) {
    return false;
  }
  if (s.size() == 7) return true;
  if (s.size() < 10 || s[7] != '-' || !ParseInt(s.substr(8, 2), d)) return false;
  return chr::year_month_day{chr::year{*y}, chr::month{static_cast<unsigned>(*m)},
                             chr::day{static_cast<unsigned>(*d)}}
      .ok();
}

std::string FormatDay(chr::sys_days day) {
  chr::year_month_day ymd{day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

chr::sys_days Day(int y, int m, int d) {
  return chr::sys_days{chr::year{y} / chr::month{static_cast<unsigned>(m)} /
                       chr::day{static_cast<unsigned>(d)}};
}

// The Monday of ISO week 1 of `iso_year` (the week holding January 4th).
chr::sys_days IsoWeekOne(int iso_year) {
  chr::sys_days jan4 = Day(iso_year, 1, 4);
  unsigned wd = chr::weekday{jan4}.iso_encoding();  // Monday 1 .. Sunday 7
  return jan4 - chr::days{wd - 1};
}

void IsoWeek(chr::sys_days day, int* iso_year, int* week) {
  unsigned wd = chr::weekday{day}.iso_encoding();
  chr::sys_days thursday = day + chr::days{4 - static_cast<int>(wd)};
  *iso_year = static_cast<int>(chr::year_month_day{thursday}.year());
  *week = static_cast<int>((thursday - IsoWeekOne(*iso_year)).count() / 7) + 1;
}

// Accumulates one event into the counters every aggregate shares.
template <typename T>
void Count(T* t, const EventRow& e) {
  t->events++;
  t->quad[(e.quad_class >= 1 && e.quad_class <= 4) ? e.quad_class : 0]++;
  if (e.has_goldstein) {
    t->goldstein_sum += e.goldstein;
    t->goldstein_events++;
  }
}

template <typename T>
std::optional<double> Mean(const T& t) {
  if (t.goldstein_events == 0) return std::nullopt;
  return t.goldstein_sum / static_cast<double>(t.goldstein_events);
}

Store::EventFilter BaseFilter(const std::string& from, const std::string& to,
                              const std::string& modality, int64_t event_set) {
  Store::EventFilter f;
  f.from = from;
  f.to = to;
  if (modality != "any") f.modality = modality;
  f.event_set = event_set;
  return f;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<Period> ParsePeriod(std::string_view name) {
  if (name == "day") return Period::kDay;
  if (name == "week") return Period::kWeek;
  if (name == "month") return Period::kMonth;
  if (name == "year") return Period::kYear;
  return Status::InvalidArgument("period must be day, week, month or year, not '" +
                                 std::string(name) + "'");
}

const char* PeriodName(Period p) {
  switch (p) {
    case Period::kDay:
      return "day";
    case Period::kWeek:
      return "week";
    case Period::kMonth:
      return "month";
    case Period::kYear:
      return "year";
  }
  return "month";
}

bool PeriodOf(std::string_view date, Period by, std::string* key) {
  int y, m, d;
  if (!ParseIsoDate(date, &y, &m, &d)) return false;
  char buf[40];
  switch (by) {
    case Period::kYear:
      std::snprintf(buf, sizeof buf, "%04d", y);
      break;
    case Period::kMonth:
      if (m == 0) return false;
      std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
      break;
    case Period::kWeek: {
      if (d == 0) return false;
      int iy, w;
      IsoWeek(Day(y, m, d), &iy, &w);
      std::snprintf(buf, sizeof buf, "%04d-W%02d", iy, w);
      break;
    }
    case Period::kDay:
      if (d == 0) return false;
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      break;
  }
  *key = buf;
  return true;
}

bool PeriodBounds(std::string_view key, Period by, std::string* first, std::string* last) {
  int y = 0, m = 0, d = 0;
  switch (by) {
    case Period::kYear:
      if (key.size() != 4 || !ParseInt(key, &y)) return false;
      *first = FormatDay(Day(y, 1, 1));
      *last = FormatDay(Day(y, 12, 31));
      return true;
    case Period::kMonth: {
      if (key.size() != 7 || !ParseIsoDate(key, &y, &m, &d)) return false;
      *first = FormatDay(Day(y, m, 1));
      chr::year_month_day_last ml{chr::year{y} / chr::month{static_cast<unsigned>(m)} / chr::last};
      *last = FormatDay(chr::sys_days{ml});
      return true;
    }
    case Period::kWeek: {
      int w = 0;
      if (key.size() != 8 || key[4] != '-' || key[5] != 'W' || !ParseInt(key.substr(0, 4), &y) ||
          !ParseInt(key.substr(6), &w) || w < 1 || w > 53) {
        return false;
      }
      chr::sys_days monday = IsoWeekOne(y) + chr::days{7 * (w - 1)};
      *first = FormatDay(monday);
      *last = FormatDay(monday + chr::days{6});
      return true;
    }
    case Period::kDay:
      if (key.size() != 10 || !ParseIsoDate(key, &y, &m, &d)) return false;
      *first = *last = std::string(key);
      return true;
  }
  return false;
}

std::string NextPeriod(std::string_view key, Period by) {
  std::string first, last, next;
  if (!PeriodBounds(key, by, &first, &last)) return {};
  int y, m, d;
  // The last day of a period can lie past year 9998 (the ISO week 9998-W53 ends in 9999):
  // then there is no next period.
  if (!ParseIsoDate(last, &y, &m, &d)) return {};
  PeriodOf(FormatDay(Day(y, m, d) + chr::days{1}), by, &next);
  return next;
}

std::string RollUpActor(std::string_view code) {
  bool body = StartsWith(code, "IGO") || StartsWith(code, "NGO") || StartsWith(code, "IMG") ||
              StartsWith(code, "MNC");
  return std::string(code.substr(0, body ? 6 : 3));
}

std::optional<double> SeriesPoint::GoldsteinMean() const { return Mean(*this); }
std::optional<double> SeriesPoint::EventsPerArticle() const {
  if (articles == 0) return std::nullopt;
  return static_cast<double>(events) / static_cast<double>(articles);
}
std::optional<double> ActorCount::GoldsteinMean() const { return Mean(*this); }
std::optional<double> Link::GoldsteinMean() const { return Mean(*this); }

std::vector<ChangePoint> DetectChanges(const std::vector<SeriesPoint>& points,
                                       const ChangeOptions& o) {
  // Every boundary i (between points i-1 and i) with enough scored events on both sides and a
  // mean shift of at least the threshold is a candidate; of candidates closer than a window,
  // the strongest is kept.
  struct Candidate {
    size_t i;
    ChangePoint c;
    double strength;
  };
  std::vector<Candidate> candidates;
  const size_t w = static_cast<size_t>(std::max(1, o.window));
  for (size_t i = 1; i < points.size(); ++i) {
    double sb = 0, sa = 0;
    int64_t nb = 0, na = 0;
    for (size_t k = (i >= w ? i - w : 0); k < i; ++k) {
      sb += points[k].goldstein_sum;
      nb += points[k].goldstein_events;
    }
    for (size_t k = i; k < std::min(points.size(), i + w); ++k) {
      sa += points[k].goldstein_sum;
      na += points[k].goldstein_events;
    }
    if (nb < o.min_events || na < o.min_events) continue;
    ChangePoint c;
    c.period = points[i].period;
    c.before = sb / static_cast<double>(nb);
    c.after = sa / static_cast<double>(na);
    c.events_before = nb;
    c.events_after = na;
    double strength = std::fabs(c.after - c.before);
    if (strength >= o.threshold) candidates.push_back({i, c, strength});
  }
  std::vector<ChangePoint> out;
  for (size_t j = 0; j < candidates.size(); ++j) {
    bool strongest = true;
    for (size_t k = 0; k < candidates.size() && strongest; ++k) {
      if (k == j) continue;
      size_t dist = candidates[k].i > candidates[j].i ? candidates[k].i - candidates[j].i
                                                      : candidates[j].i - candidates[k].i;
      if (dist < w && (candidates[k].strength > candidates[j].strength ||
                       (candidates[k].strength == candidates[j].strength && k < j))) {
        strongest = false;
      }
    }
    if (strongest) out.push_back(candidates[j].c);
  }
  return out;
}

Result<Series> BuildSeries(const Store& store, const SeriesQuery& q, const ChangeOptions& change) {
  if (q.a.empty() && !q.b.empty()) {
    return Status::InvalidArgument("a series names its first actor");
  }
  Series s;
  s.query = q;
  Store::EventFilter f = BaseFilter(q.from, q.to, q.modality, q.event_set);
  if (q.b.empty()) {
    f.actor = q.a;  // empty: every event
  } else {
    f.dyad_a = q.a;
    f.dyad_b = q.b;
    f.directed = q.directed;
  }
  std::map<std::string, SeriesPoint> by_period;
  DYAD_RETURN_IF_ERROR(store.ForEachEvent(f, [&](const EventRow& e) {
    std::string key;
    if (!PeriodOf(e.date, q.by, &key)) {
      s.undated++;
      return true;
    }
    SeriesPoint& p = by_period[key];
    Count(&p, e);
    p.mentions += e.mentions;
    return true;
  }));
  if (by_period.empty()) return s;
  // Every period from the first to the last, so that charts show the gaps.
  const std::string last_key = by_period.rbegin()->first;
  for (std::string key = by_period.begin()->first; !key.empty() && key <= last_key;
       key = NextPeriod(key, q.by)) {
    SeriesPoint p = by_period.count(key) ? by_period[key] : SeriesPoint{};
    p.period = key;
    PeriodBounds(key, q.by, &p.first, &p.last);
    s.points.push_back(std::move(p));
  }
  // Coverage: articles published in each period.
  auto coverage = store.ArticlesByDate();
  if (!coverage.ok()) return coverage.status();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < s.points.size(); ++i) index[s.points[i].period] = i;
  for (const auto& [date, n] : *coverage) {
    std::string key;
    if (!PeriodOf(date, q.by, &key)) continue;
    auto it = index.find(key);
    if (it != index.end()) s.points[it->second].articles += n;
  }
  s.changes = DetectChanges(s.points, change);
  return s;
}

Result<Overview> BuildOverview(const Store& store, const OverviewQuery& q) {
  Overview ov;
  std::map<std::string, ActorCount> actors;
  std::map<std::pair<std::string, std::string>, Link> links;
  DYAD_RETURN_IF_ERROR(
      store.ForEachEvent(BaseFilter(q.from, q.to, q.modality, q.event_set), [&](const EventRow& e) {
        ov.events++;
        std::string a = RollUpActor(e.source), b = RollUpActor(e.target);
        ActorCount& src = actors[a];
        Count(&src, e);
        src.as_source++;
        if (b != a) {
          ActorCount& tgt = actors[b];
          Count(&tgt, e);
          tgt.as_target++;
          auto key = a < b ? std::make_pair(a, b) : std::make_pair(b, a);
          Link& l = links[key];
          Count(&l, e);
        } else {
          src.as_target++;
        }
        return true;
      }));
  for (auto& [code, c] : actors) {
    c.code = code;
    ov.actors.push_back(c);
  }
  for (auto& [key, l] : links) {
    l.a = key.first;
    l.b = key.second;
    ov.links.push_back(l);
  }
  std::stable_sort(ov.actors.begin(), ov.actors.end(),
                   [](const ActorCount& x, const ActorCount& y) { return x.events > y.events; });
  std::stable_sort(ov.links.begin(), ov.links.end(),
                   [](const Link& x, const Link& y) { return x.events > y.events; });
  return ov;
}

Result<ActorProfile> BuildActorProfile(const Store& store, const std::string& code,
                                       const OverviewQuery& q) {
  if (code.empty()) return Status::InvalidArgument("a profile needs an actor code");
  ActorProfile p;
  p.code = code;
  p.totals.code = code;
  std::map<std::string, ActorCount> partners;
  Store::EventFilter f = BaseFilter(q.from, q.to, q.modality, q.event_set);
  f.actor = code;
  DYAD_RETURN_IF_ERROR(store.ForEachEvent(f, [&](const EventRow& e) {
    bool acted = StartsWith(e.source, code);
    bool received = StartsWith(e.target, code);
    Count(&p.totals, e);
    if (acted) p.totals.as_source++;
    if (received) p.totals.as_target++;
    // The partner is the other side; an event inside the actor (KAZGOV -> KAZMIL) has none.
    if (acted && !received) {
      ActorCount& c = partners[RollUpActor(e.target)];
      Count(&c, e);
      c.as_source++;
    } else if (received && !acted) {
      ActorCount& c = partners[RollUpActor(e.source)];
      Count(&c, e);
      c.as_target++;
    }
    return true;
  }));
  for (auto& [k, c] : partners) {
    c.code = k;
    p.partners.push_back(c);
  }
  std::stable_sort(p.partners.begin(), p.partners.end(),
                   [](const ActorCount& x, const ActorCount& y) { return x.events > y.events; });
  SeriesQuery sq;
  sq.a = code;
  sq.from = q.from;
  sq.to = q.to;
  sq.modality = q.modality;
  sq.event_set = q.event_set;
  auto series = BuildSeries(store, sq);
  if (!series.ok()) return series.status();
  p.series = std::move(*series);
  return p;
}

}  // namespace dyad
