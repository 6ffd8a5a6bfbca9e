// Unit tests for the store: schema, versioning of articles, queries (SQLite; PostgreSQL too when
// a server is given, see PostgresBackend below).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "dyad/store.h"
#include "store/backend.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing::TempDir;

struct Fixture {
  explicit Fixture(SourceRecord r) : rec(std::move(r)) {}
  SourceRecord rec;
  CleanedText clean;
  std::vector<Span> sents;
  ArticleInput Input() {
    clean = Clean(rec.original, rec.body_offset);
    sents = SentenceSplitter().Split(clean.text);
    ArticleInput in;
    in.record = &rec;
    in.cleaned = &clean;
    in.sentences = &sents;
    in.title = rec.title;
    in.source = rec.source;
    return in;
  }
};

SourceRecord Record(const std::string& origin, const std::string& text) {
  SourceRecord r;
  r.origin = origin;
  r.original = text;
  r.format = "text";
  r.encoding = "utf-8";
  r.published = "2022-09-30";
  return r;
}

TEST(Store, CreatesSchemaAndReopens) {
  TempDir dir;
  std::string path = dir.File("t.db");
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ((*s)->schema_version(), Store::CurrentSchemaVersion());
  }
  auto again = Store::OpenExisting(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->schema_version(), Store::CurrentSchemaVersion());
  EXPECT_FALSE(Store::OpenExisting(dir.File("none.db")).ok());
}

// The full-text index merges 16 segments at a time (migration 13; the setting is FTS5's own,
// kept in the store).
TEST(Store, FullTextIndexMergesSixteenSegmentsAtATime) {
  TempDir dir;
  std::string path = dir.File("t.db");
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto config = [&](const char* key) {
    sqlite3_stmt* st = nullptr;
    int64_t v = -1;
    sqlite3_prepare_v2(db, "SELECT v FROM sentences_fts_config WHERE k = ?1", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  };
  EXPECT_EQ(config("automerge"), 16);
  EXPECT_EQ(config("crisismerge"), 64);
  sqlite3_close(db);
}

// Exact copies are found by the cleaned text's hash with whitespace normalised: texts that
// differ only in line breaks and spacing share it, others do not (schema v15). A store from
// before v15 has its hashes recomputed when it is opened.
TEST(Store, TextHashIgnoresLineBreaksAndSpacingAndOlderStoresAreRehashed) {
  TempDir dir;
  const std::string path = dir.File("t.db");
  int64_t ids[4] = {};
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    const char* texts[] = {"The Australian Stock Exchange took over.\nTrading began.",
                           "The Australian Stock\nExchange took over.  Trading began.",
                           "  The Australian  Stock Exchange took over. Trading began.\n",
                           "The Australian Stock Exchange took over. Trading stopped."};
    ASSERT_TRUE((*s)->BeginBatch().ok());
    for (int i = 0; i < 4; ++i) {
      Fixture f(Record("/ws/" + std::to_string(i) + ".txt", texts[i]));
      ASSERT_TRUE((*s)->PutArticle(f.Input(), &ids[i]).ok());
    }
    ASSERT_TRUE((*s)->CommitBatch().ok());
    auto hash = [&](int i) { return (*s)->GetArticle(ids[i])->text_hash; };
    EXPECT_EQ(hash(0), hash(1));
    EXPECT_EQ(hash(0), hash(2));
    EXPECT_NE(hash(0), hash(3));
  }
  // A store at schema 14, with the hashes of that time (here: made up).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "UPDATE articles SET text_hash = 'old' || id; PRAGMA user_version = 14",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  auto s = Store::OpenExisting(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->schema_version(), Store::CurrentSchemaVersion());
  auto hash = [&](int i) { return (*s)->GetArticle(ids[i])->text_hash; };
  EXPECT_EQ(hash(0).size(), 16u);
  EXPECT_EQ(hash(0), hash(1));
  EXPECT_EQ(hash(0), hash(2));
  EXPECT_NE(hash(0), hash(3));
}

