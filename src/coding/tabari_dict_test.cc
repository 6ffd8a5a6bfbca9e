// Tests for the TABARI dictionary readers and the validation-record parser.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "coding/tabari_dict.h"
#include "coding/tabari_validate.h"
#include "test_util.h"

namespace dyad::tabari {
namespace {

class VectorSink : public DiagnosticSink {
 public:
  void Report(const Diagnostic& d) override { all.push_back(d); }
  std::vector<Diagnostic> all;
};

TEST(TabariPhrase, JoinsStemsAndExactWords) {
  Phrase p;
  ASSERT_TRUE(ParsePhrase("TO_LET_ESCAPE", &p));
  ASSERT_EQ(p.words.size(), 3u);
  EXPECT_TRUE(p.words[0].exact && p.words[0].adjacent);
  EXPECT_TRUE(p.words[1].exact && p.words[1].adjacent);
  EXPECT_FALSE(p.words[2].exact);  // a stem
  EXPECT_FALSE(p.words[2].adjacent);
  ASSERT_TRUE(ParsePhrase("al gore", &p));
  ASSERT_EQ(p.words.size(), 2u);
  EXPECT_EQ(p.words[0].text, "AL");
  EXPECT_FALSE(p.words[0].adjacent);          // a space: other words may come between
  ASSERT_TRUE(ParsePhrase("BARAD-DUR", &p));  // hyphen read as '_'
  EXPECT_EQ(p.ToString(), "BARAD_DUR");
  ASSERT_TRUE(ParsePhrase("KIEV=", &p));
  EXPECT_TRUE(p.words[0].no_endings);
  ASSERT_TRUE(ParsePhrase("BACK~ POLICY", &p));
  EXPECT_TRUE(p.words[0].adjacent);
  EXPECT_FALSE(p.words[0].exact);
  EXPECT_FALSE(ParsePhrase("   ", &p));
}

TEST(TabariCodes, DateRestrictions) {
  std::vector<DateCode> c;
  std::string err;
  ASSERT_TRUE(ParseCodes("[USAGOV 991201-010114] [---]", &c, &err)) << err;
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].code, "USAGOV");
  EXPECT_EQ(c[0].from, 19991201);
  EXPECT_EQ(c[0].to, 20010114);
  EXPECT_EQ(c[1].code, "---");
  c.clear();
  ASSERT_TRUE(ParseCodes("[AR1 <911226] [AR2 >911226] [- - -]", &c, &err)) << err;
  EXPECT_EQ(c[0].to, 19911226);  // "<D" includes D
  EXPECT_EQ(c[1].from, 19911226);
  EXPECT_EQ(c[2].code, "---");
  c.clear();
  EXPECT_FALSE(ParseCodes("[USA", &c, &err));
  EXPECT_EQ(err, "missing ']'");
  EXPECT_FALSE(ParseCodes("[USA 991301-991302]", &c, &err));
  EXPECT_FALSE(ParseCodes("[ ]", &c, &err));
}

TEST(TabariActors, SynonymsNounsAndErrors) {
  const char* text =
      "<NOUN>\nSHEEP\nFORCES_  ;JW\n</NOUN>\n<ADJECTIVE>\nGOOD\n</ADJECTIVE>\n"
      "ARNOR  [ARN]\n"
      "# a commented-out line [XXX]\n"
      "GOLLUM ; a group\n+SMEAGOL\n+STINKER\n  [HOB <950601]\n  [HOBGOV 950601-990815]\n"
      "NOCODE_ACTOR\n"
      "BAD [USA 991399-000101]\n"
      "GONDOR [GON] [GONMIL]\n"
      "~FINISH\nAFTER [AFT]\n";
  VectorSink sink;
  Reader r(sink, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadActorsText("t.actors", text, &d).ok());
  EXPECT_EQ(d.nouns.size(), 2u);
  EXPECT_EQ(d.adjectives.size(), 1u);
  ASSERT_EQ(d.actors.size(), 3u);  // ARNOR, GOLLUM, GONDOR
  EXPECT_EQ(d.actors[1].phrases.size(), 3u);
  EXPECT_EQ(d.actors[1].codes.size(), 2u);
  EXPECT_EQ(d.actors[2].codes.size(), 2u);
  ASSERT_EQ(sink.all.size(), 2u);
  EXPECT_EQ(sink.all[0].ToString(), "t.actors:15: actor NOCODE_ACTOR has no code");
  EXPECT_EQ(sink.all[1].line, 16);
  EXPECT_EQ(d.errors, 2);

  Reader strict(sink, true);
  Dictionaries d2;
  EXPECT_FALSE(strict.ReadActorsText("t.actors", text, &d2).ok());
}

