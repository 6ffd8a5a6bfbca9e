// Helpers shared by dyad's tests.
#ifndef DYAD_TESTS_TEST_UTIL_H_
#define DYAD_TESTS_TEST_UTIL_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dyad/diagnostics.h"
#include "dyad/ingest.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"

namespace dyad::testing {

// ../shared beside the repository, or "" when it is absent (tests then GTEST_SKIP).
std::string SharedDir();

// A fresh temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  // Writes `bytes` to path()/name and returns the full path.
  std::string Write(const std::string& name, const std::string& bytes) const;

 private:
  std::string path_;
};

// Points an environment variable (DYAD_CACHE_DIR by default) at `value` for the object's
// lifetime, then restores it.
class EnvScope {
 public:
  explicit EnvScope(const std::string& value, const std::string& name = "DYAD_CACHE_DIR");
  ~EnvScope();
  EnvScope(const EnvScope&) = delete;
  EnvScope& operator=(const EnvScope&) = delete;

 private:
  std::string name_;
  bool had_ = false;
  std::string old_;
};

// Collects records and diagnostics from the readers.
struct Collected {
  std::vector<SourceRecord> records;
  std::vector<Diagnostic> diags;
  int skipped() const;
};

Collected ReadAll(const std::vector<std::string>& paths, const IngestOptions& opt = {});
Collected ReadBytes(const std::string& name, const std::string& bytes,
                    const IngestOptions& opt = {});

// A corpus run through the pipeline into a store, with its articles keyed by the first three
// characters of their file name ("000", "001", ...), as the seeds and the sample are numbered.
struct LoadedCorpus {
  PipelineSummary summary;
  std::unique_ptr<Store> store;
  std::map<std::string, ArticleRow> by_number;
};
Status RunAndLoad(const std::vector<std::string>& inputs, const std::string& db, LoadedCorpus* out);

}  // namespace dyad::testing

#define DYAD_REQUIRE_SHARED()                                              \
  do {                                                                     \
    if (::dyad::testing::SharedDir().empty()) {                            \
      GTEST_SKIP() << "../shared is absent: reference data not available"; \
    }                                                                      \
  } while (0)

#endif  // DYAD_TESTS_TEST_UTIL_H_
