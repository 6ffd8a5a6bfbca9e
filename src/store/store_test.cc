// Unit tests for the SQLite store: schema, versioning of articles, queries.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "dyad/store.h"
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
