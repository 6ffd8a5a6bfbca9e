// The TIMEX3 tagger on TempEval-3 (TimeBank, AQUAINT and the held-out TE3 platinum sample),
// scored as TempEval-3 does (docs/time.md). The floors are a ratchet: raise them when the
// tagger improves, never lower them without saying why below. Skipped when ../shared is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "dyad/timex.h"
#include "test_util.h"

namespace dyad {
namespace {

TEST(TimexReference, TempEval3ScoresDoNotFallBelowTheRatchet) {
  DYAD_REQUIRE_SHARED();
  std::string dir = testing::SharedDir() + "/corpora/tempeval3-tbaq";
  auto ev = EvaluateTimex(dir, false);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  std::map<std::string, TimexTable> by_name;
  for (const auto& t : ev->tables) {
    by_name[t.name] = t;
    std::printf("%-20s relaxed F1 %.3f strict F1 %.3f value F1 %.3f (DATE: %.3f %.3f %.3f)\n",
                t.name.c_str(), t.all.RelaxedF1(), t.all.StrictF1(), t.all.ValueF1(),
                t.date.RelaxedF1(), t.date.StrictF1(), t.date.ValueF1());
  }
  ASSERT_TRUE(by_name.count("TimeBank+AQUAINT"));
  ASSERT_TRUE(by_name.count("TE3-platinum-sample"));
  const TimexTable& tune = by_name["TimeBank+AQUAINT"];
  EXPECT_EQ(tune.documents, 256u);
  EXPECT_EQ(tune.all.gold, 1822u);
  EXPECT_GE(tune.all.RelaxedF1(), 0.945);
  EXPECT_GE(tune.all.StrictF1(), 0.894);
  EXPECT_GE(tune.all.ValueF1(), 0.827);
  EXPECT_GE(tune.date.ValueF1(), 0.838);
  // each half of the tuning set on its own, so that a rule cannot buy TimeBank with AQUAINT
  // (2026-11-29 third round: rules are designed on TimeBank and checked on AQUAINT)
  ASSERT_TRUE(by_name.count("TimeBank"));
  ASSERT_TRUE(by_name.count("AQUAINT"));
  EXPECT_GE(by_name["TimeBank"].all.RelaxedF1(), 0.950);
  EXPECT_GE(by_name["TimeBank"].all.ValueF1(), 0.850);
  EXPECT_GE(by_name["AQUAINT"].all.RelaxedF1(), 0.940);
  EXPECT_GE(by_name["AQUAINT"].all.ValueF1(), 0.780);
  const TimexTable& test = by_name["TE3-platinum-sample"];
  EXPECT_EQ(test.all.gold, 31u);
  // Lowered once (0.92 / 0.79 -> 0.905 / 0.785) in the 2026-11-29 second round: the rules
  // chosen on the tuning set (value F1 80.8 -> 82.3) propose one more expression on this
  // 31-timex sample (35 instead of 34, still 26 values right). The held-out sample is not used
  // to choose rules, so it is not fitted back; see docs/time.md.
  EXPECT_GE(test.all.RelaxedF1(), 0.905);
  EXPECT_GE(test.all.ValueF1(), 0.785);
}

}  // namespace
}  // namespace dyad
