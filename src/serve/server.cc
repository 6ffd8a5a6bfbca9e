// The HTTP server: cpp-httplib in front of Api. Every worker thread borrows a store
// connection from a pool, so that slow queries do not serialise the others. Writes (POST
// /api/articles) run the pipeline one at a time, behind a mutex.

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <xxhash.h>

#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/pipeline.h"
#include "dyad/serve.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "serve/api.h"
#include "serve/json.h"
#include "util/strings.h"

namespace dyad {
namespace {

// Read-only store connections shared by the worker threads.
class StorePool {
 public:
  Status Open(const std::string& path, int n) {
    for (int i = 0; i < n; ++i) {
      auto s = Store::OpenExisting(path);
      if (!s.ok()) return s.status();
      free_.push_back(std::move(*s));
    }
    return Status::OK();
  }
  std::unique_ptr<Store> Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    auto s = std::move(free_.back());
    free_.pop_back();
    return s;
  }
  void Release(std::unique_ptr<Store> s) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(std::move(s));
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Store>> free_;
};

class HttpServer : public Server {
 public:
  explicit HttpServer(ServeOptions o) : o_(std::move(o)) {}

  Status Init() {
    if (o_.threads < 1) o_.threads = 1;
    DYAD_RETURN_IF_ERROR(pool_.Open(o_.db, o_.threads));
    // The dictionaries only name actors in copy diffs: without them the API still works.
    std::vector<std::string> paths = o_.dictionaries;
    if (paths.empty() && !DefaultDictionaryDir().empty()) paths.push_back(DefaultDictionaryDir());
    if (!paths.empty()) {
      CountingSink quiet(nullptr);
      auto d = tabari::DictionarySet::Load(paths, quiet, false);
      if (d.ok()) dicts_ = std::move(*d);
    }
    const int threads = o_.threads;
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http_.set_payload_max_length(o_.max_body_bytes);
    // A declared length over the cap is refused before the body is read (httplib would
    // otherwise drain it, holding a worker until the read timeout).
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      const std::string cl = req.get_header_value("Content-Length");
      if (cl.empty() || std::strtoull(cl.c_str(), nullptr, 10) <= o_.max_body_bytes) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      Error(res, 413, "request too large");
      Cors(req, res);
      return httplib::Server::HandlerResponse::Handled;
    });
    http_.set_read_timeout(o_.timeout_seconds, 0);
    http_.set_write_timeout(o_.timeout_seconds, 0);
    // An idle keep-alive connection holds a worker: never longer than the request timeout.
    http_.set_keep_alive_timeout(std::min(5, std::max(1, o_.timeout_seconds)));
    // Small JSON answers would otherwise wait for the client's delayed ACK (~40 ms each).
    http_.set_tcp_nodelay(true);
    http_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                               {"Referrer-Policy", "no-referrer"},
                               {"X-Frame-Options", "DENY"}});
    if (!o_.web_root.empty() && !http_.set_mount_point("/", o_.web_root)) {
      return Status::NotFound("web root " + o_.web_root + " is not a folder");
    }
    http_.Get(R"(/api/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      ApiParams params(req.params.begin(), req.params.end());
      auto store = pool_.Acquire();
      // The request's time limit: a query still running then is stopped (503).
      store->SetDeadline(std::chrono::steady_clock::now() +
                         std::chrono::seconds(o_.timeout_seconds));
      ApiResponse r = Api(*store, dicts_.get()).Get(req.path, params);
      store->SetDeadline({});
      pool_.Release(std::move(store));
      res.status = r.status;
      res.set_content(r.body, "application/json; charset=utf-8");
      res.set_header("Cache-Control", "no-store");
      Cors(req, res);
    });
    http_.Post("/api/articles", [this](const httplib::Request& req, httplib::Response& res) {
      PostArticles(req, res);
      res.set_header("Cache-Control", "no-store");
      Cors(req, res);
    });
    // Everything else on the API only reads.
    auto refuse = [this](const httplib::Request& req, httplib::Response& res) {
      res.status = 405;
      res.set_header("Allow", "GET");
      res.set_content(R"x({"error":"only GET is allowed here (POST only on /api/articles)"})x",
                      "application/json; charset=utf-8");
      Cors(req, res);
    };
    http_.Post(R"(/api/.*)", refuse);
    http_.Put(R"(/api/.*)", refuse);
    http_.Delete(R"(/api/.*)", refuse);
    http_.Patch(R"(/api/.*)", refuse);
    http_.Options(R"(/api/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      res.status = 204;
      Cors(req, res);
    });
    http_.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      std::string msg = res.status == 413   ? "request too large"
                        : res.status == 404 ? "not found: " + req.path
                                            : "bad request";
      res.set_content(ojson{{"error", msg}}.dump(-1, ' ', false, ojson::error_handler_t::replace),
                      "application/json; charset=utf-8");
    });
    if (o_.access_log) {
      http_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        std::fprintf(stderr, "%s %s %d %zu\n", req.method.c_str(), req.path.c_str(), res.status,
                     res.body.size());
      });
    }
    if (o_.port == 0) {
      port_ = http_.bind_to_any_port(o_.host);
      if (port_ < 0) return Status::IOError("cannot bind to " + o_.host);
    } else {
      if (!http_.bind_to_port(o_.host, o_.port)) {
        return Status::IOError("cannot bind to " + o_.host + ":" + std::to_string(o_.port) +
                               " (in use, or not an address of this machine?)");
      }
      port_ = o_.port;
    }
    return Status::OK();
  }

  int port() const override { return port_; }
  Status Run() override {
    run_started_ = true;
    Status st = Status::OK();
    if (!stop_requested_ && !http_.listen_after_bind()) {
      st = Status::IOError("the server stopped with an error");
    }
    run_returned_ = true;
    return st;
  }
  // httplib's stop() does nothing until the server listens: a Stop that comes between Run's
  // start and the listening loop waits for the loop (or makes Run return at once).
  void Stop() override {
    stop_requested_ = true;
    while (run_started_ && !run_returned_ && !http_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    http_.stop();
  }

 private:
  void Cors(const httplib::Request& req, httplib::Response& res) const {
    if (o_.allow_origin.empty()) return;
    if (req.get_header_value("Origin") == o_.allow_origin) {
      res.set_header("Access-Control-Allow-Origin", o_.allow_origin);
      res.set_header("Vary", "Origin");
      res.set_header("Access-Control-Allow-Methods", o_.token.empty() ? "GET" : "GET, POST");
      if (!o_.token.empty()) {
        res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      }
    }
  }

  static void Error(httplib::Response& res, int status, const std::string& msg) {
    res.status = status;
    res.set_content(ojson{{"error", msg}}.dump(-1, ' ', false, ojson::error_handler_t::replace),
                    "application/json; charset=utf-8");
  }

  // Store errors are logged here and answered without detail (no paths or SQL leak).
  static void StoreError(httplib::Response& res, const char* stage, const Status& st) {
    std::fprintf(stderr, "dyad serve: POST /api/articles: %s failed: %s\n", stage,
                 st.ToString().c_str());
    Error(res, 500, std::string(stage) + " failed (see the server's log)");
  }

  static constexpr int kMaxPostNesting = 64;

  // POST /api/articles: the body (one JSON object, an array of them, or JSON Lines) runs
  // through the pipeline: ingest, dedup, and coding with the server's dictionaries.
  void PostArticles(const httplib::Request& req, httplib::Response& res) {
    if (o_.token.empty()) {
      return Error(res, 403,
                   "ingest is disabled: start dyad serve with --token-file (or DYAD_TOKEN)");
    }
    const std::string auth = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.size() <= kBearer.size() || auth.compare(0, kBearer.size(), kBearer) != 0 ||
        !TokensEqual(std::string_view(auth).substr(kBearer.size()), o_.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      return Error(res, 401, "a valid 'Authorization: Bearer TOKEN' header is required");
    }
    // One object (possibly spread over lines) or an array becomes JSON Lines. Bodies nested
    // deeper than any article are left to the reader, which refuses them line by line
    // (serialising them again would recurse once per level).
    std::string body;
    size_t first = req.body.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (req.body[first] == '[' || req.body[first] == '{') &&
        JsonNesting(req.body) <= kMaxPostNesting) {
      auto j = ojson::parse(req.body, nullptr, /*allow_exceptions=*/false);
      if (j.is_array()) {
        for (const auto& e : j)
          body += e.dump(-1, ' ', false, ojson::error_handler_t::replace) + "\n";
      } else if (j.is_object()) {
        body = j.dump(-1, ' ', false, ojson::error_handler_t::replace) + "\n";
      }
    }
    if (body.empty()) body = req.body;
    if (first == std::string::npos) return Error(res, 400, "the body holds no articles");
    // Origins are named by the body's hash, so that posting the same body again stores
    // nothing new.
    char name[64];
    std::snprintf(name, sizeof name, "api:%016llx.jsonl",
                  static_cast<unsigned long long>(XXH3_64bits(body.data(), body.size())));
    std::vector<StoredArticle> stored;
    PipelineOptions po;
    po.db_path = o_.db;
    po.command = "api";
    po.buffer = &body;
    po.buffer_name = name;
    po.stored = &stored;
    po.ingest.max_record_bytes = o_.max_body_bytes;
    CountingSink diag(nullptr, 1000);
    ojson out;
    {
      std::lock_guard<std::mutex> lock(write_mu_);
      auto sum = RunPipeline(po, diag);
      if (!sum.ok()) return StoreError(res, "ingest", sum.status());
      out["read"] = sum->read;
      out["ingested"] = sum->ingested;
      out["new_versions"] = sum->new_versions;
      out["unchanged"] = sum->unchanged;
      if (sum->ingested + sum->new_versions > 0) {
        auto dd = DedupStore(o_.db);
        if (!dd.ok()) return StoreError(res, "dedup", dd.status());
        out["dedup"] = {{"examined", dd->articles},
                        {"exact", dd->exact},
                        {"near_duplicates", dd->near_duplicates},
                        {"reworded", dd->reworded}};
        if (dicts_ != nullptr) {
          auto cs = tabari::CodeStore(*dicts_, o_.db);
          if (!cs.ok()) return StoreError(res, "coding", cs.status());
          out["coding"] = {{"event_set", cs->event_set},
                           {"articles", cs->articles},
                           {"events", cs->events},
                           {"merged", cs->merged}};
        }
      }
    }
    ojson list = ojson::array();
    for (const StoredArticle& a : stored) {
      list.push_back(
          {{"id", a.id},
           {"origin", a.origin},
           {"external_id", a.external_id.empty() ? ojson(nullptr) : ojson(a.external_id)},
           {"outcome", a.outcome}});
    }
    ojson skipped = ojson::array();
    for (const Diagnostic& d : diag.kept()) {
      if (d.severity != Diagnostic::Severity::kSkipped) continue;
      skipped.push_back({{"record", d.line}, {"reason", d.reason}});
    }
    out["stored"] = std::move(list);
    out["skipped_count"] = diag.skipped();
    out["skipped"] = std::move(skipped);
    res.status = stored.empty() ? 400 : 200;
    res.set_content(out.dump(-1, ' ', false, ojson::error_handler_t::replace),
                    "application/json; charset=utf-8");
  }

  ServeOptions o_;
  httplib::Server http_;
  StorePool pool_;
  std::unique_ptr<tabari::DictionarySet> dicts_;
  std::mutex write_mu_;  // one pipeline run (one writer) at a time
  std::atomic<bool> run_started_{false}, run_returned_{false}, stop_requested_{false};
  int port_ = 0;
};

}  // namespace

bool TokensEqual(std::string_view given, std::string_view expected) {
  // Every byte of both is looked at whatever they hold: no early exit on a mismatch.
  size_t n = std::max(given.size(), expected.size());
  unsigned diff = given.size() == expected.size() ? 0u : 1u;
  for (size_t i = 0; i < n; ++i) {
    unsigned char a = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    unsigned char b = i < expected.size() ? static_cast<unsigned char>(expected[i]) : 0;
    diff |= static_cast<unsigned>(a ^ b);
  }
  return diff == 0;
}

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  auto s = std::make_unique<HttpServer>(options);
  DYAD_RETURN_IF_ERROR(s->Init());
  return std::unique_ptr<Server>(std::move(s));
}

}  // namespace dyad
