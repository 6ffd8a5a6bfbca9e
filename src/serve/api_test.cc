// The JSON API on the bundled sample corpus (ingested, deduplicated and coded with dyad's
// default dictionaries), and the HTTP server in front of it.
#include "serve/api.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "dyad/analysis.h"
#include "dyad/dedup.h"
#include "dyad/diagnostics.h"
#include "dyad/export.h"
#include "dyad/geo.h"
#include "dyad/pipeline.h"
#include "dyad/serve.h"
#include "dyad/tabari.h"
#include "test_util.h"

namespace dyad {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    db_ = dir_->File("api.db");
    testing::LoadedCorpus c;
    Status s = testing::RunAndLoad({SampleCorpusDir()}, db_, &c);
    ASSERT_TRUE(s.ok()) << s.ToString();
    c.store.reset();
    ASSERT_TRUE(DedupStore(db_).ok());
    CountingSink diag(nullptr);
    auto dicts = tabari::DictionarySet::Load({DefaultDictionaryDir()}, diag, false);
    ASSERT_TRUE(dicts.ok()) << dicts.status().ToString();
    dicts_ = dicts->release();
    auto coded = tabari::CodeStore(*dicts_, db_);
    ASSERT_TRUE(coded.ok()) << coded.status().ToString();
    auto store = Store::OpenExisting(db_);
    ASSERT_TRUE(store.ok());
    store_ = store->release();
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dicts_;
    delete dir_;
  }

  // GET path?params; checks the status and that the body is JSON.
  static json Get(const std::string& path, const ApiParams& params = {}, int status = 200) {
    ApiResponse r = Api(*store_, dicts_).Get(path, params);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    json j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }

  static testing::TempDir* dir_;
  static std::string db_;
  static tabari::DictionarySet* dicts_;
  static Store* store_;
};
testing::TempDir* ApiTest::dir_ = nullptr;
std::string ApiTest::db_;
tabari::DictionarySet* ApiTest::dicts_ = nullptr;
Store* ApiTest::store_ = nullptr;

bool StartsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

TEST_F(ApiTest, Health) {
  json h = Get("/api/health");
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["schema"], Store::CurrentSchemaVersion());
  EXPECT_GE(h["articles"].get<int>(), 20);
  EXPECT_GT(h["events"].get<int>(), 10);
  EXPECT_TRUE(h["event_set"].is_number());
}

TEST_F(ApiTest, EventsOfADyadWithHighlightedSentences) {
  json r = Get("/api/events", {{"dyad", "kaz,rus"}});
  ASSERT_GE(r["total"].get<int>(), 3);
  EXPECT_EQ(r["events"].size(), r["total"].get<size_t>());
  for (const auto& e : r["events"]) {
    std::string s = e["source"], t = e["target"];
    EXPECT_TRUE((StartsWith(s, "KAZ") && StartsWith(t, "RUS")) ||
                (StartsWith(s, "RUS") && StartsWith(t, "KAZ")))
        << s << " " << t;
    // The segments rebuild the sentence and mark source, target and verb.
    std::string joined;
    std::set<std::string> roles;
    for (const auto& seg : e["segments"]) {
      joined += seg["text"].get<std::string>();
      if (!seg["role"].is_null()) roles.insert(seg["role"].get<std::string>());
    }
    EXPECT_EQ(joined, e["sentence"].get<std::string>());
    EXPECT_TRUE(roles.count("source") && roles.count("target") && roles.count("verb"))
        << e["sentence"];
  }
  // Directed: only KAZ as the source.
  json d = Get("/api/events", {{"dyad", "KAZ,RUS"}, {"directed", "1"}});
  EXPECT_LT(d["total"].get<int>(), r["total"].get<int>());
  for (const auto& e : d["events"]) EXPECT_TRUE(StartsWith(e["source"], "KAZ"));
  // Paging: limit and offset walk the same list.
  json p0 = Get("/api/events", {{"dyad", "KAZ,RUS"}, {"limit", "1"}});
  json p1 = Get("/api/events", {{"dyad", "KAZ,RUS"}, {"limit", "1"}, {"offset", "1"}});
  ASSERT_EQ(p0["events"].size(), 1u);
  ASSERT_EQ(p1["events"].size(), 1u);
  EXPECT_EQ(p0["events"][0]["id"], r["events"][0]["id"]);
  EXPECT_EQ(p1["events"][0]["id"], r["events"][1]["id"]);
  EXPECT_EQ(p1["total"], r["total"]);
  // Newest first.
  json desc = Get("/api/events", {{"dyad", "KAZ,RUS"}, {"order", "desc"}, {"limit", "1"}});
  EXPECT_EQ(desc["events"][0]["id"], r["events"].back()["id"]);
}

