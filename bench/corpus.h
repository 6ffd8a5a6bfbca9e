// Loading benchmark corpora from ../shared/corpora (research-only data, read in place).
#ifndef DYAD_BENCH_CORPUS_H_
#define DYAD_BENCH_CORPUS_H_

#include <string>
#include <vector>

namespace dyad::bench {

struct Doc {
  std::string id;
  std::string date;  // ISO date when known
  std::string title;
  std::string text;  // UTF-8
};

// The BBC News corpus: one article per file, first line the headline.
std::vector<Doc> LoadBbc(const std::string& dir);

// Reuters-21578: the <BODY> of every story in reut2-*.sgm, entities decoded, with its NEWID,
// <DATE> (as YYYY-MM-DD) and <TITLE>. Stories without a body are left out.
std::vector<Doc> LoadReuters(const std::string& dir);

size_t TotalBytes(const std::vector<Doc>& docs);

// A compiled-cache folder of the bench's own (in the temporary folder, named by `name` and the
// process id): DYAD_CACHE_DIR points at it while the object lives, and it is removed at the end.
class PrivateCacheDir {
 public:
  explicit PrivateCacheDir(const std::string& name);
  ~PrivateCacheDir();
  PrivateCacheDir(const PrivateCacheDir&) = delete;
  PrivateCacheDir& operator=(const PrivateCacheDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace dyad::bench

#endif  // DYAD_BENCH_CORPUS_H_