TEST(Store, RejectsFilesThatAreNotDyadStores) {
  TempDir dir;
  std::string junk = dir.Write("junk.db", "this is not a database at all, just text\n");
  EXPECT_FALSE(Store::Open(junk).ok());
  std::string other = dir.File("other.db");
  sqlite3* db = nullptr;
  sqlite3_open(other.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto s = Store::Open(other);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a dyad store"), std::string::npos);
}

TEST(Store, SameOriginSameTextIsUnchangedChangedTextIsNewVersion) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  Fixture a(Record("/x/a.txt", "Kazakhstan refused. Russia objected."));
  int64_t id1 = 0, id2 = 0, id3 = 0, id4 = 0;
  ASSERT_TRUE(s.BeginBatch().ok());
  EXPECT_EQ(*s.PutArticle(a.Input(), &id1), PutOutcome::kInserted);
  EXPECT_EQ(*s.PutArticle(a.Input(), &id2), PutOutcome::kUnchanged);
  EXPECT_EQ(id1, id2);
  Fixture b(Record("/x/a.txt", "Kazakhstan refused again. Russia objected."));
  EXPECT_EQ(*s.PutArticle(b.Input(), &id3), PutOutcome::kNewVersion);
  EXPECT_NE(id3, id1);
  // The same text from another origin is another article (dedup links them later).
  Fixture c(Record("/y/copy.txt", "Kazakhstan refused. Russia objected."));
  EXPECT_EQ(*s.PutArticle(c.Input(), &id4), PutOutcome::kInserted);
  ASSERT_TRUE(s.CommitBatch().ok());

  auto st = s.Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->articles, 2);
  EXPECT_EQ(st->article_versions, 3);
  EXPECT_EQ(st->sentences, 4);
  auto v2 = s.GetArticle(id3);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->published, "2022-09-30");
  auto copy = s.GetArticle(id4);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->text_hash, s.GetArticle(id1)->text_hash);
}

TEST(Store, SentencesCarryCleanAndOriginalOffsets) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Fixture a(Record("/x/q.txt", "It\xE2\x80\x99s over.  Talks \xE2\x80\x9C failed\xE2\x80\x9D."));
  int64_t id = 0;
  ASSERT_TRUE((*store)->PutArticle(a.Input(), &id).ok());
  auto sents = (*store)->Sentences(id);
  ASSERT_TRUE(sents.ok());
  ASSERT_EQ(sents->size(), 2u);
  const SentenceRow& second = (*sents)[1];
  EXPECT_EQ(second.text, a.clean.text.substr(second.begin, second.end - second.begin));
  // The original span covers the typographic quotes exactly.
  EXPECT_EQ(a.rec.original.substr(second.orig_begin, second.orig_end - second.orig_begin),
            "Talks \xE2\x80\x9C failed\xE2\x80\x9D.");
}

TEST(Store, FullTextSearch) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Fixture a(Record("/x/a.txt", "Tokayev asked the CSTO for help. Troops arrived on Thursday."));
  int64_t id = 0;
  ASSERT_TRUE((*store)->PutArticle(a.Input(), &id).ok());
  auto hits = (*store)->Search("troops", 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].index, 1);
  EXPECT_EQ((*hits)[0].snippet, "[Troops] arrived on Thursday.");
  EXPECT_FALSE((*store)->Search("\"unbalanced", 10).ok());
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST(Store, EventsAndMentions) {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  EXPECT_EQ(s.schema_version(), Store::CurrentSchemaVersion());
  Fixture a(Record("/x/a.txt", "Tokayev asked the CSTO for help. Troops arrived on Thursday."));
  int64_t aid = 0;
  ASSERT_TRUE(s.PutArticle(a.Input(), &aid).ok());
  auto sents = s.Sentences(aid);
  ASSERT_TRUE(sents.ok());
  EventRow e;
  e.article_id = aid;
  e.sentence_id = (*sents)[0].id;
  e.source = "KAZGOV";
  e.target = "IGOCSTO";
  e.code = "0234";
  e.date = "2022-01-06";
  e.source_begin = 0;
  e.source_end = 7;
  e.source_text = "Tokayev";
  e.rule = "x.verbs:10";
  ASSERT_TRUE(s.AddEvent(e).ok());
  ASSERT_TRUE(s.AddEvent(e).ok());
  EXPECT_EQ(*s.CountEvents(), 2);
  std::vector<EventRow> got;
  ASSERT_TRUE(s.ForEachEvent({}, [&](const EventRow& r) {
                 got.push_back(r);
                 return true;
               }).ok());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].origin, "/x/a.txt");
  EXPECT_EQ(got[0].sentence, "Tokayev asked the CSTO for help.");
  EXPECT_EQ(got[0].source_text, "Tokayev");
  // Filters: actor codes match sub-codes, dyads are undirected unless asked.
  auto count = [&](const Store::EventFilter& f) {
    int k = 0;
    EXPECT_TRUE(s.ForEachEvent(f, [&](const EventRow&) {
                   ++k;
                   return true;
                 }).ok());
    return k;
  };
  Store::EventFilter f;
  f.actor = "KAZ";
  EXPECT_EQ(count(f), 2);
  f.actor = "RUS";
  EXPECT_EQ(count(f), 0);
  Store::EventFilter d;
  d.dyad_a = "IGO";
  d.dyad_b = "KAZ";
  EXPECT_EQ(count(d), 2);
  d.directed = true;
  EXPECT_EQ(count(d), 0);
  Store::EventFilter c;
  c.code = "02";
  c.from = "2022-01-01";
  c.to = "2022-01-31";
  EXPECT_EQ(count(c), 2);
  c.to = "2021-12-31";
  EXPECT_EQ(count(c), 0);
  // Recoding an article replaces its events.
  ASSERT_TRUE(s.DeleteEventsOf(aid).ok());
  EXPECT_EQ(*s.CountEvents(), 0);
}

