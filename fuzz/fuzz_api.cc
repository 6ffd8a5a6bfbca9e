// The HTTP API's parameter handling: arbitrary paths and query parameters against a store
// holding the coded sample corpus. Every answer must be JSON with status 200, 400 or 404
// (never 500: bad input is the client's mistake), and the store must not change.
//
// Input: the path, then lines "key=value" (raw bytes, as the server hands them over after
// URL decoding).
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>

#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"
#include "dyad/tabari.h"
#include "fuzz_util.h"
#include "serve/api.h"

namespace {

struct Fixture {
  std::unique_ptr<dyad::Store> store;
  std::unique_ptr<dyad::tabari::DictionarySet> dicts;
  int64_t events = 0;
};

Fixture* Make() {
  auto* f = new Fixture();
  static char dir[] = "/tmp/dyad-fuzz-api-XXXXXX";
  if (mkdtemp(dir) == nullptr) std::abort();
  // The store lives as long as the process; its folder goes when the fuzzer exits (each run
  // left one behind in /tmp before).
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  });
  std::string db = std::string(dir) + "/api.db";
  dyad::PipelineOptions opt;
  opt.inputs = {dyad::SampleCorpusDir()};
  opt.db_path = db;
  dyad::CountingSink diag(nullptr);
  if (!dyad::RunPipeline(opt, diag).ok() || !dyad::DedupStore(db).ok()) std::abort();
  auto dicts = dyad::tabari::DictionarySet::Load({dyad::DefaultDictionaryDir()}, diag, false);
  if (!dicts.ok() || !dyad::tabari::CodeStore(**dicts, db).ok()) std::abort();
  f->dicts = std::move(*dicts);
  auto store = dyad::Store::OpenExisting(db);
  if (!store.ok()) std::abort();
  f->store = std::move(*store);
  auto events = f->store->CountEvents();
  f->events = events.ok() ? *events : -1;
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture* fixture = Make();
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string path = "/api/" + in.substr(0, nl);
  dyad::ApiParams params;
  while (nl != std::string::npos) {
    size_t next = in.find('\n', nl + 1);
    std::string line =
        in.substr(nl + 1, next == std::string::npos ? std::string::npos : next - nl - 1);
    size_t eq = line.find('=');
    params.emplace(line.substr(0, eq), eq == std::string::npos ? "" : line.substr(eq + 1));
    nl = next;
  }
  dyad::ApiResponse r = dyad::Api(*fixture->store, fixture->dicts.get()).Get(path, params);
  DYAD_FUZZ_CHECK(r.status == 200 || r.status == 400 || r.status == 404);
  DYAD_FUZZ_CHECK(!nlohmann::json::parse(r.body, nullptr, false).is_discarded());
  auto events = fixture->store->CountEvents();
  DYAD_FUZZ_CHECK(events.ok() && *events == fixture->events);
  return 0;
}