TEST(TabariAgents, ConnectorPlacement) {
  VectorSink sink;
  Reader r(sink, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadAgentsText("t.agents",
                               "FOREIGN_MINISTER_  [ ~GOVFRM] ;x\n"
                               "HUMAN_RIGHTS_ACTIVISTS [NGM~]\n"
                               "POLICE [COP]\n",
                               &d)
                  .ok());
  ASSERT_EQ(d.agents.size(), 2u);
  EXPECT_EQ(d.agents[0].code, "GOVFRM");
  EXPECT_FALSE(d.agents[0].code_first);
  EXPECT_TRUE(d.agents[1].code_first);
  ASSERT_EQ(sink.all.size(), 1u);
  EXPECT_EQ(sink.all[0].line, 3);
}

TEST(TabariVerbs, SynsetsTimeFormsAndPatterns) {
  const char* text =
      "<SYNSETS>\n&TIETYPES\n+MILITARY\n+ECONOMIC\n</SYNSETS>\n"
      "<TIME>\nLAST_WEEK [-7]\n- * AND A WEEK [+8]\n</TIME>\n"
      "- * ORPHAN [010]\n"
      "BREAK_  [1717]\n{BROKE_ BROKEN_ BROKE_DOWN}\n"
      "- * TREATY [161]\n"
      "- $ AND_ + * TO_ STRENGTHEN { GENEVA_ | INTERNATIONAL }_CONVENTIONS [0311]\n"
      "- * NEW_&TIETYPES_RELATIONS [903]\n"
      "- NO VERB MARKER [111]\n"
      "- { WAS | WERE ] * BY_ $ [195]\n"
      "ADMIT  [013:012]\n";
  VectorSink sink;
  Reader r(sink, false);
  Dictionaries d;
  ASSERT_TRUE(r.ReadVerbsText("t.verbs", text, &d).ok());
  ASSERT_EQ(d.synsets.count("TIETYPES"), 1u);
  EXPECT_EQ(d.synsets["TIETYPES"].members.size(), 2u);
  ASSERT_EQ(d.times.size(), 2u);
  EXPECT_TRUE(d.times[1].is_pattern);
  ASSERT_EQ(d.verbs.size(), 2u);
  const VerbEntry& brk = d.verbs[0];
  EXPECT_EQ(brk.code, "1717");
  ASSERT_EQ(brk.forms.size(), 3u);
  EXPECT_EQ(brk.forms[2].words.size(), 2u);
  ASSERT_EQ(brk.patterns.size(), 3u);
  const Pattern& p = brk.patterns[1];
  using K = PatternElement::Kind;
  ASSERT_GE(p.elements.size(), 7u);
  EXPECT_EQ(p.elements[0].kind, K::kSource);
  EXPECT_EQ(p.elements[1].kind, K::kWord);
  EXPECT_TRUE(p.elements[1].adjacent == false && p.elements[1].word.exact);
  EXPECT_EQ(p.elements[2].kind, K::kTarget);
  EXPECT_EQ(p.elements[3].kind, K::kVerb);
  EXPECT_EQ(p.elements[6].kind, K::kAlternatives);
  EXPECT_EQ(p.elements[6].alternatives.size(), 2u);
  EXPECT_TRUE(p.elements[6].adjacent);
  EXPECT_EQ(brk.patterns[2].elements[2].kind, K::kSynset);
  EXPECT_EQ(brk.patterns[2].elements[2].word.text, "TIETYPES");
  EXPECT_EQ(d.verbs[1].code, "013:012");
  // Errors: a pattern before any verb, no '*', and a '{' closed by ']'.
  ASSERT_EQ(sink.all.size(), 3u);
  EXPECT_EQ(sink.all[0].ToString(), "t.verbs:10: pattern before any verb");
  EXPECT_EQ(sink.all[1].ToString(), "t.verbs:16: pattern without the verb marker '*'");
  EXPECT_EQ(sink.all[2].line, 17);
}