TEST(Store, EventSetsKeepEarlierCodingsAddressable) {
  TempDir dir;
  auto store = Store::Open(dir.path() + "/s.db");
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  Fixture a(Record("/x/a.txt", "Tokayev asked the CSTO for help. Troops arrived on Thursday."));
  int64_t aid = 0;
  ASSERT_TRUE(s.PutArticle(a.Input(), &aid).ok());
  auto sents = s.Sentences(aid);
  ASSERT_TRUE(sents.ok());
  EXPECT_EQ(s.CurrentEventSet()->id, 0);
  auto first = s.BeginEventSet("0.1", "aaaa", "one.verbs");
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(s.ArticlesNotCodedIn(*first)->size(), 1u);
  EventRow e;
  e.event_set_id = *first;
  e.article_id = aid;
  e.sentence_id = (*sents)[0].id;
  e.source = "KAZGOV";
  e.target = "IGOCSTO";
  e.code = "0234";
  e.cameo_root = "02";
  e.quad_class = 1;
  e.goldstein = 3.4;
  e.has_goldstein = true;
  e.modality = "negated";
  e.speaker = "KAZGOV";
  e.speaker_text = "Tokayev";
  e.speaker_begin = 0;
  e.speaker_end = 7;
  ASSERT_TRUE(s.AddEvent(e).ok());
  ASSERT_TRUE(s.MarkCoded(*first, aid).ok());
  ASSERT_TRUE(s.FinishEventSet(*first, true).ok());
  EXPECT_TRUE(s.ArticlesNotCodedIn(*first)->empty());
  EXPECT_EQ(s.CurrentEventSet()->id, *first);
  EXPECT_EQ(s.CurrentEventSet()->events, 1);
  // A second coding with other dictionaries finds two events; the first stays addressable.
  auto second = s.BeginEventSet("0.1", "bbbb", "two.verbs");
  ASSERT_TRUE(second.ok());
  e.event_set_id = *second;
  e.modality = "asserted";
  ASSERT_TRUE(s.AddEvent(e).ok());
  ASSERT_TRUE(s.AddEvent(e).ok());
  // Until it finishes, the first set is still the one queries show.
  EXPECT_EQ(*s.CountEvents(), 1);
  ASSERT_TRUE(s.FinishEventSet(*second, true).ok());
  EXPECT_EQ(*s.CountEvents(), 2);
  auto count = [&](const Store::EventFilter& f) {
    int k = 0;
    EXPECT_TRUE(s.ForEachEvent(f, [&](const EventRow&) {
                   ++k;
                   return true;
                 }).ok());
    return k;
  };
  Store::EventFilter f;
  f.event_set = *first;
  EXPECT_EQ(count(f), 1);
  f.modality = "negated";
  EXPECT_EQ(count(f), 1);
  f.event_set = 0;
  EXPECT_EQ(count(f), 0);
  Store::EventFilter q;
  q.quad_class = 1;
  EXPECT_EQ(count(q), 2);
  q.quad_class = 4;
  EXPECT_EQ(count(q), 0);
  // Attributes survive the round trip.
  f = {};
  f.event_set = *first;
  ASSERT_TRUE(s.ForEachEvent(f, [&](const EventRow& r) {
                 EXPECT_EQ(r.event_set_id, *first);
                 EXPECT_EQ(r.cameo_root, "02");
                 EXPECT_EQ(r.quad_class, 1);
                 EXPECT_TRUE(r.has_goldstein);
                 EXPECT_DOUBLE_EQ(r.goldstein, 3.4);
                 EXPECT_EQ(r.modality, "negated");
                 EXPECT_EQ(r.speaker, "KAZGOV");
                 EXPECT_EQ(r.speaker_text, "Tokayev");
                 EXPECT_EQ(r.speaker_end, 7u);
                 return true;
               }).ok());
  auto all = s.EventSets();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_FALSE((*all)[0].current);
  EXPECT_TRUE((*all)[1].current);
  EXPECT_EQ((*all)[1].events, 2);
  EXPECT_EQ((*all)[0].dictionary_hash, "aaaa");
}

