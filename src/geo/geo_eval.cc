// dyad eval geo: recognition and resolution scores on the Local-Global Lexicon (lgl.xml).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "dyad/geo.h"
#include "util/file.h"

namespace dyad::geo {

double GeoEvalResult::OverlapP() const { return system ? double(overlap) / double(system) : 0; }
double GeoEvalResult::OverlapR() const { return gold ? double(overlap) / double(gold) : 0; }
double GeoEvalResult::OverlapF1() const {
  double p = OverlapP(), r = OverlapR();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

namespace {

// The text between <tag> and </tag> at or after `from` within [from, limit).
std::string_view Inner(std::string_view s, std::string_view tag, size_t from, size_t limit,
                       size_t* after = nullptr) {
  std::string open = "<" + std::string(tag), close = "</" + std::string(tag) + ">";
  size_t a = s.find(open, from);
  if (a == std::string_view::npos || a >= limit) return {};
  a = s.find('>', a);
  if (a == std::string_view::npos) return {};
  ++a;
  size_t b = s.find(close, a);
  if (b == std::string_view::npos || b > limit) return {};
  if (after) *after = b + close.size();
  return s.substr(a, b - a);
}

double Num(std::string_view v, bool* ok) {
  try {
    size_t used = 0;
    double d = std::stod(std::string(v), &used);
    *ok = used > 0;
    return d;
  } catch (...) {
    *ok = false;
    return 0;
  }
}

// Byte offset of code point `n` in UTF-8 `s` (LGL's offsets count characters).
uint32_t ByteOfChar(std::string_view s, long n) {
  long k = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (k == n) return static_cast<uint32_t>(i);
    ++k;
  }
  return static_cast<uint32_t>(s.size());
}

struct Gold {
  uint32_t begin, end;
  std::string phrase;
  bool geo = false;
  double lat = 0, lon = 0;
};

}  // namespace

Result<GeoEvalResult> EvaluateGeo(const Gazetteer& g, const std::string& path, bool errors,
                                  const TagOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  std::string xml;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &xml));
  std::string_view s = xml;
  GeoEvalResult r;
  r.load_seconds = g.load_seconds();
  std::vector<double> dists;
  size_t pos = 0;
  while (true) {
    size_t a = s.find("<article", pos);
    if (a == std::string_view::npos) break;
    size_t z = s.find("</article>", a);
    if (z == std::string_view::npos) break;
    pos = z + 10;
    ++r.articles;
    std::string_view text = Inner(s, "text", a, z);
    if (text.starts_with("<![CDATA[") && text.ends_with("]]>"))
      text = text.substr(9, text.size() - 12);
    std::string docid;
    if (size_t d = s.find("docid=\"", a); d < z) {
      d += 7;
      docid = std::string(s.substr(d, s.find('"', d) - d));
    }
    std::vector<Gold> gold;
    size_t tp = a;
    while (true) {
      size_t after = 0;
      std::string_view top = Inner(s, "toponym", tp, z, &after);
      if (top.data() == nullptr || after == 0) break;
      tp = after;
      bool ok1, ok2;
      double st = Num(Inner(top, "start", 0, top.size()), &ok1);
      double en = Num(Inner(top, "end", 0, top.size()), &ok2);
      if (!ok1 || !ok2 || !(st >= 0 && en >= st && en < 1e9)) continue;  // NaN fails too
      Gold gd;
      gd.phrase = std::string(Inner(top, "phrase", 0, top.size()));
      gd.begin = ByteOfChar(text, static_cast<long>(st));
      gd.end = ByteOfChar(text, static_cast<long>(en));
      if (text.substr(gd.begin, gd.end - gd.begin) != gd.phrase && st >= 0 && st <= en &&
          en <= static_cast<double>(text.size()) &&
          text.substr(static_cast<size_t>(st), static_cast<size_t>(en - st)) == gd.phrase) {
        gd.begin = static_cast<uint32_t>(st);  // byte offsets after all
        gd.end = static_cast<uint32_t>(en);
      }
      std::string_view lat = Inner(top, "lat", 0, top.size()),
                       lon = Inner(top, "lon", 0, top.size());
      if (!lat.empty() && !lon.empty()) {
        gd.lat = Num(lat, &ok1);
        gd.lon = Num(lon, &ok2);
        gd.geo = ok1 && ok2;
      }
      gold.push_back(std::move(gd));
    }
    // Recognition.
    std::vector<PlaceMention> sys = TagPlaces(g, text, options);
    r.gold += static_cast<int64_t>(gold.size());
    r.system += static_cast<int64_t>(sys.size());
    std::vector<bool> gold_hit(gold.size(), false), gold_overlap(gold.size(), false);
    for (const PlaceMention& m : sys) {
      bool exact = false, over = false;
      for (size_t k = 0; k < gold.size(); ++k) {
        if (gold[k].begin == m.begin && gold[k].end == m.end && !gold_hit[k]) {
          gold_hit[k] = true;
          exact = true;
        }
        if (gold[k].begin < m.end && m.begin < gold[k].end) over = true;
        if (gold[k].begin < m.end && m.begin < gold[k].end && !gold_overlap[k]) {
          gold_overlap[k] = true;
        }
      }
      if (exact) ++r.exact;
      if (over) ++r.overlap;
      if (errors && !exact) {
        r.errors.push_back(
            fmt::format("{}\tspurious\t{}", docid, text.substr(m.begin, m.end - m.begin)));
      }
    }
    if (errors) {
      for (size_t k = 0; k < gold.size(); ++k) {
        if (!gold_hit[k]) r.errors.push_back(fmt::format("{}\tmissed\t{}", docid, gold[k].phrase));
      }
    }
    // Resolution of the gold spans.
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    for (const Gold& gd : gold) spans.emplace_back(gd.begin, gd.end);
    std::vector<PlaceMention> res = ResolveSpans(g, text, spans);
    for (size_t k = 0; k < gold.size(); ++k) {
      if (!gold[k].geo) continue;
      ++r.gold_geocoded;
      if (res[k].place < 0) {
        if (errors) r.errors.push_back(fmt::format("{}\tunresolved\t{}", docid, gold[k].phrase));
        continue;
      }
      ++r.resolved;
      const Place& p = g.place(static_cast<uint32_t>(res[k].place));
      double km = DistanceKm(gold[k].lat, gold[k].lon, p.lat, p.lon);
      dists.push_back(km);
      if (km <= 161) {
        ++r.within_161;
      } else if (errors) {
        r.errors.push_back(fmt::format("{}\tfar\t{}\t{:.0f} km\t{} ({}, {}) {:.2f},{:.2f}", docid,
                                       gold[k].phrase, km, p.name, p.country, PlaceKindName(p.kind),
                                       p.lat, p.lon));
      }
    }
  }
  if (r.articles == 0) return Status::InvalidArgument(path + ": no <article> elements");
  if (!dists.empty()) {
    double sum = 0;
    for (double d : dists) sum += d;
    r.mean_km = sum / static_cast<double>(dists.size());
    std::sort(dists.begin(), dists.end());
    r.median_km = dists[dists.size() / 2];
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace dyad::geo