TEST_F(ApiTest, EventFiltersNarrowTheList) {
  json all = Get("/api/events", {{"limit", "1000"}});
  int total = all["total"];
  ASSERT_GT(total, 10);
  for (const auto& [k, v] :
       std::vector<std::pair<std::string, std::string>>{{"quad", "4"},
                                                        {"code", "19"},
                                                        {"modality", "negated"},
                                                        {"q", "troops"},
                                                        {"from", "2023-01-01"},
                                                        {"to", "2022-06-30"},
                                                        {"actor", "CHN"}}) {
    json r = Get("/api/events", {{k, v}, {"limit", "1000"}});
    EXPECT_LT(r["total"].get<int>(), total) << k << "=" << v;
    for (const auto& e : r["events"]) {
      if (k == "quad") {
        EXPECT_EQ(e["quad_class"], 4);
      }
      if (k == "code") {
        EXPECT_TRUE(StartsWith(e["cameo"], "19"));
      }
      if (k == "modality") {
        EXPECT_EQ(e["modality"], "negated");
      }
      if (k == "from") {
        EXPECT_GE(e["date"].get<std::string>(), "2023-01-01");
      }
      if (k == "to") {
        EXPECT_LE(e["date"].get<std::string>(), "2022-06-30");
      }
      if (k == "actor") {
        EXPECT_TRUE(StartsWith(e["source"], "CHN") || StartsWith(e["target"], "CHN"));
      }
    }
  }
  // One event with every report of it.
  int64_t id = all["events"][0]["id"];
  json one = Get("/api/events/" + std::to_string(id));
  EXPECT_EQ(one["event"]["id"], id);
  EXPECT_GE(one["mentions"].size(), 1u);
  Get("/api/events/99999999", {}, 404);
  Get("/api/events/abc", {}, 400);
}

TEST_F(ApiTest, SeriesCountsEveryAssertedEventOnce) {
  json s = Get("/api/series", {{"a", "KAZ"}, {"b", "RUS"}, {"by", "month"}});
  ASSERT_FALSE(s["points"].empty());
  int events = 0;
  std::string prev;
  for (const auto& p : s["points"]) {
    events += p["events"].get<int>();
    EXPECT_EQ(p["q1"].get<int>() + p["q2"].get<int>() + p["q3"].get<int>() + p["q4"].get<int>(),
              p["events"].get<int>());
    if (!prev.empty()) {
      EXPECT_EQ(p["period"], NextPeriod(prev, Period::kMonth));
    }
    prev = p["period"];
  }
  json listed = Get("/api/events", {{"dyad", "KAZ,RUS"}, {"modality", "asserted"}});
  EXPECT_EQ(events + s["undated"].get<int>(), listed["total"].get<int>());
  // Weekly and yearly series hold the same events (an event dated only to its year is in
  // the yearly series and undated for the others).
  for (const char* by : {"week", "year"}) {
    json w = Get("/api/series", {{"a", "KAZ"}, {"b", "RUS"}, {"by", by}});
    int n = 0;
    for (const auto& p : w["points"]) n += p["events"].get<int>();
    EXPECT_EQ(n + w["undated"].get<int>(), events + s["undated"].get<int>()) << by;
    if (std::string(by) == "year") {
      EXPECT_GE(n, events);
    }
  }
  Get("/api/series", {{"b", "RUS"}}, 400);
  // Without actors: the whole store.
  json everything = Get("/api/series", {{"modality", "any"}});
  int all_events = everything["undated"];
  for (const auto& p : everything["points"]) all_events += p["events"].get<int>();
  EXPECT_EQ(all_events, Get("/api/health")["events"].get<int>());
  Get("/api/series", {{"a", "KAZ"}, {"by", "fortnight"}}, 400);
}