// Story clusters for ForEachCluster: 610 articles in 301 clusters, more than it reads per
// query: 300 of two (article 2i and its copy 2i+1), the first grown to seven by five more
// copies of article 0, and one of five (article 605 copied four times).
std::vector<int64_t> AddClusters(Store& s) {
  std::vector<int64_t> art;
  EXPECT_TRUE(s.BeginBatch().ok());
  for (int i = 0; i < 610; ++i) {
    Fixture f(Record("/c/" + std::to_string(i) + ".txt",
                     "Story " + std::to_string(i) + " said that talks went on in Astana."));
    int64_t id = 0;
    EXPECT_TRUE(s.PutArticle(f.Input(), &id).ok());
    art.push_back(id);
  }
  for (size_t i = 0; i < 300; ++i) {
    EXPECT_TRUE(s.AddToCluster(art[2 * i + 1], art[2 * i], "exact", 1.0).ok());
  }
  for (size_t i = 600; i < 605; ++i) {
    EXPECT_TRUE(s.AddToCluster(art[i], art[0], "near-duplicate", 0.9).ok());
  }
  for (size_t i = 606; i < 610; ++i) {
    EXPECT_TRUE(s.AddToCluster(art[i], art[605], "reworded", 0.8).ok());
  }
  EXPECT_TRUE(s.CommitBatch().ok());
  return art;
}

