// `dyad serve`: the HTTP API over a store (docs/api.md) and the dashboard's files. Reads are
// open; POST /api/articles (ingest) needs the configured bearer token.
#ifndef DYAD_SERVE_H_
#define DYAD_SERVE_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct ServeOptions {
  std::string db;                         // the store (opened read-only per worker)
  std::string host = "127.0.0.1";         // loopback unless the user says otherwise
  int port = 8080;                        // 0: any free port (see Server::port)
  std::string web_root;                   // the dashboard's built files; empty: API only
  std::vector<std::string> dictionaries;  // name actors in copy diffs; empty: dyad's defaults
  int threads = 8;                        // worker threads, each with its own store connection
  size_t max_body_bytes = 1 << 20;        // larger requests are refused (413)
  int timeout_seconds = 10;               // per request: read, query (503 past it) and write
  std::string allow_origin;               // CORS: an origin allowed to call the API; empty: none
  bool access_log = false;                // one line per request on stderr
  // The bearer token POST /api/articles requires; empty: the endpoint is disabled (403).
  std::string token;
};

// Whether `given` equals `expected`, in time that depends only on their lengths (not on where
// they first differ).
bool TokensEqual(std::string_view given, std::string_view expected);

class Server {
 public:
  // Opens the store and the dictionaries and binds the socket (so that port() is known), but
  // does not answer until Run.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options);
  virtual ~Server() = default;
  virtual int port() const = 0;
  // Answers requests until Stop is called (from any thread).
  virtual Status Run() = 0;
  virtual void Stop() = 0;
};

}  // namespace dyad

#endif  // DYAD_SERVE_H_
