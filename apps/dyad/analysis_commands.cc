// dyad series and dyad serve: the relation time series as a table, and the HTTP server.

#include <fmt/format.h>

#include <pthread.h>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "analysis_commands.h"
#include "dyad/analysis.h"
#include "dyad/timex.h"
#include "serve/json.h"
#include "util/file.h"

namespace dyad_cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;

int Fail(const dyad::Status& s) {
  std::fprintf(stderr, "dyad: %s\n", s.ToString().c_str());
  return kExitFailed;
}

std::string Num(const std::optional<double>& v, int decimals) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : std::string("-");
}

}  // namespace

int SeriesCommand(const std::string& db, const dyad::SeriesQuery& q, const std::string& format) {
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) return Fail(store.status());
  auto s = dyad::BuildSeries(**store, q);
  if (!s.ok()) return Fail(s.status());
  if (format == "csv") {
    fmt::print(
        "period,start,end,events,mentions,q1,q2,q3,q4,goldstein_sum,goldstein_mean,"
        "articles,events_per_article\n");
    for (const auto& p : s->points) {
      fmt::print("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", p.period, p.first, p.last, p.events,
                 p.mentions, p.quad[1], p.quad[2], p.quad[3], p.quad[4], p.goldstein_sum,
                 p.GoldsteinMean() ? fmt::format("{}", *p.GoldsteinMean()) : "", p.articles,
                 p.EventsPerArticle() ? fmt::format("{}", *p.EventsPerArticle()) : "");
    }
    return kExitOk;
  }
  if (format == "jsonl") {
    for (const auto& p : s->points) {
      dyad::ojson j = {
          {"period", p.period},
          {"start", p.first},
          {"end", p.last},
          {"events", p.events},
          {"mentions", p.mentions},
          {"q1", p.quad[1]},
          {"q2", p.quad[2]},
          {"q3", p.quad[3]},
          {"q4", p.quad[4]},
          {"goldstein_sum", p.goldstein_sum},
          {"goldstein_mean",
           p.GoldsteinMean() ? dyad::ojson(*p.GoldsteinMean()) : dyad::ojson(nullptr)},
          {"articles", p.articles},
          {"events_per_article",
           p.EventsPerArticle() ? dyad::ojson(*p.EventsPerArticle()) : dyad::ojson(nullptr)}};
      std::cout << j.dump() << '\n';
    }
    return kExitOk;
  }
  std::string who =
      q.b.empty() ? q.a + " with anyone" : q.a + (q.directed ? " -> " : " <-> ") + q.b;
  fmt::print("{} by {}: {} events{}, counted once per story\n", who, dyad::PeriodName(q.by),
             q.modality.empty() || q.modality == "any" ? "all" : q.modality,
             s->undated ? fmt::format(" ({} undated, not shown)", s->undated) : "");
  if (s->points.empty()) {
    fmt::print("no events\n");
    return kExitOk;
  }
  fmt::print("{:<10} {:>6} {:>8} {:>8} {:>8} {:>8} {:>9} {:>8} {:>8}\n", "period", "events",
             "coop-vb", "coop-mat", "conf-vb", "conf-mat", "goldstein", "articles", "per-art");
  for (const auto& p : s->points) {
    std::string bar;
    if (auto m = p.GoldsteinMean()) {
      int n = static_cast<int>(std::abs(*m) + 0.5);
      bar = std::string(static_cast<size_t>(n), *m >= 0 ? '+' : '-');
    }
    fmt::print("{:<10} {:>6} {:>8} {:>8} {:>8} {:>8} {:>9} {:>8} {:>8}  {}\n", p.period, p.events,
               p.quad[1], p.quad[2], p.quad[3], p.quad[4], Num(p.GoldsteinMean(), 2), p.articles,
               Num(p.EventsPerArticle(), 2), bar);
  }
  fmt::print(
      "\ncoop-vb/coop-mat/conf-vb/conf-mat: quad classes 1-4; goldstein: mean score of "
      "the period's events (-10 .. +10)\n");
  if (s->changes.empty()) {
    fmt::print("no shift in the relation detected\n");
  } else {
    for (const auto& c : s->changes) {
      fmt::print(
          "shift from {}: {} (mean Goldstein {:+.2f} over {} events before, {:+.2f} over "
          "{} after)\n",
          c.period, c.better() ? "more cooperative" : "more conflictual", c.before, c.events_before,
          c.after, c.events_after);
    }
  }
  return kExitOk;
}

int TimexCommand(const std::vector<std::string>& files, const std::string& anchor) {
  auto tag = [&](const std::string& name, const std::string& text) {
    auto tx = dyad::TagTimexes(text, anchor);
    if (!tx.ok()) return Fail(tx.status());
    for (const auto& t : *tx) {
      dyad::ojson j = {{"file", name},
                       {"start", t.begin},
                       {"end", t.end},
                       {"text", std::string(t.in(text))},
                       {"type", std::string(dyad::TimexTypeName(t.type))},
                       {"value", t.value}};
      std::cout << j.dump(-1, ' ', false, dyad::ojson::error_handler_t::replace) << '\n';
    }
    return kExitOk;
  };
  if (files.empty()) {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return tag("-", text);
  }
  int rc = kExitOk;
  for (const auto& f : files) {
    std::string text;
    dyad::Status s = dyad::ReadFile(f, &text);
    if (!s.ok()) {
      Fail(s);
      rc = kExitFailed;
      continue;
    }
    if (tag(f, text) != kExitOk) rc = kExitFailed;
  }
  return rc;
}

int ServeCommand(const dyad::ServeOptions& options) {
  // SIGINT and SIGTERM stop the server cleanly: they are blocked in every thread and a
  // watcher thread waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto server = dyad::Server::Create(options);
  if (!server.ok()) return Fail(server.status());
  std::string host = options.host == "0.0.0.0" ? "localhost" : options.host;
  std::fprintf(stderr, "dyad serve: %s on http://%s:%d/%s\n", options.db.c_str(), host.c_str(),
               (*server)->port(),
               options.web_root.empty() ? "api/health (API only: no dashboard files)" : "");
  std::fflush(stderr);
  dyad::Server* s = server->get();
  std::thread watcher([s, set] {
    int sig = 0;
    sigwait(&set, &sig);
    s->Stop();
  });
  dyad::Status st = s->Run();
  // Run returned: wake the watcher if no signal did, so it can be joined.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (!st.ok()) return Fail(st);
  std::fprintf(stderr, "dyad serve: stopped\n");
  return kExitOk;
}

}  // namespace dyad_cli
