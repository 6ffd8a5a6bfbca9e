// Unit tests for the compiled-image cache's folder housekeeping (util/cache.h).
#include "util/cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr std::string_view kMagic = "DYADTST1";

void Age(const std::string& path, int hours) {
  fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::hours(hours));
}

TEST(ImageCache, ReadingAnImageMarksItUsed) {
  TempDir dir;
  const std::string path = dir.File("k-1.bin");
  ASSERT_TRUE(WriteImage(path, kMagic, 1, 42, "payload"));
  Age(path, 24 * 10);
  std::string buffer;
  std::string_view payload;
  ASSERT_EQ(ReadImage(path, kMagic, 1, 42, &buffer, &payload), ImageState::kOk);
  EXPECT_EQ(payload, "payload");
  EXPECT_LT(fs::file_time_type::clock::now() - fs::last_write_time(path), std::chrono::hours(1));
}

TEST(ImageCache, PruneKeepsTheMostRecentlyUsedImagesOfOneKindOnly) {
  TempDir dir;
  // Five images of kind k, used 1..5 days ago.
  for (int i = 1; i <= 5; ++i) {
    const std::string p = dir.File("k-" + std::to_string(i) + ".bin");
    ASSERT_TRUE(WriteImage(p, kMagic, 1, static_cast<uint64_t>(i), "x"));
    Age(p, 24 * i);
  }
  // What is not an image of kind k stays, however old.
  const std::string other_kind = dir.File("j-1.bin");
  ASSERT_TRUE(WriteImage(other_kind, kMagic, 1, 1, "x"));
  const std::string other_magic = dir.Write("k-foreign.bin", "NOTDYAD!and more bytes");
  const std::string not_bin = dir.Write("k-notes.txt", "DYADTST1 notes");
  for (const auto& p : {other_kind, other_magic, not_bin}) Age(p, 24 * 400);
  // Temporary files a killed writer left: an old one goes, a fresh one (a writer at work) stays.
  const std::string old_tmp = dir.Write("k-9.bin.tmp.123.0.ab", "half");
  const std::string new_tmp = dir.Write("k-9.bin.tmp.124.0.ab", "half");
  Age(old_tmp, 48);

  // Room for three of the five images.
  const uint64_t image = fs::file_size(dir.File("k-1.bin"));
  EXPECT_EQ(PruneImages(dir.path(), "k", kMagic, 3 * image + image / 2, /*max_idle_days=*/60), 3u);
  EXPECT_TRUE(fs::exists(dir.File("k-1.bin")));
  EXPECT_TRUE(fs::exists(dir.File("k-2.bin")));
  EXPECT_TRUE(fs::exists(dir.File("k-3.bin")));
  EXPECT_FALSE(fs::exists(dir.File("k-4.bin")));
  EXPECT_FALSE(fs::exists(dir.File("k-5.bin")));
  EXPECT_FALSE(fs::exists(old_tmp));
  EXPECT_TRUE(fs::exists(new_tmp));
  for (const auto& p : {other_kind, other_magic, not_bin}) EXPECT_TRUE(fs::exists(p)) << p;

  // Unused for longer than max_idle_days: gone even when fewer than `keep` are left.
  Age(dir.File("k-3.bin"), 24 * 61);
  EXPECT_EQ(PruneImages(dir.path(), "k", kMagic, 100 * image, 60), 1u);
  EXPECT_FALSE(fs::exists(dir.File("k-3.bin")));
  EXPECT_TRUE(fs::exists(dir.File("k-1.bin")));
  // The most recently used image stays even when it alone is over the budget.
  EXPECT_EQ(PruneImages(dir.path(), "k", kMagic, 1, 60), 1u);
  EXPECT_TRUE(fs::exists(dir.File("k-1.bin")));
  EXPECT_FALSE(fs::exists(dir.File("k-2.bin")));
  EXPECT_EQ(PruneImages(dir.path() + "/absent", "k", kMagic), 0u);
}

TEST(ImageCache, WritingPrunesTheFolder) {
  TempDir dir;
  // An image unused for 61 days goes when another of its kind is written; one of another kind
  // stays.
  const std::string old = dir.File("k-0.bin"), other = dir.File("j-0.bin");
  ASSERT_TRUE(WriteImage(old, kMagic, 1, 0, "x"));
  ASSERT_TRUE(WriteImage(other, kMagic, 1, 0, "x"));
  Age(old, 24 * 61);
  Age(other, 24 * 61);
  ASSERT_TRUE(WriteImage(dir.File("k-1.bin"), kMagic, 1, 1, "x"));
  EXPECT_FALSE(fs::exists(old));
  EXPECT_TRUE(fs::exists(other));
  EXPECT_TRUE(fs::exists(dir.File("k-1.bin")));
}

}  // namespace
}  // namespace dyad