// The clusters ForEachCluster hands over for `q` (`stop_after` > 0: fn returns false then).
std::vector<Store::Cluster> Read(const Store& s, const Store::ClusterQuery& q,
                                 size_t stop_after = 0) {
  std::vector<Store::Cluster> out;
  Status st = s.ForEachCluster(q, [&](const Store::Cluster& c) {
    out.push_back(c);
    return stop_after == 0 || out.size() < stop_after;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}
std::vector<int64_t> Ids(const std::vector<Store::Cluster>& list) {
  std::vector<int64_t> ids;
  for (const auto& c : list) ids.push_back(c.id);
  return ids;
}

// ForEachCluster's paging and filters, on either backend.
void CheckClusterQueries(Store& s) {
  const std::vector<int64_t> art = AddClusters(s);
  ASSERT_EQ(art.size(), 610u);
  const auto all = Read(s, {});
  ASSERT_EQ(all.size(), 301u);
  size_t members = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(all[i - 1].id, all[i].id);
    }
    ASSERT_FALSE(all[i].members.empty());
    EXPECT_EQ(all[i].members[0].article_id, all[i].canonical_article_id);
    for (const auto& m : all[i].members) {
      EXPECT_EQ(m.cluster_id, all[i].id);
      EXPECT_GT(m.text_bytes, 0);
      EXPECT_FALSE(m.origin.empty());
    }
    members += all[i].members.size();
  }
  EXPECT_EQ(members, 610u);
  EXPECT_EQ(*s.CountClusters(), 301);
  EXPECT_EQ(*s.CountClusters(Store::ClusterQuery{}), 301);
  auto wrapped = s.Clusters();
  ASSERT_TRUE(wrapped.ok());
  EXPECT_EQ(Ids(*wrapped), Ids(all));

  // Pages of `limit` after the last id seen cover every cluster once, in id order.
  for (int64_t limit : {1, 7, 256, 301, 1000}) {
    std::vector<int64_t> paged;
    Store::ClusterQuery q;
    q.limit = limit;
    for (;;) {
      auto page = Read(s, q);
      EXPECT_LE(static_cast<int64_t>(page.size()), limit);
      if (page.empty()) break;
      for (const auto& c : page) paged.push_back(c.id);
      q.after_id = page.back().id;
    }
    EXPECT_EQ(paged, Ids(all)) << "limit " << limit;
  }
  // A page's clusters hold the same members as the whole list's.
  Store::ClusterQuery mid;
  mid.after_id = all[99].id;
  mid.limit = 10;
  const auto page = Read(s, mid);
  ASSERT_EQ(page.size(), 10u);
  for (size_t i = 0; i < page.size(); ++i) {
    EXPECT_EQ(page[i].id, all[100 + i].id);
    EXPECT_EQ(page[i].members.size(), all[100 + i].members.size());
  }

  // One cluster by id, or by an article it holds.
  Store::ClusterQuery by_id;
  by_id.id = all[150].id;
  const auto one = Read(s, by_id);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].id, all[150].id);
  EXPECT_EQ(one[0].members.size(), 2u);
  EXPECT_EQ(*s.CountClusters(by_id), 1);
  by_id.after_id = all[150].id;  // the filters combine
  EXPECT_TRUE(Read(s, by_id).empty());
  by_id = {};
  by_id.id = all.back().id + 1000;
  EXPECT_TRUE(Read(s, by_id).empty());
  EXPECT_EQ(*s.CountClusters(by_id), 0);

  Store::ClusterQuery by_article;
  by_article.article_id = art[607];
  const auto holder = Read(s, by_article);
  ASSERT_EQ(holder.size(), 1u);
  EXPECT_EQ(holder[0].members.size(), 5u);
  bool holds = false;
  for (const auto& m : holder[0].members) holds = holds || m.article_id == art[607];
  EXPECT_TRUE(holds);
  EXPECT_EQ(*s.CountClusters(by_article), 1);
  by_article.article_id = art.back() + 1000;
  EXPECT_TRUE(Read(s, by_article).empty());
  EXPECT_EQ(*s.CountClusters(by_article), 0);

  // Clusters with at least N members.
  for (auto [n, expected] : std::vector<std::pair<int64_t, size_t>>{
           {0, 301}, {1, 301}, {2, 301}, {3, 2}, {5, 2}, {6, 1}, {7, 1}, {8, 0}}) {
    Store::ClusterQuery big;
    big.min_size = n;
    const auto list = Read(s, big);
    EXPECT_EQ(list.size(), expected) << "min_size " << n;
    for (const auto& c : list) {
      EXPECT_GE(static_cast<int64_t>(c.members.size()), n);
    }
    EXPECT_EQ(*s.CountClusters(big), static_cast<int64_t>(expected)) << "min_size " << n;
  }
  Store::ClusterQuery big_page;
  big_page.min_size = 5;
  big_page.limit = 1;
  const auto first_big = Read(s, big_page);
  ASSERT_EQ(first_big.size(), 1u);
  EXPECT_EQ(first_big[0].members.size(), 7u);
  big_page.after_id = first_big[0].id;
  const auto second_big = Read(s, big_page);
  ASSERT_EQ(second_big.size(), 1u);
  EXPECT_EQ(second_big[0].members.size(), 5u);
  big_page.after_id = second_big[0].id;
  EXPECT_TRUE(Read(s, big_page).empty());

  // fn returning false stops the reading, also within a batch and at a batch's end.
  for (size_t stop : {1u, 3u, 256u, 257u}) {
    EXPECT_EQ(Read(s, {}, stop).size(), stop);
  }
  Store::ClusterQuery bad;
  bad.limit = -1;
  EXPECT_EQ(s.ForEachCluster(bad, [](const Store::Cluster&) { return true; }).code(),
            Status::Code::kInvalidArgument);
}

