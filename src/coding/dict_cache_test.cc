// The compiled dictionary cache: a second load reads the compiled image and codes exactly as
// a parse does; a damaged image is never trusted; concurrent loads do not disturb each other.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "coding/tabari_validate.h"
#include "dyad/pipeline.h"
#include "dyad/tabari.h"
#include "test_util.h"

namespace dyad::tabari {
namespace {

namespace fs = std::filesystem;
using testing::SharedDir;
using testing::TempDir;

using CacheDirScope = testing::EnvScope;

std::vector<std::string> CacheFiles(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().string());
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Render(const CodedResult& r) {
  std::string s = Describe(r) + (r.discarded ? " D" : "") + (r.complex ? " C" : "");
  for (const CodedEvent& e : r.events) {
    s += " " + e.rule + "@" + std::to_string(e.source_begin) + "-" +
         std::to_string(e.target_begin) + "-" + std::to_string(e.verb_begin);
  }
  return s;
}

std::unique_ptr<DictionarySet> MustLoad(const std::vector<std::string>& paths, CountingSink* diag) {
  auto d = DictionarySet::Load(paths, *diag, false);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? std::move(*d) : nullptr;
}

// The TABARI validation project's records and the default dictionaries' sentences.
std::vector<std::string> Sentences(const std::string& project_dir) {
  std::vector<std::string> out;
  for (const ValidationRecord& r : ParseValidationRecords(Slurp(project_dir + "/Validate.text"))) {
    out.push_back(r.text);
  }
  return out;
}

TEST(DictCache, RoundTripCodesIdenticallyOnTheValidationProject) {
  DYAD_REQUIRE_SHARED();
  TempDir dir;
  CacheDirScope scope(dir.File("cache"));
  const std::string project = SharedDir() + "/reference/tabari/Validate.project";
  CountingSink cold_diag(nullptr), warm_diag(nullptr);
  auto cold = MustLoad({project}, &cold_diag);
  ASSERT_NE(cold, nullptr);
  ASSERT_EQ(CacheFiles(dir.File("cache")).size(), 1u);
  auto warm = MustLoad({project}, &warm_diag);
  ASSERT_NE(warm, nullptr);
  EXPECT_EQ(cold->hash(), warm->hash());
  EXPECT_EQ(cold->description(), warm->description());
  EXPECT_EQ(cold_diag.skipped(), warm_diag.skipped());  // bad lines are reported again
  auto sentences = Sentences(SharedDir() + "/reference/tabari");
  ASSERT_GT(sentences.size(), 400u);
  for (const std::string& s : sentences) {
    ASSERT_EQ(Render(cold->Code(s, 19950101)), Render(warm->Code(s, 19950101))) << s;
    ASSERT_EQ(cold->ActorCode(s, 19950101), warm->ActorCode(s, 19950101));
  }
}

TEST(DictCache, RoundTripCodesIdenticallyWithTheDefaultDictionaries) {
  DYAD_REQUIRE_SHARED();
  if (DefaultDictionaryDir().empty()) GTEST_SKIP() << "no default dictionaries";
  TempDir dir;
  CacheDirScope scope(dir.File("cache"));
  CountingSink diag(nullptr);
  auto cold = MustLoad({DefaultDictionaryDir()}, &diag);
  auto warm = MustLoad({DefaultDictionaryDir()}, &diag);
  ASSERT_NE(cold, nullptr);
  ASSERT_NE(warm, nullptr);
  size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(SharedDir() + "/seeds")) {
    if (!e.is_regular_file()) continue;
    std::string text = Slurp(e.path().string());
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      ASSERT_EQ(Render(cold->Code(line, 20240101)), Render(warm->Code(line, 20240101)));
      ++n;
    }
  }
  EXPECT_GT(n, 0u);
}