TEST_F(ApiTest, ActorsNetworkAndMap) {
  json a = Get("/api/actors", {{"limit", "5"}});
  ASSERT_FALSE(a["actors"].empty());
  EXPECT_LE(a["actors"].size(), 5u);
  for (size_t i = 1; i < a["actors"].size(); ++i) {
    EXPECT_GE(a["actors"][i - 1]["events"], a["actors"][i]["events"]);
  }
  json kaz = Get("/api/actors/kaz");
  EXPECT_EQ(kaz["code"], "KAZ");
  EXPECT_FALSE(kaz["partners"].empty());
  EXPECT_FALSE(kaz["series"].empty());
  json n = Get("/api/network");
  ASSERT_FALSE(n["links"].empty());
  std::set<std::string> nodes;
  for (const auto& node : n["nodes"]) nodes.insert(node["id"].get<std::string>());
  for (const auto& l : n["links"]) {
    EXPECT_TRUE(nodes.count(l["source"]) && nodes.count(l["target"]));
    EXPECT_NE(l["source"], l["target"]);
  }
  json m = Get("/api/map");
  bool kaz_on_map = false;
  for (const auto& c : m["countries"]) kaz_on_map = kaz_on_map || c["code"] == "KAZ";
  EXPECT_TRUE(kaz_on_map);
  // Places: where events happened (docs/geo.md), each with coordinates and a count; only
  // when the gazetteer is installed.
  ASSERT_TRUE(m["places"].is_array());
  for (const auto& p : m["places"]) {
    EXPECT_TRUE(p["name"].is_string());
    EXPECT_TRUE(p["lat"].is_number());
    EXPECT_TRUE(p["lon"].is_number());
    EXPECT_GE(p["events"].get<int>(), 1);
  }
  if (geo::Gazetteer::Default().ok()) {
    bool kaz_place = false;
    for (const auto& p : m["places"]) kaz_place = kaz_place || p["country"] == "KAZ";
    EXPECT_TRUE(kaz_place) << m["places"].dump();
  }
}

TEST_F(ApiTest, ClustersAndTheDiffOfACopy) {
  json c = Get("/api/clusters");
  ASSERT_FALSE(c["clusters"].empty());
  int64_t canonical = 0, reworded = 0;
  for (const auto& cl : c["clusters"]) {
    for (const auto& m : cl["members"]) {
      if (m["relation"] == "reworded") {
        reworded = m["article_id"];
        canonical = cl["canonical_article_id"];
      }
    }
  }
  ASSERT_GT(reworded, 0) << "the sample corpus holds a reworded copy";
  json d = Get("/api/diff", {{"a", std::to_string(canonical)}, {"b", std::to_string(reworded)}});
  EXPECT_EQ(d["relation"], "reworded");
  EXPECT_GT(d["substitutions"].get<int>(), 0);
  for (const auto& s : d["sentences"]) {
    std::string a, b;
    for (const auto& seg : s["a_segments"]) a += seg["text"].get<std::string>();
    for (const auto& seg : s["b_segments"]) b += seg["text"].get<std::string>();
    EXPECT_EQ(a, s["a_text"].get<std::string>());
    EXPECT_EQ(b, s["b_text"].get<std::string>());
  }
  Get("/api/diff", {{"a", "1"}}, 400);
  Get("/api/diff", {{"a", "1"}, {"b", "99999999"}}, 404);
}

