// dyad eval timex: prints the TempEval-3 scores of the temporal expression tagger.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "dyad/timex.h"

namespace {

using ojson = nlohmann::ordered_json;

}  // namespace

int EvalTimex(const std::string& dir, bool as_json, bool errors, bool classes) {
  if (!std::filesystem::is_directory(dir)) {
    std::fprintf(stderr, "SKIP: %s not found (reference material absent)\n", dir.c_str());
    return 77;
  }
  auto ev = dyad::EvaluateTimex(dir, errors);
  if (!ev.ok()) {
    std::fprintf(stderr, "dyad: %s\n", ev.status().ToString().c_str());
    return 1;
  }
  auto counts_json = [](const dyad::TimexCounts& c) {
    ojson j;
    j["gold"] = c.gold;
    j["system"] = c.system;
    j["strict"] = {{"precision", c.P(c.strict)}, {"recall", c.R(c.strict)}, {"f1", c.StrictF1()}};
    j["relaxed"] = {
        {"precision", c.P(c.relaxed)}, {"recall", c.R(c.relaxed)}, {"f1", c.RelaxedF1()}};
    j["value"] = {{"precision", c.P(c.value)}, {"recall", c.R(c.value)}, {"f1", c.ValueF1()}};
    j["type_accuracy"] = c.TypeAccuracy();
    return j;
  };
  if (as_json) {
    ojson out;
    out["tables"] = ojson::array();
    for (const auto& t : ev->tables) {
      out["tables"].push_back({{"name", t.name},
                               {"documents", t.documents},
                               {"all", counts_json(t.all)},
                               {"date", counts_json(t.date)},
                               {"value_errors", t.value_errors}});
    }
    if (errors) {
      out["errors"] = ojson::array();
      for (const auto& e : ev->errors) {
        out["errors"].push_back(
            {{"file", e.file},
             {"kind", e.kind},
             {"gold", {{"text", e.gold_text}, {"type", e.gold_type}, {"value", e.gold_value}}},
             {"system",
              {{"text", e.system_text}, {"type", e.system_type}, {"value", e.system_value}}},
             {"context", e.context}});
        if (e.kind == "value" || e.kind == "extent+value") {
          out["errors"].back()["cause"] = dyad::TimexValueErrorClass(e);
        }
      }
    }
    fmt::print("{}\n", out.dump(2, ' ', false, ojson::error_handler_t::replace));
    return 0;
  }
  if (errors) {
    for (const auto& e : ev->errors) {
      bool valued = e.kind == "value" || e.kind == "extent+value";
      fmt::print("{:13} {} | gold [{}] {} {} | dyad [{}] {} {} | {}{}\n", e.kind, e.file,
                 e.gold_text, e.gold_type, e.gold_value, e.system_text, e.system_type,
                 e.system_value, e.context,
                 valued ? " | cause: " + dyad::TimexValueErrorClass(e) : std::string());
    }
    fmt::print("\n");
  }
  auto row = [](const std::string& name, const dyad::TimexCounts& c) {
    fmt::print(
        "{:10} {:>5} {:>5}  {:5.1f} {:5.1f} {:5.1f}  {:5.1f} {:5.1f} {:5.1f}  {:5.1f} {:5.1f} "
        "{:5.1f}  {:5.1f}\n",
        name, c.gold, c.system, 100 * c.P(c.strict), 100 * c.R(c.strict), 100 * c.StrictF1(),
        100 * c.P(c.relaxed), 100 * c.R(c.relaxed), 100 * c.RelaxedF1(), 100 * c.P(c.value),
        100 * c.R(c.value), 100 * c.ValueF1(), 100 * c.TypeAccuracy());
  };
  for (const auto& t : ev->tables) {
    bool held_out = t.name.find("platinum") != std::string::npos;
    fmt::print("{} ({} documents{})\n", t.name, t.documents, held_out ? ", held out" : "");
    fmt::print("{:10} {:>5} {:>5}  {:^17}  {:^17}  {:^17}  {:>5}\n", "", "gold", "dyad",
               "strict extent", "relaxed extent", "value", "type");
    fmt::print(
        "{:10} {:>5} {:>5}  {:>5} {:>5} {:>5}  {:>5} {:>5} {:>5}  {:>5} {:>5} {:>5}  {:>5}\n", "",
        "", "", "P", "R", "F1", "P", "R", "F1", "P", "R", "F1", "acc");
    row("all TIMEX3", t.all);
    row("DATE", t.date);
    if (classes && !t.value_errors.empty()) {
      std::vector<std::pair<size_t, std::string>> by_count;
      size_t total = 0;
      for (const auto& [cls, n] : t.value_errors) {
        by_count.emplace_back(n, cls);
        total += n;
      }
      std::sort(by_count.begin(), by_count.end(), std::greater<>());
      fmt::print("value errors by cause ({}):\n", total);
      for (const auto& [n, cls] : by_count) fmt::print("  {:>4}  {}\n", n, cls);
    }
    fmt::print("\n");
  }
  fmt::print(
      "TempEval-3 scoring: relaxed = any character overlap (one-to-one), strict = the same "
      "span; value F1 counts a relaxed match correct only when its value equals gold. The "
      "creation time is the anchor and is not scored. See docs/time.md.\n");
  return 0;
}