// A damaged image (bytes flipped, truncated, garbage) is ignored with a note and rewritten.
TEST(DictCache, DamagedImageFallsBackToParsing) {
  DYAD_REQUIRE_SHARED();
  TempDir dir;
  CacheDirScope scope(dir.File("cache"));
  const std::string project = SharedDir() + "/reference/tabari/Validate.project";
  CountingSink diag(nullptr);
  auto reference = MustLoad({project}, &diag);
  ASSERT_NE(reference, nullptr);
  auto files = CacheFiles(dir.File("cache"));
  ASSERT_EQ(files.size(), 1u);
  const std::string image = Slurp(files[0]);
  const std::string sentence = Sentences(SharedDir() + "/reference/tabari").at(3);
  const std::string expected = Render(reference->Code(sentence, 19950101));
  std::vector<std::string> damaged;
  for (size_t at : {size_t{3}, size_t{40}, image.size() / 2, image.size() - 3}) {
    std::string d = image;
    d[at] = static_cast<char>(d[at] ^ 0x5A);
    damaged.push_back(d);
  }
  damaged.push_back(image.substr(0, image.size() / 3));
  damaged.push_back(image.substr(0, 20));
  damaged.push_back("");
  for (const std::string& d : damaged) {
    {
      std::ofstream out(files[0], std::ios::binary | std::ios::trunc);
      out << d;
    }
    CountingSink notes(nullptr);
    auto again = MustLoad({project}, &notes);
    ASSERT_NE(again, nullptr);
    EXPECT_GE(notes.notes(), 1) << "no note for a damaged cache file of " << d.size() << " bytes";
    EXPECT_EQ(Render(again->Code(sentence, 19950101)), expected);
    EXPECT_EQ(Slurp(files[0]), image) << "the damaged file was not rewritten";
  }
}

// A changed dictionary file makes the image stale: it is parsed again, not read.
TEST(DictCache, StaleImageIsNotUsed) {
  TempDir dir;
  CacheDirScope scope(dir.File("cache"));
  const std::string verbs = dir.File("a.verbs"), actors = dir.File("a.actors");
  {
    std::ofstream(verbs) << "ATTACK [190]\n";
    std::ofstream(actors) << "GONDOR [GON]\nMORDOR [MOR]\n";
  }
  const std::string s = "Gondor attacked Mordor again on Tuesday morning after the talks";
  CountingSink diag(nullptr);
  auto first = MustLoad({verbs, actors}, &diag);
  ASSERT_NE(first, nullptr);
  ASSERT_EQ(first->Code(s, 0).events.size(), 1u);
  EXPECT_EQ(first->Code(s, 0).events[0].source, "GON");
  { std::ofstream(actors) << "GONDOR [ROH]\nMORDOR [MOR]\n"; }
  auto second = MustLoad({verbs, actors}, &diag);
  ASSERT_NE(second, nullptr);
  ASSERT_EQ(second->Code(s, 0).events.size(), 1u);
  EXPECT_EQ(second->Code(s, 0).events[0].source, "ROH");
  EXPECT_NE(first->hash(), second->hash());
}

TEST(DictCache, OffDisablesTheCache) {
  TempDir dir;
  CacheDirScope scope("off");
  const std::string verbs = dir.File("b.verbs");
  { std::ofstream(verbs) << "ATTACK [190]\n"; }
  CountingSink diag(nullptr);
  ASSERT_NE(MustLoad({verbs}, &diag), nullptr);
  EXPECT_TRUE(CacheFiles(dir.File("cache")).empty());
}

TEST(DictCache, ConcurrentLoadsDoNotBreakEachOther) {
  DYAD_REQUIRE_SHARED();
  TempDir dir;
  CacheDirScope scope(dir.File("cache"));
  const std::string project = SharedDir() + "/reference/tabari/Validate.project";
  const std::string sentence = Sentences(SharedDir() + "/reference/tabari").at(5);
  CountingSink diag(nullptr);
  const std::string expected =
      Render(MustLoad({project}, &diag)->Code(sentence, 19950101));  // also writes the image
  fs::remove_all(dir.File("cache"));
  std::vector<std::string> got(6);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2; ++round) {
        CountingSink d(nullptr);
        auto set = DictionarySet::Load({project}, d, false);
        if (!set.ok()) return;
        got[t] = Render((*set)->Code(sentence, 19950101));
        if (got[t] != expected) return;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const std::string& g : got) EXPECT_EQ(g, expected);
  auto files = CacheFiles(dir.File("cache"));
  ASSERT_EQ(files.size(), 1u) << "temporary files left behind";
}

}  // namespace
}  // namespace dyad::tabari