// /api/clusters answers one page at a time: following `next` visits every cluster once, in
// id order, and `total` counts what the filters select. The sample corpus holds one story with
// copies, so this store's clusters are made by hand: eight of two articles and one of four.
TEST(ApiClusters, ComeInPagesWithACursor) {
  testing::TempDir dir;
  testing::LoadedCorpus corpus;
  Status loaded = testing::RunAndLoad({SampleCorpusDir()}, dir.File("pages.db"), &corpus);
  ASSERT_TRUE(loaded.ok()) << loaded.ToString();
  Store& store = *corpus.store;
  std::vector<int64_t> art;
  for (const auto& [number, row] : corpus.by_number) art.push_back(row.id);
  ASSERT_GE(art.size(), 20u);
  ASSERT_TRUE(store.BeginBatch().ok());
  for (size_t i = 0; i < 9; ++i) {
    ASSERT_TRUE(store.AddToCluster(art[2 * i + 1], art[2 * i], "exact", 1.0).ok());
  }
  ASSERT_TRUE(store.AddToCluster(art[18], art[0], "near-duplicate", 0.9).ok());
  ASSERT_TRUE(store.AddToCluster(art[19], art[0], "reworded", 0.8).ok());
  ASSERT_TRUE(store.CommitBatch().ok());
  Api api(store, nullptr);
  auto get = [&](const ApiParams& params, int status = 200) {
    ApiResponse r = api.Get("/api/clusters", params);
    EXPECT_EQ(r.status, status) << r.body;
    json j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  };

  json whole = get({{"limit", "1000"}});
  const json all = whole["clusters"];
  ASSERT_EQ(all.size(), 9u);
  EXPECT_EQ(whole["total"], 9);
  EXPECT_TRUE(whole["next"].is_null());
  EXPECT_EQ(whole["limit"], 1000);
  EXPECT_EQ(get({})["limit"], 100);  // the default
  EXPECT_EQ(all[0]["size"], 4);
  EXPECT_EQ(all[0]["members"].size(), 4u);

  // Pages of 1, 2 and 4: `next` is the last id of a full page, null after the last.
  std::vector<int64_t> ids;
  for (const auto& c : all) ids.push_back(c["id"]);
  for (int limit : {1, 2, 4}) {
    std::vector<int64_t> paged;
    ApiParams q = {{"limit", std::to_string(limit)}};
    for (int pages = 0; pages <= 9; ++pages) {
      json page = get(q);
      ASSERT_LE(page["clusters"].size(), static_cast<size_t>(limit));
      EXPECT_EQ(page["total"], 9);
      for (const auto& c : page["clusters"]) paged.push_back(c["id"]);
      if (page["next"].is_null()) break;
      EXPECT_EQ(page["clusters"].size(), static_cast<size_t>(limit));
      EXPECT_EQ(page["next"], page["clusters"].back()["id"]);
      q.erase("after");
      q.emplace("after", std::to_string(page["next"].get<int64_t>()));
    }
    EXPECT_EQ(paged, ids) << "limit " << limit;
  }
  // A page that ends exactly at the last cluster has no next.
  json tail = get({{"limit", "3"}, {"after", std::to_string(ids[5])}});
  EXPECT_EQ(tail["clusters"].size(), 3u);
  EXPECT_TRUE(tail["next"].is_null());

  // One cluster by id, or the one holding an article.
  json one = get({{"id", std::to_string(ids[4])}});
  ASSERT_EQ(one["clusters"].size(), 1u);
  EXPECT_EQ(one["clusters"][0], all[4]);
  EXPECT_EQ(one["total"], 1);
  EXPECT_TRUE(one["next"].is_null());
  json held = get({{"article_id", std::to_string(art[19])}});
  ASSERT_EQ(held["clusters"].size(), 1u);
  EXPECT_EQ(held["clusters"][0]["id"], ids[0]);
  EXPECT_EQ(held["total"], 1);
  json none = get({{"article_id", std::to_string(art[20])}});  // in no cluster
  EXPECT_TRUE(none["clusters"].empty());
  EXPECT_EQ(none["total"], 0);
  EXPECT_TRUE(none["next"].is_null());
  EXPECT_TRUE(get({{"id", "99999999"}})["clusters"].empty());

  // Only clusters of at least N articles.
  json big = get({{"min_size", "3"}});
  ASSERT_EQ(big["clusters"].size(), 1u);
  EXPECT_EQ(big["clusters"][0]["id"], ids[0]);
  EXPECT_EQ(big["total"], 1);
  json two = get({{"min_size", "2"}, {"limit", "5"}});
  EXPECT_EQ(two["clusters"].size(), 5u);
  EXPECT_EQ(two["total"], 9);
  EXPECT_EQ(two["next"], ids[4]);
  EXPECT_TRUE(get({{"min_size", "5"}})["clusters"].empty());

  const std::vector<std::pair<std::string, std::string>> bad_params = {
      {"limit", "0"}, {"limit", "1001"},     {"limit", "ten"},    {"after", "-1"}, {"after", "x"},
      {"id", "0"},    {"article_id", "1.5"}, {"min_size", "big"}, {"offset", "10"}};
  for (const auto& [k, v] : bad_params) {
    json e = get({{k, v}}, 400);
    EXPECT_TRUE(e["error"].is_string()) << k << "=" << v;
  }
}

