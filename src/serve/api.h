// The read-only JSON API over a store (docs/api.md), independent of any HTTP library: the
// server hands it a path and the query parameters and sends back what it returns, and tests
// call it directly.
#ifndef DYAD_SERVE_API_H_
#define DYAD_SERVE_API_H_

#include <map>
#include <string>

#include "dyad/store.h"
#include "dyad/tabari.h"

namespace dyad {

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON; errors are {"error": "..."}
};

using ApiParams = std::multimap<std::string, std::string>;

class Api {
 public:
  // `store` must outlive the Api and is used from one thread at a time; `dictionaries` (may be
  // null) name the actors in copy diffs so that changed actors are flagged.
  Api(const Store& store, const tabari::DictionarySet* dictionaries)
      : store_(store), dicts_(dictionaries) {}

  // Answers GET `path` (starting with /api/). Bad parameters give 400 with a message naming
  // the parameter; unknown paths and ids 404; store failures 500.
  ApiResponse Get(const std::string& path, const ApiParams& params) const;

 private:
  const Store& store_;
  const tabari::DictionarySet* dicts_;
};

}  // namespace dyad

#endif  // DYAD_SERVE_API_H_