TEST(TabariOptions, Commands) {
  VectorSink sink;
  Reader r(sink, false);
  Options o;
  ASSERT_TRUE(r.ReadOptionsText("t.options",
                                "// comment\nCOMPLEX: VERBS[5] CONJ[4]\nSET: LABEL = TRUE\n"
                                "SET: CODE BY CLAUSE\nLABEL: 031=MEET\nOUTPUT: ACTOR MATCH ID\n"
                                "nonsense\n",
                                &o)
                  .ok());
  EXPECT_EQ(o.complex.size(), 2u);
  EXPECT_EQ(o.settings["LABEL"], "TRUE");
  EXPECT_EQ(o.flags[0], "CODE BY CLAUSE");
  EXPECT_EQ(o.labels["031"], "MEET");
  EXPECT_EQ(sink.all.size(), 1u);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(TabariShared, LoadsThePeersDictionaries) {
  DYAD_REQUIRE_SHARED();
  std::string ref = dyad::testing::SharedDir() + "/reference/";
  VectorSink sink;
  Reader r(sink, false);
  Dictionaries d;
  for (const char* f : {"tabari-dictionaries/CAMEO.ECS.120522.actors",
                        "tabari-dictionaries/CAMEO.RCS.120521.actors",
                        "tabari-dictionaries/Internatnl.120521.actors"}) {
    ASSERT_TRUE(r.ReadActors(ref + f, &d).ok()) << f;
  }
  ASSERT_TRUE(r.ReadAgents(ref + "tabari-dictionaries/PSU.120522.agents", &d).ok());
  ASSERT_TRUE(r.ReadVerbs(ref + "tabari/CAMEO.091003.master.verbs", &d).ok());
  size_t patterns = 0;
  for (const auto& v : d.verbs) patterns += v.patterns.size();
  EXPECT_GT(d.actors.size(), 9000u);
  EXPECT_GT(d.agents.size(), 2000u);
  EXPECT_GT(d.verbs.size(), 1200u);
  EXPECT_GT(patterns, 15000u);
  // The files hold a few genuine mistakes (e.g. '{' closed by ']'); each is reported by line
  // and skipped, and they are a tiny share of the entries.
  EXPECT_LT(d.errors, 30);
  for (const auto& diag : sink.all) EXPECT_GT(diag.line, 0) << diag.ToString();
  // The validation project's own dictionaries load cleanly.
  VectorSink sink2;
  Reader r2(sink2, false);
  Dictionaries v;
  Options o;
  auto project = r2.ReadProject(ref + "tabari/Validate.project");
  ASSERT_TRUE(project.ok());
  ASSERT_TRUE(r2.ReadActors(project->files.at("actorsfile"), &v).ok());
  ASSERT_TRUE(r2.ReadVerbs(project->files.at("verbsfile"), &v).ok());
  ASSERT_TRUE(r2.ReadAgents(project->files.at("agentsfile"), &v).ok());
  ASSERT_TRUE(r2.ReadOptions(project->files.at("optionsfile"), &o).ok());
  EXPECT_EQ(v.errors, 0);
  EXPECT_TRUE(sink2.all.empty()) << sink2.all[0].ToString();
}

TEST(TabariShared, ValidationRecords) {
  DYAD_REQUIRE_SHARED();
  auto recs =
      ParseValidationRecords(Slurp(dyad::testing::SharedDir() + "/reference/tabari/Validate.text"));
  int standard = 0, counted = 0, option_only = 0;
  for (const auto& r : recs) {
    if (!r.standard) continue;
    ++standard;
    if (r.counted()) {
      ++counted;
      EXPECT_FALSE(r.text.empty()) << r.id;
      for (const auto& e : r.events) {
        EXPECT_FALSE(e.source.empty() || e.target.empty() || e.code.empty()) << r.id;
      }
    } else if (!r.options.empty()) {
      ++option_only;
    } else {
      ADD_FAILURE() << r.id << " at line " << r.line << " has no expectation";
    }
  }
  // README: 466 records before FINAL-01; those that only set an option are not counted.
  EXPECT_EQ(standard, 466);
  EXPECT_EQ(counted + option_only, 466);
  EXPECT_GT(counted, 400);
}

}  // namespace
}  // namespace dyad::tabari