TEST_F(ApiTest, ArticlesAndSearch) {
  json list = Get("/api/articles", {{"limit", "3"}});
  ASSERT_EQ(list["articles"].size(), 3u);
  EXPECT_GE(list["total"].get<int>(), 20);
  int64_t id = list["articles"][1]["id"];
  json a = Get("/api/articles/" + std::to_string(id));
  EXPECT_EQ(a["id"], id);
  ASSERT_FALSE(a["sentences"].empty());
  std::string text = a["text"];
  for (const auto& s : a["sentences"]) {
    EXPECT_EQ(
        text.substr(s["start"].get<size_t>(), s["end"].get<size_t>() - s["start"].get<size_t>()),
        s["text"].get<std::string>());
  }
  for (const auto& e : a["events"]) EXPECT_EQ(e["article_id"], id);
  Get("/api/articles/99999999", {}, 404);
  json hits = Get("/api/search", {{"q", "CSTO"}});
  ASSERT_FALSE(hits["hits"].empty());
  for (const auto& h : hits["hits"]) {
    EXPECT_NE(h["snippet"].get<std::string>().find("[CSTO]"), std::string::npos);
  }
}

TEST_F(ApiTest, AnUndatedArticleCarriesWhatItsTextSaysOfItsDate) {
  json list = Get("/api/articles", {{"limit", "100"}});
  int undated = 0;
  for (const auto& item : list["articles"]) {
    json a = Get("/api/articles/" + std::to_string(item["id"].get<int64_t>()));
    if (!a["published"].is_null() && a["published_source"] != "inferred") {
      EXPECT_TRUE(a["published_inferred"].is_null()) << a["id"];
      continue;
    }
    if (!a["published_inferred"].is_object()) continue;  // a text with no date at all
    ++undated;
    EXPECT_TRUE(a["published_inferred"]["earliest"].is_string());
    EXPECT_FALSE(a["published_inferred"]["evidence"].get<std::string>().empty());
  }
  EXPECT_GE(undated, 1);  // data/sample/025 has no date but names 2014 and Crimea
}

TEST_F(ApiTest, BadParametersAreClear400s) {
  struct Case {
    const char* path;
    ApiParams params;
    const char* names;  // the message names this
  };
  const std::vector<Case> cases = {
      {"/api/events", {{"dyda", "KAZ,RUS"}}, "dyda"},
      {"/api/events", {{"dyad", "KAZ"}}, "dyad"},
      {"/api/events", {{"dyad", "KAZ,RUS,USA"}}, "dyad"},
      {"/api/events", {{"actor", "KAZ GOV"}}, "actor"},
      {"/api/events", {{"limit", "0"}}, "limit"},
      {"/api/events", {{"limit", "5000"}}, "limit"},
      {"/api/events", {{"limit", "-1"}}, "limit"},
      {"/api/events", {{"offset", "x"}}, "offset"},
      {"/api/events", {{"quad", "5"}}, "quad"},
      {"/api/events", {{"from", "2022-13-01"}}, "from"},
      {"/api/events", {{"to", "2022-02-30"}}, "to"},
      {"/api/events", {{"modality", "maybe"}}, "modality"},
      {"/api/events", {{"directed", "yes"}}, "directed"},
      {"/api/events", {{"q", "\"unterminated"}}, "q"},
      {"/api/events", {{"actor", "KAZ"}, {"actor", "RUS"}}, "actor"},
      {"/api/events", {{"actor", std::string(100, 'A')}}, "actor"},
      {"/api/series", {{"a", "KAZ"}, {"by", "hour"}}, "by"},
      {"/api/actors", {{"limit", "lots"}}, "limit"},
      {"/api/articles", {{"offset", "-5"}}, "offset"},
      {"/api/search", {}, "q"},
      {"/api/health", {{"verbose", "1"}}, "verbose"},
  };
  for (const Case& c : cases) {
    json r = Get(c.path, c.params, 400);
    ASSERT_TRUE(r.contains("error")) << c.path;
    EXPECT_NE(r["error"].get<std::string>().find(c.names), std::string::npos)
        << c.path << ": " << r["error"];
  }
  Get("/api/nothing", {}, 404);
  Get("/api/events/1/2", {}, 404);
}

