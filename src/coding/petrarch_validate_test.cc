// Tests for the PETRARCH validation runner: the records reader, scoring, PICO negation and a
// run end to end on small files written here. The reference suites themselves run as ctest
// petrarch_validation_suite and petrarch_unittest_suite.
#include "coding/petrarch_validate.h"

#include <gtest/gtest.h>

#include "coding/tabari_dict.h"
#include "dyad/tabari.h"
#include "test_util.h"

namespace dyad::petrarch {
namespace {

constexpr const char* kRecords = R"(<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!-- <Sentence category="GONE" id="COMMENTED-OUT"> -->
<Environment>
    <Verbfile>t.verbs.txt</Verbfile>
    <Actorfile>t.actors.txt</Actorfile>
    <Include>ONE TWO </Include>
</Environment>
<Sentences>
<Sentence category="ONE" date="20100105" id="ONE-01" evaluate="true">
<EventCoding eventcode="190" sourcecode="NTH" targetcode="STH" />
<Text>
Northland attacked
Southland &amp; friends.
</Text>
<Parse>
1	Northland	Northland	PROPN	NNP	_	2	nsubj	_	_
</Parse></Sentence>
<Sentence category="ONE" date="20100106" id="ONE-02" evaluate="false">
<EventCoding noevents = "True"></EventCoding>
<Text>Skipped.</Text>
</Sentence>
<Sentence date="20100107" id="TWO-01" category="TWO" sentence="true">
<EventCoding sourcecode='"SOME PHRASE"' targetcode="STH" eventcode="010"></EventCoding>
<EventCoding sourcecode="NTH" targetcode="STH" eventcode="011"></EventCoding>
<PLEvent {"event": "010", "source": [{"code": "NTH"}]}>
<Text>Northland attacked Southland.</Text>
</Sentence>
<Sentence category="THREE" date="20100108" id="THREE-01" evaluate="true">
<EventCoding noevents="True" />
<Text>Northland attacked Southland.</Text>
</Sentence>
<Sentence category="TWO" date="20100109" id="TWO-02" evaluate="true">
<EventCoding noevents="True" />
<Text>Northland did not attack Southland.</Text>
</Sentence>
</Sentences>
</Validation>
)";

TEST(PetrarchRecords, ParsesEnvironmentAndSentences) {
  auto f = ParseRecords(kRecords);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->environment.at("Verbfile"), "t.verbs.txt");
  EXPECT_EQ(f->include, (std::vector<std::string>{"ONE", "TWO"}));
  ASSERT_EQ(f->records.size(), 5u);
  const Record& r = f->records[0];
  EXPECT_EQ(r.id, "ONE-01");
  EXPECT_EQ(r.category, "ONE");
  EXPECT_EQ(r.date, 20100105);
  EXPECT_TRUE(r.evaluate);
  EXPECT_EQ(r.text, "Northland attacked Southland & friends.");
  EXPECT_EQ(r.line, 10);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0], (tabari::ExpectedEvent{"NTH", "STH", "190"}));
  EXPECT_FALSE(f->records[1].evaluate);
  EXPECT_TRUE(f->records[1].expect_none);
  // Single quotes around a quoted phrase; no evaluate attribute means evaluated.
  EXPECT_EQ(f->records[2].events[0].source, "SOME PHRASE");
  EXPECT_TRUE(f->records[2].evaluate);
  EXPECT_EQ(f->records[2].text, "Northland attacked Southland.");
}

TEST(PetrarchRecords, ScoresCorrectUncodedExtra) {
  Record r;
  r.events = {{"A", "B", "010"}, {"A", "C", "010"}};
  tabari::CodedResult got;
  tabari::CodedEvent e;
  e.source = "A";
  e.target = "B";
  e.code = "010";
  got.events.push_back(e);
  e.target = "D";
  got.events.push_back(e);
  RecordResult res;
  Score(r, got, &res);
  EXPECT_EQ(res.correct, 1);
  EXPECT_EQ(res.uncoded, 1);
  EXPECT_EQ(res.extra, 1);
  // Expecting nothing: one expectation, met only when nothing is coded.
  Record none;
  none.expect_none = true;
  Score(none, got, &res);
  EXPECT_EQ(res.correct, 0);
  EXPECT_EQ(res.uncoded, 1);
  EXPECT_EQ(res.extra, 2);
  Score(none, tabari::CodedResult(), &res);
  EXPECT_EQ(res.correct, 1);
  EXPECT_TRUE(res.passed());
}

TEST(PetrarchPico, NegationBothWays) {
  Pico p = ReadPico(
      "# comment\n"
      "050:0x0080#Cooperate\n"
      "057:0x0087\n"
      "110:0x1007f#0xFFFF+0x0080#Disapprove\n"
      "120:-0xFFFF#Reject\n"
      "170:0x10086\n"
      "011:0x1000-0xFFFF\n"
      "bad line\n");
  EXPECT_EQ(p.Negated("110"), "050");
  EXPECT_EQ(p.Negated("050"), "110");
  EXPECT_EQ(p.Negated("057"), "170");
  EXPECT_EQ(p.Negated("057:050"), "170:110");
  EXPECT_EQ(p.Negated("120"), "");
  EXPECT_EQ(p.Negated("999"), "");
}

TEST(PetrarchValidation, RunsEndToEnd) {
  testing::TempDir dir;
  std::string records = dir.Write("t.records.xml", kRecords);
  dir.Write("t.actors.txt", "NORTHLAND [NTH]\nSOUTHLAND [STH]\n");
  dir.Write("t.verbs.txt", "--- ATTACK [190] ---\nATTACK\n");
  auto f = ParseRecords(kRecords);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(DefaultDictionaries(records, *f),
            (std::vector<std::string>{dir.File("t.actors.txt"), dir.File("t.verbs.txt")}));
  CountingSink diag(nullptr);
  auto rep = RunValidation(records, {}, diag, false);
  ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  // ONE-02 (evaluate="false") and THREE-01 (not included) are not scored.
  EXPECT_EQ(rep->skipped, 2);
  ASSERT_EQ(rep->results.size(), 3u);
  EXPECT_EQ(rep->total.records, 3);
  EXPECT_EQ(rep->total.correct, 1);  // ONE-01
  EXPECT_EQ(rep->total.uncoded, 3);  // TWO-01 twice, TWO-02 (no PICO: the negation is coded)
  EXPECT_EQ(rep->total.extra, 2);
  EXPECT_EQ(rep->categories.at("TWO").records, 2);
}

TEST(PetrarchValidation, MissingRecordsFileSkips) {
  CommandArgs a;
  a.records = "/nonexistent/records.xml";
  std::FILE* null = std::fopen("/dev/null", "w");
  EXPECT_EQ(ValidateCommand(a, null, null), 77);
  std::fclose(null);
}

}  // namespace
}  // namespace dyad::petrarch