// Each cluster's canonical article is, after every join, the best of its members: published
// (earliest first), else the longest text, else the first stored. Random joins, some of which
// move an article out of another cluster, checked against an election over all members.
void CheckCanonicalElection(Store& s) {
  struct Art {
    int64_t id = 0;
    std::string published;
    size_t length = 0;
  };
  std::vector<Art> arts;
  uint64_t seed = 12345;
  auto next = [&](uint64_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (seed >> 33) % n;
  };
  const char* dates[] = {"", "", "2022-01-05", "2022-01-05", "2021-12-31", "2022-03"};
  ASSERT_TRUE(s.BeginBatch().ok());
  for (int i = 0; i < 60; ++i) {
    std::string text = "Story " + std::to_string(i) + " said talks went on";
    text += std::string(next(4) * 7, 'x') + ".";
    SourceRecord r = Record("/canon/" + std::to_string(i) + ".txt", text);
    r.published = dates[next(6)];
    Fixture f(r);
    Art a;
    ASSERT_TRUE(s.PutArticle(f.Input(), &a.id).ok());
    a.published = r.published;
    a.length = f.clean.text.size();
    arts.push_back(a);
  }
  std::map<int64_t, int64_t> cluster_of;          // article -> cluster
  auto better = [](const Art& x, const Art& y) {  // x before y in the canonical order
    if (x.published.empty() != y.published.empty()) return !x.published.empty();
    if (x.published != y.published) return x.published < y.published;
    if (x.length != y.length) return x.length > y.length;
    return x.id < y.id;
  };
  for (int step = 0; step < 150; ++step) {
    const size_t a = next(arts.size()), b = next(arts.size());
    if (a == b) continue;
    auto c = s.AddToCluster(arts[a].id, arts[b].id, "near-duplicate", 0.9);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    cluster_of[arts[b].id] = *c;
    cluster_of[arts[a].id] = *c;
    std::map<int64_t, const Art*> best;  // cluster -> its best member
    for (const Art& x : arts) {
      auto it = cluster_of.find(x.id);
      if (it == cluster_of.end()) continue;
      const Art*& m = best[it->second];
      if (m == nullptr || better(x, *m)) m = &x;
    }
    std::map<int64_t, int64_t> size;  // cluster -> its members
    for (const auto& [article, cluster] : cluster_of) ++size[cluster];
    for (const auto& [cluster, m] : best) {
      Store::ClusterQuery q;
      q.id = cluster;
      auto got = Read(s, q);
      ASSERT_EQ(got.size(), 1u);
      EXPECT_EQ(got[0].canonical_article_id, m->id) << "step " << step << " cluster " << cluster;
      // The maintained member count (what min_size reads) follows joins and moves.
      EXPECT_EQ(static_cast<int64_t>(got[0].members.size()), size[cluster]);
      q.min_size = size[cluster];
      EXPECT_EQ(*s.CountClusters(q), 1) << "step " << step << " cluster " << cluster;
      q.min_size = size[cluster] + 1;
      EXPECT_EQ(*s.CountClusters(q), 0) << "step " << step << " cluster " << cluster;
    }
  }
  ASSERT_TRUE(s.CommitBatch().ok());
}