TEST_F(ApiTest, InjectionStringsAreHarmless) {
  json before = Get("/api/health");
  const std::vector<std::pair<std::string, std::string>> attacks = {
      {"actor", "KAZ' OR '1'='1"},
      {"actor", "%"},
      {"dyad", "%,%"},
      {"code", "0' OR 1=1 --"},
      {"code", "%"},
      {"plover", "X'; DROP TABLE events; --"},
      {"from", "2022'); DROP TABLE events; --"},
      {"q", "x\"); DROP TABLE events; --"},
      {"q", "troops'; DELETE FROM events; --"},
  };
  for (const auto& [k, v] : attacks) {
    ApiResponse r = Api(*store_, dicts_).Get("/api/events", {{k, v}});
    EXPECT_TRUE(r.status == 400 || r.status == 200) << k << "=" << v << ": " << r.status;
    json j = json::parse(r.body, nullptr, false);
    ASSERT_FALSE(j.is_discarded());
    // A value that gets through matches literally, never everything.
    if (r.status == 200) {
      EXPECT_LT(j["total"].get<int>(), before["events"].get<int>()) << v;
    }
  }
  json after = Get("/api/health");
  EXPECT_EQ(after["events"], before["events"]);
  EXPECT_EQ(after["articles"], before["articles"]);
}

std::vector<std::vector<std::string>> SplitTable(const std::string& text, char sep) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    size_t at = 0;
    for (;;) {
      size_t next = line.find(sep, at);
      f.push_back(line.substr(at, next - at));
      if (next == std::string::npos) break;
      at = next + 1;
    }
    rows.push_back(std::move(f));
  }
  return rows;
}

std::string Export(const Store& store, ExportFormat f, const Store::EventFilter& filter = {}) {
  std::ostringstream out;
  ExportOptions o;
  o.format = f;
  auto n = ExportEvents(store, filter, o, out);
  EXPECT_TRUE(n.ok());
  return out.str();
}

