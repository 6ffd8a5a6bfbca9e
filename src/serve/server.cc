// The HTTP server: cpp-httplib in front of Api. Every worker thread borrows a store
// connection from a pool, so that slow queries do not serialise the others.

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>

#include "dyad/diagnostics.h"
#include "dyad/pipeline.h"
#include "dyad/serve.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "serve/api.h"
#include "serve/json.h"

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
    http_.set_read_timeout(o_.timeout_seconds, 0);
    http_.set_write_timeout(o_.timeout_seconds, 0);
    http_.set_keep_alive_timeout(5);
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
      ApiResponse r = Api(*store, dicts_.get()).Get(req.path, params);
      pool_.Release(std::move(store));
      res.status = r.status;
      res.set_content(r.body, "application/json; charset=utf-8");
      res.set_header("Cache-Control", "no-store");
      Cors(req, res);
    });
    // Nothing writes through this server yet: every other method on the API is refused.
    auto refuse = [this](const httplib::Request& req, httplib::Response& res) {
      res.status = 405;
      res.set_header("Allow", "GET");
      res.set_content(R"({"error":"the API is read-only: only GET is allowed"})",
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
    if (!http_.listen_after_bind()) return Status::IOError("the server stopped with an error");
    return Status::OK();
  }
  void Stop() override { http_.stop(); }

 private:
  void Cors(const httplib::Request& req, httplib::Response& res) const {
    if (o_.allow_origin.empty()) return;
    if (req.get_header_value("Origin") == o_.allow_origin) {
      res.set_header("Access-Control-Allow-Origin", o_.allow_origin);
      res.set_header("Vary", "Origin");
      res.set_header("Access-Control-Allow-Methods", "GET");
    }
  }

  ServeOptions o_;
  httplib::Server http_;
  StorePool pool_;
  std::unique_ptr<tabari::DictionarySet> dicts_;
  int port_ = 0;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  auto s = std::make_unique<HttpServer>(options);
  DYAD_RETURN_IF_ERROR(s->Init());
  return std::unique_ptr<Server>(std::move(s));
}

}  // namespace dyad