TEST(Store, CanonicalArticleIsTheBestMemberAfterEveryJoin) {
  TempDir dir;
  auto s = Store::Open(dir.File("canon.db"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  CheckCanonicalElection(**s);
}

TEST(Store, ForEachClusterPagesAndFilters) {
  TempDir dir;
  auto s = Store::Open(dir.File("c.db"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  CheckClusterQueries(**s);
}

// The store on PostgreSQL (src/store/postgres.cc), when DYAD_TEST_PG_URI names a database these
// tests may empty (tests/postgres_test.sh starts a private server and sets it); otherwise they
// skip. tests/postgres_test.sh also compares whole runs on both backends.
// An empty database at DYAD_TEST_PG_URI ("" when unset).
std::string ResetDatabase() {
  const char* uri = std::getenv("DYAD_TEST_PG_URI");
  if (uri == nullptr || *uri == '\0') return "";
  auto db = OpenPostgres(uri);
  if (!db.ok()) return "";
  if (!(*db)->Exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public").ok()) return "";
  return uri;
}

TEST(PostgresBackend, ForEachClusterPagesAndFilters) {
  const std::string uri = ResetDatabase();
  if (uri.empty()) GTEST_SKIP() << "DYAD_TEST_PG_URI is not set (tests/postgres_test.sh sets it)";
  auto store = Store::Open(uri);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  CheckClusterQueries(**store);
}

TEST(PostgresBackend, CanonicalArticleIsTheBestMemberAfterEveryJoin) {
  const std::string uri = ResetDatabase();
  if (uri.empty()) GTEST_SKIP() << "DYAD_TEST_PG_URI is not set (tests/postgres_test.sh sets it)";
  auto store = Store::Open(uri);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  CheckCanonicalElection(**store);
}

TEST(PostgresBackend, StoresVersionsSearchesAndEvents) {
  const std::string uri = ResetDatabase();
  if (uri.empty()) GTEST_SKIP() << "DYAD_TEST_PG_URI is not set (tests/postgres_test.sh sets it)";
  {
    auto store = Store::Open(uri);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Store& s = **store;
    EXPECT_EQ(s.schema_version(), Store::CurrentSchemaVersion());
    int64_t id1 = 0, id2 = 0, id3 = 0;
    ASSERT_TRUE(s.BeginBatch().ok());
    Fixture a(Record("/x/a.txt", "Tokayev asked the CSTO for help. Troops arrived."));
    EXPECT_EQ(*s.PutArticle(a.Input(), &id1), PutOutcome::kInserted);
    EXPECT_EQ(*s.PutArticle(a.Input(), &id2), PutOutcome::kUnchanged);
    EXPECT_EQ(id1, id2);
    Fixture b(Record("/x/a.txt", "Tokayev asked the CSTO again. Troops arrived."));
    EXPECT_EQ(*s.PutArticle(b.Input(), &id3), PutOutcome::kNewVersion);
    ASSERT_TRUE(s.CommitBatch().ok());
    // A rolled-back batch leaves nothing behind.
    ASSERT_TRUE(s.BeginBatch().ok());
    int64_t gone = 0;
    Fixture c(Record("/x/gone.txt", "Nothing stays."));
    ASSERT_TRUE(s.PutArticle(c.Input(), &gone).ok());
    ASSERT_TRUE(s.RollbackBatch().ok());
    EXPECT_FALSE(s.GetArticle(gone).ok());

    auto st = s.Stats();
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    EXPECT_EQ(st->articles, 1);
    EXPECT_EQ(st->article_versions, 2);
    EXPECT_EQ(st->sentences, 2);
    EXPECT_GT(st->file_bytes, 0);
    auto v2 = s.GetArticle(id3);
    ASSERT_TRUE(v2.ok());
    EXPECT_EQ(v2->version, 2);
    auto hits = s.Search("troops", 10);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ASSERT_EQ(hits->size(), 1u);  // the latest version only
    EXPECT_EQ((*hits)[0].article_id, id3);
    EXPECT_EQ((*hits)[0].snippet, "[Troops] arrived.");

    auto set = s.BeginEventSet("test", "hash", "dicts");
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    auto sid = s.SentenceId(id3, 0);
    ASSERT_TRUE(sid.ok());
    EventRow e;
    e.article_id = id3;
    e.sentence_id = *sid;
    e.source = "KAZGOV";
    e.target = "IGOCSTO";
    e.code = "0233";
    e.date = "2022-01-05";
    e.event_set_id = *set;
    e.has_goldstein = true;
    e.goldstein = 3.4;
    auto ev = s.AddEvent(e);
    ASSERT_TRUE(ev.ok()) << ev.status().ToString();
    ASSERT_TRUE(s.MarkCoded(*set, id3).ok());
    ASSERT_TRUE(s.MarkCoded(*set, id3).ok());  // again: ignored
    ASSERT_TRUE(s.FinishEventSet(*set, true).ok());
    Store::EventFilter f;
    f.actor = "KAZ";
    f.text_query = "CSTO";
    std::vector<EventRow> rows;
    ASSERT_TRUE(s.ForEachEvent(f, [&](const EventRow& r) {
                   rows.push_back(r);
                   return true;
                 }).ok());
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, *ev);
    EXPECT_DOUBLE_EQ(rows[0].goldstein, 3.4);
    EXPECT_FALSE(rows[0].has_place);
    EXPECT_EQ(*s.CountEvents(f), 1);
    f.actor = "RUS";
    EXPECT_EQ(*s.CountEvents(f), 0);
    auto sets = s.EventSets();
    ASSERT_TRUE(sets.ok());
    ASSERT_EQ(sets->size(), 1u);
    EXPECT_TRUE((*sets)[0].current);
    EXPECT_EQ((*sets)[0].events, 1);
  }
  // Reopened read-only: the version is read from dyad_meta.
  auto again = Store::OpenExisting(uri);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->schema_version(), Store::CurrentSchemaVersion());
}

// A statement still running at the connection's deadline fails with DeadlineExceeded (on
// PostgreSQL through statement_timeout); without a deadline it runs to the end.
TEST(PostgresBackend, DeadlineStopsLongQueries) {
  const std::string uri = ResetDatabase();
  if (uri.empty()) GTEST_SKIP() << "DYAD_TEST_PG_URI is not set (tests/postgres_test.sh sets it)";
  auto db = OpenPostgres(uri);
  ASSERT_TRUE(db.ok());
  auto sleep = [&] {
    auto st = Stmt::Prepare(db->get(), "SELECT pg_sleep(0.5)");
    return st.ok() ? st->Step().status() : st.status();
  };
  (*db)->SetDeadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
  Status late = sleep();
  EXPECT_EQ(late.code(), Status::Code::kDeadlineExceeded) << late.ToString();
  (*db)->SetDeadline({});
  Status fine = sleep();
  EXPECT_TRUE(fine.ok()) << fine.ToString();
}

TEST(PostgresBackend, RefusesDatabasesThatAreNotDyadStores) {
  const std::string uri = ResetDatabase();
  if (uri.empty()) GTEST_SKIP() << "DYAD_TEST_PG_URI is not set (tests/postgres_test.sh sets it)";
  auto db = OpenPostgres(uri);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE someone_elses (x integer)").ok());
  auto s = Store::Open(uri);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a dyad store"), std::string::npos);
  EXPECT_FALSE(Store::OpenExisting(uri).ok());
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// A statement still running at the connection's deadline is stopped with DeadlineExceeded;
// without a deadline the same query runs to the end.
TEST(Store, DeadlineStopsLongQueries) {
  TempDir dir;
  auto s = Store::Open(dir.File("d.db"));
  ASSERT_TRUE(s.ok());
  Store& store = **s;
  ASSERT_TRUE(store.BeginBatch().ok());
  for (int i = 0; i < 3000; ++i) {
    Fixture f(Record("a" + std::to_string(i),
                     "Article " + std::to_string(i) + " says that talks went on in Astana."));
    int64_t id = 0;
    ASSERT_TRUE(store.PutArticle(f.Input(), &id).ok());
  }
  ASSERT_TRUE(store.CommitBatch().ok());
  auto count_all = [&] {
    int64_t n = 0;
    Status st = store.ForEachArticle({}, [&](const ArticleRow&) {
      ++n;
      return true;
    });
    return std::make_pair(st, n);
  };
  store.SetDeadline(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  auto [late, some] = count_all();
  EXPECT_EQ(late.code(), Status::Code::kDeadlineExceeded) << late.ToString();
  EXPECT_LT(some, 3000);
  store.SetDeadline({});
  auto [ok, all] = count_all();
  EXPECT_TRUE(ok.ok()) << ok.ToString();
  EXPECT_EQ(all, 3000);
  // A deadline not yet reached changes nothing.
  store.SetDeadline(std::chrono::steady_clock::now() + std::chrono::minutes(5));
  auto [fine, again] = count_all();
  EXPECT_TRUE(fine.ok());
  EXPECT_EQ(again, 3000);
}

}  // namespace
}  // namespace dyad