TEST_F(ApiTest, ExportsInEveryFormat) {
  int events = Get("/api/health")["events"];
  // dyad's own columns: a header and one row per event, every row as wide as the header.
  auto tsv = SplitTable(Export(*store_, ExportFormat::kTsv), '\t');
  ASSERT_EQ(static_cast<int>(tsv.size()), events + 1);
  for (const auto& r : tsv) EXPECT_EQ(r.size(), tsv[0].size());
  EXPECT_EQ(tsv[0][0], "id");
  std::istringstream jsonl(Export(*store_, ExportFormat::kJsonl));
  std::string line;
  int n = 0;
  for (; std::getline(jsonl, line); ++n) EXPECT_TRUE(json::parse(line).contains("goldstein"));
  EXPECT_EQ(n, events);
  // GDELT 2.0 events: 61 tab-separated columns, no header, dates as YYYYMMDD.
  Store::EventFilter kaz_rus;
  kaz_rus.dyad_a = "KAZ";
  kaz_rus.dyad_b = "RUS";
  auto gdelt = SplitTable(Export(*store_, ExportFormat::kGdelt, kaz_rus), '\t');
  ASSERT_FALSE(gdelt.empty());
  for (const auto& r : gdelt) {
    ASSERT_EQ(r.size(), 61u);
    if (!r[1].empty()) {
      EXPECT_EQ(r[1].size(), 8u);          // SQLDATE
      EXPECT_EQ(r[2], r[1].substr(0, 6));  // MonthYear
      EXPECT_EQ(r[3], r[1].substr(0, 4));  // Year
    }
    EXPECT_TRUE(StartsWith(r[5], "KAZ") || StartsWith(r[5], "RUS"));  // Actor1Code
    EXPECT_EQ(r[27], r[26].substr(0, 3));                // EventBaseCode from EventCode
    EXPECT_EQ(r[28], r[26].substr(0, 2));                // EventRootCode
    EXPECT_TRUE(r[29] >= "1" && r[29] <= "4") << r[29];  // QuadClass
    if (!r[51].empty()) {  // ActionGeo_Type: then the place has coordinates
      EXPECT_FALSE(r[52].empty());
      EXPECT_FALSE(r[56].empty());
      EXPECT_FALSE(r[57].empty());
    }
  }
  // ICEWS: the header of ICEWS's own files, names and sectors spelled out.
  auto icews = SplitTable(Export(*store_, ExportFormat::kIcews, kaz_rus), '\t');
  ASSERT_GE(icews.size(), 2u);
  const std::string sample = testing::SharedDir() + "/reference/cameo/events.2018.sample.tab";
  std::ifstream ref(sample);
  std::string ref_header;
  if (ref && std::getline(ref, ref_header)) {
    if (!ref_header.empty() && ref_header.back() == '\r') ref_header.pop_back();
    EXPECT_EQ(icews[0], SplitTable(ref_header, '\t')[0]);
  }
  for (size_t i = 1; i < icews.size(); ++i) EXPECT_EQ(icews[i].size(), icews[0].size());
}

TEST(Export, RolesAndCountries) {
  EXPECT_EQ(CameoRoleName("GOV"), "Government");
  EXPECT_EQ(CameoRoleName("MIL"), "Military");
  EXPECT_EQ(CameoRoleName("KAZ"), "");
  EXPECT_FALSE(ParseExportFormat("xls").ok());
  if (!CountryName("KAZ").empty()) {  // Debian's iso-codes is installed
    EXPECT_EQ(CountryName("KAZ"), "Kazakhstan");
    EXPECT_EQ(CountryName("XYZ"), "");
  }
}

TEST_F(ApiTest, HttpServerOnLoopback) {
  ServeOptions o;
  o.db = db_;
  o.port = 0;
  o.threads = 2;
  o.max_body_bytes = 1024;
  auto server = Server::Create(o);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  Server* s = server->get();
  std::thread t([s] { EXPECT_TRUE(s->Run().ok()); });
  httplib::Client cli("127.0.0.1", s->port());
  cli.set_connection_timeout(5);
  // The socket is bound before Run: a request made now waits in the listen queue.
  auto r = cli.Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_TRUE(r->get_header_value("Access-Control-Allow-Origin").empty());  // CORS closed
  EXPECT_EQ(json::parse(r->body)["status"], "ok");
  auto bad = cli.Get("/api/events?limit=abc");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  // Nothing writes: other methods are refused, and bodies over the cap too.
  auto post = cli.Post("/api/events", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  auto big = cli.Post("/api/events", std::string(4096, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  auto none = cli.Get("/api/none");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
  EXPECT_TRUE(json::parse(none->body, nullptr, false).contains("error"));
  s->Stop();
  t.join();
}

// Past the request's time limit a query is stopped and the answer is 503 (not 500, and no
// SQL in the body); the next request, with a fresh limit, is answered.
TEST_F(ApiTest, QueriesPastTheTimeLimitAnswer503) {
  store_->SetDeadline(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  json j = Get("/api/series", {{"a", "KAZ"}, {"by", "day"}}, 503);
  store_->SetDeadline({});
  EXPECT_NE(j.value("error", "").find("time limit"), std::string::npos) << j.dump();
  Get("/api/series", {{"a", "KAZ"}, {"by", "day"}}, 200);
}

}  // namespace
}  // namespace dyad
