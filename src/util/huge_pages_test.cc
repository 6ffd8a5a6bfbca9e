#include "util/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace dyad {
namespace {

TEST(HugePages, LargeBuffersAreAlignedAndHoldTheirValues) {
  // 3 MB: over the threshold, so the buffer is 2 MB-aligned.
  HugeVector<uint64_t> big(3 * 1024 * 1024 / sizeof(uint64_t));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big.data()) % HugePageAllocator<uint64_t>::kHugePage, 0u);
  for (size_t i = 0; i < big.size(); ++i) big[i] = i * 7;
  uint64_t sum = 0;
  for (size_t i = 0; i < big.size(); ++i) sum += big[i] - i * 7;
  EXPECT_EQ(sum, 0u);
  big.resize(16);  // shrinking keeps the large buffer; freeing it is checked by the sanitizers
  EXPECT_EQ(big[15], 105u);
}

TEST(HugePages, SmallBuffersAndGrowthKeepValues) {
  HugeVector<int> v;
  for (int i = 0; i < 1 << 20; ++i) v.push_back(i);  // crosses from small to huge blocks
  EXPECT_EQ(v.size(), size_t{1} << 20);
  EXPECT_EQ(v[12345], 12345);
  EXPECT_EQ(v.back(), (1 << 20) - 1);
}

}  // namespace
}  // namespace dyad
