// dyad eval geo: place-name recognition and resolution scores on LGL (docs/geo.md).
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "dyad/geo.h"

int EvalGeo(const std::string& file, bool as_json, bool errors, bool demonyms) {
  if (!std::filesystem::is_regular_file(file)) {
    std::fprintf(stderr, "SKIP: %s not found (reference material absent)\n", file.c_str());
    return 77;
  }
  auto g = dyad::geo::Gazetteer::Default();
  if (!g.ok()) {
    std::fprintf(stderr, "dyad: %s\n", g.status().ToString().c_str());
    return 1;
  }
  dyad::geo::TagOptions options;
  options.demonyms = demonyms;
  auto ev = dyad::geo::EvaluateGeo(**g, file, errors, options);
  if (!ev.ok()) {
    std::fprintf(stderr, "dyad: %s\n", ev.status().ToString().c_str());
    return 1;
  }
  const auto& r = *ev;
  if (errors) {
    for (const auto& e : r.errors) std::printf("%s\n", e.c_str());
  }
  if (as_json) {
    nlohmann::ordered_json j;
    j["articles"] = r.articles;
    j["gold"] = r.gold;
    j["system"] = r.system;
    j["exact"] = {{"precision", r.P()}, {"recall", r.R()}, {"f1", r.F1()}};
    j["overlap"] = {{"precision", r.OverlapP()}, {"recall", r.OverlapR()}, {"f1", r.OverlapF1()}};
    j["gold_geocoded"] = r.gold_geocoded;
    j["resolved"] = r.resolved;
    j["within_161km"] = r.Accuracy161();
    j["mean_km"] = r.mean_km;
    j["median_km"] = r.median_km;
    j["gazetteer_places"] = (*g)->size();
    j["load_seconds"] = r.load_seconds;
    j["seconds"] = r.seconds;
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  fmt::print("LGL: {} articles, {} gold place names, {} found\n", r.articles, r.gold, r.system);
  fmt::print("recognition  exact    P {:.3f}  R {:.3f}  F1 {:.3f}\n", r.P(), r.R(), r.F1());
  fmt::print("             overlap  P {:.3f}  R {:.3f}  F1 {:.3f}\n", r.OverlapP(), r.OverlapR(),
             r.OverlapF1());
  fmt::print("resolution   {} gold names with coordinates, {} resolved\n", r.gold_geocoded,
             r.resolved);
  fmt::print("             within 161 km {:.1f}%  mean error {:.0f} km  median {:.0f} km\n",
             100 * r.Accuracy161(), r.mean_km, r.median_km);
  fmt::print("gazetteer    {} places, loaded in {:.2f} s; scoring took {:.2f} s\n", (*g)->size(),
             r.load_seconds, r.seconds);
  return 0;
}
