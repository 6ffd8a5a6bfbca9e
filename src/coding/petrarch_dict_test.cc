// Tests for the PETRARCH-2 dictionary readers, on small dictionaries written for these tests,
// and for coding with them through dyad's sparse coder.
#include "coding/petrarch_dict.h"

#include <gtest/gtest.h>

#include "coding/sparse_coder.h"

namespace dyad::petrarch {
namespace {

using tabari::Dictionaries;
using tabari::PatternElement;

// "WIRE_TAP": a phrase's words joined by '_'.
std::string Words(const tabari::Phrase& p) {
  std::string out;
  for (const auto& w : p.words) out += (out.empty() ? "" : "_") + w.text;
  return out;
}

class VectorSink : public DiagnosticSink {
 public:
  void Report(const Diagnostic& d) override { all.push_back(d.ToString()); }
  std::vector<std::string> all;
};

TEST(PetrarchKind, FromName) {
  EXPECT_EQ(KindFromName("/x/CAMEO.2.0.txt"), FileKind::kVerbs);
  EXPECT_EQ(KindFromName("PETR_Validate_verbs_2_02.txt"), FileKind::kVerbs);
  EXPECT_EQ(KindFromName("dir/Phoenix.Countries.actors.txt"), FileKind::kActors);
  EXPECT_EQ(KindFromName("Phoenix.agents.txt"), FileKind::kAgents);
  EXPECT_EQ(KindFromName("PETR.Validate.discards.txt"), FileKind::kDiscards);
  EXPECT_EQ(KindFromName("Phoenix.IssueCoding.txt"), FileKind::kNone);
  EXPECT_EQ(KindFromName("Validate.agents"), FileKind::kNone);  // TABARI, not PETRARCH
}

TEST(PetrarchActors, SynonymsDatesAndComments) {
  const char* text =
      "<!-- a comment block\n"
      "   spanning lines -->\n"
      "# a comment\n"
      "NORTHLAND [NTH]  # trailing comment\n"
      "+NORTHLANDER\n"
      "+NORTH_LAND_\n"
      "OLD KING\n"
      "\t[NTHGOV >080508]\n"
      "\t[NTHELI 050101-080507]\n"
      "\t[NTH]\n"
      "YOUNG_PRINCE_  [nthroy <20080120] ; a TABARI-style remark\n"
      "+[oops]\n";
  VectorSink diag;
  Reader r(diag, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadActorsText("t.actors.txt", text, &d).ok());
  ASSERT_EQ(d.actors.size(), 3u);
  EXPECT_EQ(d.actors[0].phrases.size(), 3u);
  EXPECT_EQ(d.actors[0].line, 4);
  EXPECT_EQ(d.actors[0].phrases[2].words[0].text, "NORTH");
  EXPECT_TRUE(d.actors[0].phrases[2].words[0].adjacent);
  EXPECT_TRUE(d.actors[0].phrases[2].words[1].exact);
  // "OLD KING": a blank joins consecutive words in PETRARCH actors.
  EXPECT_TRUE(d.actors[1].phrases[0].words[0].adjacent);
  ASSERT_EQ(d.actors[1].codes.size(), 3u);
  EXPECT_EQ(d.actors[1].codes[0].code, "NTHGOV");
  EXPECT_EQ(d.actors[1].codes[0].from, 20080508);
  EXPECT_EQ(d.actors[1].codes[1].from, 20050101);
  EXPECT_EQ(d.actors[1].codes[1].to, 20080507);
  EXPECT_EQ(d.actors[2].codes[0].code, "NTHROY");
  EXPECT_EQ(d.actors[2].codes[0].to, 20080120);
  ASSERT_EQ(diag.all.size(), 1u);
  EXPECT_EQ(diag.all[0], "t.actors.txt:12: missing phrase");
  EXPECT_EQ(d.errors, 1);
}

TEST(PetrarchActors, StrictStopsAtFirstError) {
  VectorSink diag;
  Reader r(diag, true);
  Dictionaries d;
  Status s = r.ReadActorsText("s.txt", "\t[NTH]\nNORTHLAND [NTH]\n", &d);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("s.txt:1:"), std::string::npos);
}

TEST(PetrarchAgents, PluralsMacrosAndCodes) {
  const char* text =
      "!PEOPLE! = MAN, WOMAN , PERSON\n"
      "MINISTER [~GOV]\n"
      "POLICE {} [ ~COP]\n"
      "GOOSE {GEESE} [~GSE]\n"
      "COMPANY [BUS~]\n"
      "CONGRESS!PEOPLE! [~LEG}\n"
      "ARMY_CHIEF   [~MIL] # comment\n"
      "NO_CODE_HERE\n"
      "BAD [GOV]\n";
  VectorSink diag;
  Reader r(diag, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadAgentsText("a.txt", text, &d).ok());
  std::vector<std::string> got;
  for (const auto& a : d.agents) {
    got.push_back(a.phrase.ToString() + (a.code_first ? " " + a.code + "~" : " ~" + a.code));
  }
  // Words are matched as written (regular endings aside): exact, shown with a final '_'.
  std::vector<std::string> want = {
      "MINISTER_ ~GOV",      "MINISTERS_ ~GOV",      "POLICE_ ~COP",     "GOOSE_ ~GSE",
      "GEESE_ ~GSE",         "COMPANY_ BUS~",        "COMPANIES_ BUS~",  "CONGRESSMAN_ ~LEG",
      "CONGRESSWOMAN_ ~LEG", "CONGRESSPERSON_ ~LEG", "ARMY_CHIEF_ ~MIL", "ARMY_CHIEFS_ ~MIL"};
  EXPECT_EQ(got, want);
  ASSERT_EQ(diag.all.size(), 2u);
  EXPECT_EQ(diag.all[0], "a.txt:8: agent without a [~CODE] or [CODE~]");
  EXPECT_NE(diag.all[1].find("a.txt:9:"), std::string::npos);
}

TEST(PetrarchDiscards, BecomeDiscardActors) {
  VectorSink diag;
  Reader r(diag, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadDiscardsText("d.txt", "+GOLF CUP  # story\nfootball_\n", &d).ok());
  ASSERT_EQ(d.actors.size(), 2u);
  EXPECT_EQ(d.actors[0].codes[0].code, "###");
  EXPECT_EQ(d.actors[0].phrases[0].ToString(), "GOLF_CUP");
  EXPECT_TRUE(d.actors[0].phrases[0].words[0].adjacent);
  EXPECT_TRUE(d.actors[1].phrases[0].words[0].exact);
}

constexpr const char* kVerbs =
    "####### SYNONYM SETS #######\n"
    "&MONEY\n"
    "+CASH\n"
    "+SUBSIDY\n"
    "&PREP_\n"
    "+NEAR\n"
    "+AT\n"
    "\n"
    "--- HELP  [070]  ---\n"
    "AID\n"
    "ASSIST  # comment\n"
    "SUPPORT [051]\n"
    "+PROP_UP {+PROPS_UP +PROPPED_UP +PROPPING_UP}\n"
    "- * (WITH &MONEY) [071]\n"
    "- * {FOOD AID} + [073]\n"
    "- $ * (&PREP +) [074]\n"
    "- * VISA [:075]\n"
    "- NO STAR [079]\n"
    "- * &NOSUCH [078]\n"
    "~ a (a b HELP) SAY = a b 015\n"
    "\n"
    "---  STRIKE   [190]  ---\n"
    "STRIKE {STRIKES STRUCK STRIKING}\n"
    "WIRE_+TAP [---]\n"
    "- * {AIR BASE} [195]\n";

TEST(PetrarchVerbs, BlocksSynsetsAndPatterns) {
  VectorSink diag;
  Reader r(diag, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadVerbsText("v.txt", kVerbs, &d).ok());
  ASSERT_EQ(d.synsets.count("MONEY"), 1u);
  EXPECT_EQ(d.synsets["MONEY"].members.size(), 3u);  // + SUBSIDIES
  EXPECT_EQ(d.synsets["MONEY"].members[2].ToString(), "SUBSIDIES_");
  EXPECT_EQ(d.synsets["PREP"].members.size(), 2u);  // label ends in '_': no plurals
  // HELP: AID, ASSIST and PROP_UP share the block code; SUPPORT has its own.
  ASSERT_EQ(d.verbs.size(), 4u);
  const auto& help = d.verbs[0];
  EXPECT_EQ(help.code, "070");
  EXPECT_EQ(Words(help.phrase), "AID");
  EXPECT_TRUE(help.phrase.words[0].no_endings);  // every form is listed
  std::vector<std::string> forms;
  for (const auto& f : help.forms) forms.push_back(Words(f));
  EXPECT_NE(std::find(forms.begin(), forms.end(), "ASSISTED"), forms.end());
  EXPECT_NE(std::find(forms.begin(), forms.end(), "PROPPED_UP"), forms.end());
  EXPECT_NE(std::find(forms.begin(), forms.end(), "PROPS_UP"), forms.end());
  EXPECT_NE(std::find(forms.begin(), forms.end(), "AIDING"), forms.end());
  EXPECT_NE(std::find(forms.begin(), forms.end(), "ASSISTS"), forms.end());
  EXPECT_EQ(d.verbs[1].code, "051");
  EXPECT_EQ(Words(d.verbs[1].phrase), "SUPPORT");
  // Every pattern of the block applies to both entries.
  ASSERT_EQ(help.patterns.size(), 4u);
  EXPECT_EQ(d.verbs[1].patterns.size(), 4u);
  using K = PatternElement::Kind;
  const auto& p0 = help.patterns[0].elements;
  ASSERT_EQ(p0.size(), 3u);
  EXPECT_EQ(p0[0].kind, K::kVerb);
  EXPECT_EQ(p0[1].word.text, "WITH");
  EXPECT_EQ(p0[2].kind, K::kSynset);
  EXPECT_EQ(p0[2].word.text, "MONEY");
  EXPECT_EQ(help.patterns[0].code, "071");
  // A {noun phrase} is one element; its head follows the word before it directly.
  const auto& p1 = help.patterns[1].elements;
  ASSERT_EQ(p1.size(), 3u);
  EXPECT_EQ(p1[1].kind, K::kAlternatives);
  ASSERT_EQ(p1[1].alternatives.size(), 1u);
  EXPECT_EQ(Words(p1[1].alternatives[0]), "FOOD_AID");
  EXPECT_TRUE(p1[1].alternatives[0].words[0].adjacent);
  EXPECT_EQ(p1[2].kind, K::kTarget);
  EXPECT_EQ(help.patterns[2].elements[0].kind, K::kSource);
  // "[:075]": target before the verb, source after it.
  const auto& rev = help.patterns[3];
  EXPECT_EQ(rev.code, "075");
  EXPECT_EQ(rev.elements.front().kind, K::kTarget);
  EXPECT_EQ(rev.elements.back().kind, K::kSource);
  // STRIKE with irregular forms; WIRE_+TAP has its own null code.
  EXPECT_EQ(d.verbs[2].code, "190");
  forms.clear();
  for (const auto& f : d.verbs[2].forms) forms.push_back(Words(f));
  EXPECT_EQ(forms, (std::vector<std::string>{"STRIKES", "STRUCK", "STRIKING", "STRIKES", "STRIKED",
                                             "STRIKING"}));
  EXPECT_EQ(d.verbs[3].code, "---");
  EXPECT_EQ(Words(d.verbs[3].phrase), "WIRE_TAP");
  EXPECT_TRUE(d.verbs[3].phrase.words[0].adjacent);
  ASSERT_EQ(diag.all.size(), 2u);
  EXPECT_EQ(diag.all[0], "v.txt:18: a pattern needs exactly one '*'");
  EXPECT_EQ(diag.all[1], "v.txt:19: undefined synset &NOSUCH (pattern ignored)");
}

TEST(PetrarchVerbs, LinesOutsideBlocksAreReported) {
  VectorSink diag;
  Reader r(diag, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadVerbsText("v.txt", "- * X [010]\nLOOSE\n--- B ---\n", &d).ok());
  EXPECT_EQ(d.errors, 2);
  EXPECT_EQ(diag.all[0], "v.txt:1: pattern outside a verb block");
}

// The translated dictionaries code raw text through the sparse coder.
TEST(PetrarchCoding, CodesFromText) {
  VectorSink diag;
  Reader r(diag, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadActorsText("a",
                               "NORTHLAND [NTH]\nSOUTHLAND [STH]\nOLD KING\n"
                               "\t[NTHGOV >080508]\n\t[NTHELI]\n",
                               &d)
                  .ok());
  ASSERT_TRUE(r.ReadAgentsText("g", "ARMY [~MIL]\n", &d).ok());
  ASSERT_TRUE(r.ReadDiscardsText("x", "FOOTBALL\n", &d).ok());
  ASSERT_TRUE(r.ReadVerbsText("v", kVerbs, &d).ok());
  tabari::Coder coder(d);
  tabari::Options o;
  o.settings["MINIMUM WORDS"] = "0";
  coder.SetOptions(o);
  auto code = [&](const char* s, int32_t date = 20100101) {
    std::vector<std::string> out;
    auto res = coder.Code(s, date);
    if (res.discarded) out.push_back("###");
    for (const auto& e : res.events) out.push_back(e.source + " " + e.target + " " + e.code);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(code("Northland aided Southland."), (V{"NTH STH 070"}));
  EXPECT_EQ(code("Northland assisted Southland with cash."), (V{"NTH STH 071"}));
  EXPECT_EQ(code("Northland supports Southland."), (V{"NTH STH 051"}));
  EXPECT_EQ(code("The Northland army struck Southland."), (V{"NTHMIL STH 190"}));
  EXPECT_EQ(code("The old king struck Southland.", 20100101), (V{"NTHGOV STH 190"}));
  EXPECT_EQ(code("The old king struck Southland.", 20000101), (V{"NTHELI STH 190"}));
  EXPECT_EQ(code("Northland struck Southland in a football match."), (V{"###"}));
  EXPECT_EQ(code("Northland aided Southland with food aid."), (V{"NTH STH 070"}));
  EXPECT_EQ(code("Northland aided the food aid effort for Southland."), (V{"NTH STH 073"}));
}

}  // namespace
}  // namespace dyad::petrarch
