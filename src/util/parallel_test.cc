#include "util/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>

namespace dyad {
namespace {

// Results reach `consume` in push order, whatever order the workers finish in.
TEST(OrderedPool, KeepsPushOrder) {
  for (size_t threads : {0u, 1u, 2u, 4u}) {
    std::vector<int> seen;
    OrderedPool<int, int> pool(
        threads, 3,
        [](int& x) {
          // Later items often finish first.
          std::this_thread::sleep_for(std::chrono::microseconds((x * 7919) % 300));
          return x * 2;
        },
        [&](int&& y) {
          seen.push_back(y);
          return Status::OK();
        });
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(pool.Push(i).ok());
    ASSERT_TRUE(pool.Finish().ok());
    ASSERT_EQ(seen.size(), 200u) << threads;
    for (int i = 0; i < 200; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], 2 * i) << threads;
  }
}

// No more than `window` items are ever in flight (pushed and not yet consumed).
TEST(OrderedPool, BoundsItemsInFlight) {
  std::atomic<int> in_flight{0}, most{0};
  OrderedPool<int, int> pool(
      3, 5,
      [&](int& x) {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        return x;
      },
      [&](int&&) {
        --in_flight;
        return Status::OK();
      });
  for (int i = 0; i < 300; ++i) {
    int now = ++in_flight;
    most = std::max(most.load(), now);
    ASSERT_TRUE(pool.Push(i).ok());
  }
  ASSERT_TRUE(pool.Finish().ok());
  EXPECT_EQ(in_flight.load(), 0);
  EXPECT_LE(most.load(), 5 + 1);  // counted just before the push that makes room
}

// The first error `consume` returns stops the pool and is returned from then on.
TEST(OrderedPool, StopsAtTheFirstConsumeError) {
  for (size_t threads : {0u, 2u}) {
    int consumed = 0;
    OrderedPool<int, int> pool(
        threads, 4, [](int& x) { return x; },
        [&](int&& y) {
          if (y == 10) return Status::IOError("disk full at 10");
          ++consumed;
          return Status::OK();
        });
    Status st;
    for (int i = 0; i < 100 && st.ok(); ++i) st = pool.Push(i);
    Status fin = pool.Finish();
    EXPECT_FALSE(fin.ok()) << threads;
    EXPECT_NE(fin.ToString().find("disk full at 10"), std::string::npos) << fin.ToString();
    EXPECT_EQ(consumed, 10) << threads;
  }
}

// A worker's exception becomes an error value, not a crash.
TEST(OrderedPool, WorkExceptionBecomesAnError) {
  for (size_t threads : {0u, 2u}) {
    int consumed = 0;
    OrderedPool<int, int> pool(
        threads, 4,
        [](int& x) {
          if (x == 5) throw std::runtime_error("bad record 5");
          return x;
        },
        [&](int&&) {
          ++consumed;
          return Status::OK();
        });
    Status st;
    for (int i = 0; i < 50 && st.ok(); ++i) st = pool.Push(i);
    Status fin = pool.Finish();
    EXPECT_FALSE(fin.ok()) << threads;
    EXPECT_NE(fin.ToString().find("bad record 5"), std::string::npos) << fin.ToString();
    EXPECT_EQ(consumed, 5) << threads;
  }
}

// Destroying a pool that was not finished joins its workers (nothing leaks or hangs).
TEST(OrderedPool, DestroyWithoutFinish) {
  int consumed = 0;
  {
    OrderedPool<int, int> pool(
        2, 8, [](int& x) { return x; },
        [&](int&&) {
          ++consumed;
          return Status::OK();
        });
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(pool.Push(i).ok());
  }
  EXPECT_LE(consumed, 6);
}

}  // namespace
}  // namespace dyad
