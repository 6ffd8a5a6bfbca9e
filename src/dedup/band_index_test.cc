#include "dedup/band_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "dyad/store.h"
#include "test_util.h"

namespace dyad::dedup {
namespace {

TEST(BandIndexTest, CountsSharedKeysAndRanksByThem) {
  BandIndex index;
  index.Add({1, 2, 3, 4}, 10);
  index.Add({1, 2, 3, 9}, 11);
  index.Add({1, 2, 7, 8}, 12);
  index.Add({5, 5, 5, 6}, 13);  // a key given twice is held once
  EXPECT_EQ(index.entries(), 14u);
  // 10 shares 4 keys with the query, 11 shares 3, 12 shares 2 (below min_shared).
  EXPECT_EQ(index.SharingBands({1, 2, 3, 4}, 0, 3, 64), (std::vector<int64_t>{10, 11}));
  EXPECT_EQ(index.SharingBands({1, 2, 3, 4}, 10, 2, 64), (std::vector<int64_t>{11, 12}));
  // A key listed twice in the query counts twice.
  EXPECT_EQ(index.SharingBands({5, 5, 5}, 0, 3, 64), (std::vector<int64_t>{13}));
  // Keys 1 and 2 are held by three articles: ignored when at most two may hold a key.
  EXPECT_EQ(index.SharingBands({1, 2, 3, 4}, 0, 2, 2), (std::vector<int64_t>{10}));
  EXPECT_EQ(index.SharingBands({1, 2, 3}, 0, 1, 2), (std::vector<int64_t>{10, 11}));
  index.Clear();
  EXPECT_EQ(index.entries(), 0u);
  EXPECT_TRUE(index.SharingBands({1, 2, 3, 4}, 0, 1, 64).empty());
}

// Holders gives a key's articles other than `except`, or false when more than `limit` hold it
// besides `except` (a list of several chunks included); Rank orders hits as SharingBands does.
TEST(BandIndexTest, HoldersListsAKeysArticlesUpToALimit) {
  BandIndex index;
  for (int64_t a = 1; a <= 40; ++a) index.Add({7, static_cast<uint64_t>(100 + a)}, a);
  std::vector<int64_t> out;
  EXPECT_TRUE(index.Holders(999, 0, 0, &out));  // a key nobody holds
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(index.Holders(7, 0, 40, &out));
  std::sort(out.begin(), out.end());
  ASSERT_EQ(out.size(), 40u);
  EXPECT_EQ(out.front(), 1);
  EXPECT_EQ(out.back(), 40);
  out.clear();
  EXPECT_FALSE(index.Holders(7, 0, 39, &out));
  out.clear();
  EXPECT_TRUE(index.Holders(7, 25, 39, &out));  // 39 besides article 25
  EXPECT_EQ(out.size(), 39u);
  EXPECT_EQ(std::count(out.begin(), out.end(), 25), 0);
  out.clear();
  EXPECT_FALSE(index.Holders(7, 99, 38, &out));
  out.clear();
  EXPECT_FALSE(index.Holders(105, 0, 0, &out));  // held by article 5 alone
  out.clear();
  EXPECT_TRUE(index.Holders(105, 5, 0, &out));
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(BandIndex::Rank({4, 2, 4, 9, 2, 4, 3}, 2), (std::vector<int64_t>{4, 2}));
  EXPECT_EQ(BandIndex::Rank({9, 9, 3, 3}, 1), (std::vector<int64_t>{3, 9}));
}

// Articles are held as 32-bit numbers: ids outside 1..kMaxArticle are refused, not truncated.
// A key's list spans several chunks and its count saturates without wrapping.
TEST(BandIndexTest, RefusesIdsItCannotHoldAndKeepsLongListsWhole) {
  BandIndex index;
  EXPECT_FALSE(index.Add({1, 2, 3}, 0));
  EXPECT_FALSE(index.Add({1, 2, 3}, BandIndex::kMaxArticle + 1));
  EXPECT_EQ(index.entries(), 0u);
  EXPECT_TRUE(index.Add({1, 2, 3}, BandIndex::kMaxArticle));
  EXPECT_EQ(index.SharingBands({1, 2, 3}, 0, 3, 64),
            (std::vector<int64_t>{BandIndex::kMaxArticle}));
  index.Clear();
  for (int64_t a = 1; a <= 40; ++a)
    ASSERT_TRUE(index.Add({7, 8, 9, static_cast<uint64_t>(100 + a)}, a));
  auto all = index.SharingBands({7, 8, 9}, 0, 3, 64);
  ASSERT_EQ(all.size(), 40u);
  EXPECT_EQ(all.front(), 1);
  EXPECT_EQ(all.back(), 40);
  EXPECT_EQ(index.SharingBands({7, 8, 9}, 5, 3, 64).size(), 39u);
  EXPECT_TRUE(index.SharingBands({7, 8, 9}, 0, 3, 38).empty());    // 40 holders > 38
  EXPECT_EQ(index.SharingBands({7, 8, 9}, 5, 3, 39).size(), 39u);  // 39 besides `except`
  // Enough keys to grow the table several times: every article still found.
  for (int64_t a = 41; a <= 5000; ++a) {
    ASSERT_TRUE(index.Add({static_cast<uint64_t>(a) * 3, static_cast<uint64_t>(a) * 3 + 1,
                           static_cast<uint64_t>(a) * 3 + 2},
                          a));
  }
  EXPECT_EQ(index.SharingBands({4999 * 3, 4999 * 3 + 1, 4999 * 3 + 2}, 0, 3, 64),
            (std::vector<int64_t>{4999}));
  EXPECT_GT(index.bytes(), 5000u * 16);
}

// The in-memory index and the store's index give the same candidates for the same articles
// (DedupStore uses either, depending on what the store held before the run).
TEST(BandIndexTest, AgreesWithTheStoresIndex) {
  testing::TempDir dir;
  std::vector<std::string> inputs;
  for (int i = 0; i < 60; ++i) {
    inputs.push_back(dir.Write(std::to_string(100 + i) + ".txt",
                               "Report " + std::to_string(i) + " on the talks in Astana.\n"));
  }
  testing::LoadedCorpus corpus;
  ASSERT_TRUE(testing::RunAndLoad(inputs, dir.File("s.db"), &corpus).ok());
  Store& store = *corpus.store;
  std::vector<int64_t> ids;
  for (const auto& [name, article] : corpus.by_number) ids.push_back(article.id);
  ASSERT_EQ(ids.size(), 60u);

  // Keys from a small space, so that articles share many of them and some keys are held by
  // more articles than max_members.
  std::mt19937_64 rng(7);
  auto keys_for = [&rng](size_t n) {
    std::vector<uint64_t> k;
    for (size_t i = 0; i < n; ++i) k.push_back(0xABCD000000000000ULL + rng() % 90);
    return k;
  };
  BandIndex index;
  ASSERT_TRUE(store.BeginBatch().ok());
  for (size_t i = 0; i < ids.size(); ++i) {
    std::vector<uint64_t> keys = keys_for(12);
    // Half the articles go into the store's index at once, half wait for IndexPendingBands.
    auto pending = store.IndexPendingBands();
    ASSERT_TRUE(pending.ok());
    EXPECT_EQ(*pending, i % 2 == 0 ? 0 : 1);
    if (i > 0) {
      for (size_t min_shared : {1, 2, 3}) {
        for (size_t max_members : {4, 64}) {
          auto from_store = store.ArticlesSharingBands(keys, ids[i], min_shared, max_members);
          ASSERT_TRUE(from_store.ok());
          EXPECT_EQ(index.SharingBands(keys, ids[i], min_shared, max_members), *from_store)
              << "article " << i << " min_shared " << min_shared << " max " << max_members;
        }
      }
    }
    ASSERT_TRUE(store.PutSignature(ids[i], 12, keys, /*index=*/i % 2 == 1).ok());
    index.Add(keys, ids[i]);
    if (i % 2 == 0) {  // not in the store's index until IndexPendingBands runs
      auto found = store.ArticlesSharingBands(keys, 0, 12, 1000);
      ASSERT_TRUE(found.ok());
      EXPECT_EQ(std::count(found->begin(), found->end(), ids[i]), 0);
    }
  }
  auto n = store.IndexPendingBands();
  ASSERT_TRUE(n.ok());
  auto again = store.IndexPendingBands();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  std::vector<uint64_t> probe = keys_for(20);
  EXPECT_EQ(index.SharingBands(probe, 0, 2, 64), *store.ArticlesSharingBands(probe, 0, 2, 64));
  ASSERT_TRUE(store.CommitBatch().ok());
}

// The window answers as one index of the articles in it: the examined article's generation
// and the one before (here 25 articles each). Keys from a small space, so that some are held
// by more than max_members articles in the two generations together but not in either.
TEST(BandWindowTest, AnswersAsOneIndexOfTheArticlesInIt) {
  constexpr int64_t kSpan = 25;
  BandWindow window(kSpan);
  std::mt19937_64 rng(3);
  std::vector<std::vector<uint64_t>> keys(1);  // keys[a]: article a's
  for (int64_t a = 1; a <= 140; ++a) {
    std::vector<uint64_t> k;
    for (size_t i = 0; i < 10; ++i) k.push_back(0x5500000000000000ULL + rng() % 60);
    keys.push_back(k);
    window.MoveTo(a);
    EXPECT_EQ(window.First(a), a <= kSpan ? 1 : ((a - 1) / kSpan - 1) * kSpan + 1);
    BandIndex one;  // the articles before `a` in its window
    for (int64_t b = window.First(a); b < a; ++b) ASSERT_TRUE(one.Add(keys[b], b));
    for (size_t min_shared : {1, 2, 3}) {
      for (size_t max_members : {6, 20, 64}) {
        EXPECT_EQ(window.SharingBands(k, a, min_shared, max_members),
                  one.SharingBands(k, a, min_shared, max_members))
            << "article " << a << " min_shared " << min_shared << " max " << max_members;
      }
    }
    ASSERT_TRUE(window.Add(k, a));
  }
  EXPECT_FALSE(window.Add(keys[3], 3));  // older than the window: not held
  size_t held = 0;  // distinct keys of articles 101..140, the two generations left
  for (int64_t b = 101; b <= 140; ++b) {
    std::vector<uint64_t> u = keys[b];
    std::sort(u.begin(), u.end());
    held += static_cast<size_t>(std::unique(u.begin(), u.end()) - u.begin());
  }
  EXPECT_EQ(window.entries(), held);
}

}  // namespace
}  // namespace dyad::dedup
