#include "test_util.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace dyad::testing {

namespace fs = std::filesystem;

std::string SharedDir() {
  if (const char* env = std::getenv("DYAD_SHARED"); env != nullptr && fs::is_directory(env)) {
    return env;
  }
  std::error_code ec;
  if (fs::is_directory(DYAD_SHARED_DIR "/seeds", ec)) {
    return fs::weakly_canonical(DYAD_SHARED_DIR, ec).string();
  }
  return "";
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "dyad-test-XXXXXX").string();
  char* p = mkdtemp(tmpl.data());
  path_ = p != nullptr ? p : "";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

EnvScope::EnvScope(const std::string& value, const std::string& name) : name_(name) {
  const char* old = std::getenv(name_.c_str());
  had_ = old != nullptr;
  if (had_) old_ = old;
  ::setenv(name_.c_str(), value.c_str(), 1);
}

EnvScope::~EnvScope() {
  if (had_) {
    ::setenv(name_.c_str(), old_.c_str(), 1);
  } else {
    ::unsetenv(name_.c_str());
  }
}

std::string TempDir::Write(const std::string& name, const std::string& bytes) const {
  std::string full = File(name);
  fs::create_directories(fs::path(full).parent_path());
  std::ofstream(full, std::ios::binary) << bytes;
  return full;
}

namespace {
class VectorSink : public DiagnosticSink {
 public:
  explicit VectorSink(std::vector<Diagnostic>* out) : out_(out) {}
  void Report(const Diagnostic& d) override { out_->push_back(d); }

 private:
  std::vector<Diagnostic>* out_;
};
}  // namespace

int Collected::skipped() const {
  int n = 0;
  for (const auto& d : diags) n += d.severity == Diagnostic::Severity::kSkipped;
  return n;
}

Collected ReadAll(const std::vector<std::string>& paths, const IngestOptions& opt) {
  Collected c;
  VectorSink sink(&c.diags);
  Status s = ReadInputs(
      paths, opt,
      [&](SourceRecord&& r) {
        c.records.push_back(std::move(r));
        return Status::OK();
      },
      sink);
  if (!s.ok()) c.diags.push_back({Diagnostic::Severity::kSkipped, "status", 0, s.ToString()});
  return c;
}

Collected ReadBytes(const std::string& name, const std::string& bytes, const IngestOptions& opt) {
  Collected c;
  VectorSink sink(&c.diags);
  Status s = ReadBuffer(
      name, bytes, opt,
      [&](SourceRecord&& r) {
        c.records.push_back(std::move(r));
        return Status::OK();
      },
      sink);
  if (!s.ok()) c.diags.push_back({Diagnostic::Severity::kSkipped, "status", 0, s.ToString()});
  return c;
}

Status RunAndLoad(const std::vector<std::string>& inputs, const std::string& db,
                  LoadedCorpus* out) {
  PipelineOptions opt;
  opt.inputs = inputs;
  opt.db_path = db;
  CountingSink diag(nullptr);
  auto sum = RunPipeline(opt, diag);
  if (!sum.ok()) return sum.status();
  out->summary = *sum;
  auto store = Store::OpenExisting(db);
  if (!store.ok()) return store.status();
  out->store = std::move(*store);
  return out->store->ForEachArticle({}, [&](const ArticleRow& a) {
    size_t slash = a.origin.rfind('/');
    out->by_number[a.origin.substr(slash + 1, 3)] = a;
    return true;
  });
}

}  // namespace dyad::testing
