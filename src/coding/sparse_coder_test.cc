// Unit tests for the sparse coder, on small dictionaries written for these tests.
#include "coding/sparse_coder.h"

#include <gtest/gtest.h>

namespace dyad::tabari {
namespace {

class NullSink : public DiagnosticSink {
 public:
  void Report(const Diagnostic& d) override { errors.push_back(d.ToString()); }
  std::vector<std::string> errors;
};

constexpr const char* kActors =
    "NORTHLAND_ [NTH]\n"
    "SOUTHLAND_ [STH]\n"
    "EASTMARCH_ [EST]\n"
    "DAILY_HERALD_ [NTHMED]\n"
    "OLD_KING_ [NTHGOV <200101]\n"
    "  [NTHELI 200101-291231]\n"
    "SPOILER_ [###]\n"
    "RIDDLE_ [+++]\n"
    "NOBODY_ [---]\n"
    "<ADJECTIVE>\nAWFUL\nEVIL\n</ADJECTIVE>\n";
constexpr const char* kAgents =
    "ARMY_ [~MIL]\n"
    "MINISTER_ [~GOV]\n"
    "REBELS_ [REB~]\n"
    "POLICE_ [~COP]\n"
    "CORRESPONDENT_ [~MED]\n";
constexpr const char* kVerbs =
    "<SYNSETS>\n&AID\n+FOOD\n+MEDICINE_\n</SYNSETS>\n"
    "ATTACK  [190]\n"
    "- * WITH_ ROCKETS [195]\n"
    "SEND  [070]\n"
    "{SENT_}\n"
    "- * &AID TO_ + [073]\n"
    "MEET  [040:041]\n"
    "{MET_}\n"
    "IGNORE  [---]\n"
    "SAY  [010?]\n"
    "{SAID_}\n"
    "CRITICIZE  [111]\n"

    "PROMISE  [030]\n"
    "RELEASE  [0841]\n"
    "CONDEMN  [111]\n"
    "- WAS_* [---]\n";

class CoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Reader r(sink_, true);
    Status st = r.ReadActorsText("t.actors", kActors, &d_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_TRUE(r.ReadAgentsText("t.agents", kAgents, &d_).ok());
    ASSERT_TRUE(r.ReadVerbsText("t.verbs", kVerbs, &d_).ok());
    coder_ = std::make_unique<Coder>(d_);
    UseOptions("");
  }
  // Sets the coder's options from .options lines (sentences of three words and more are coded).
  void UseOptions(const std::string& lines) {
    Reader r(sink_, true);
    Options o;
    ASSERT_TRUE(r.ReadOptionsText("t.options", lines + "SET: MINIMUM WORDS = 3\n", &o).ok());
    coder_->SetOptions(o);
  }
  std::vector<std::string> Code(const std::string& s, int32_t date = 0) {
    std::vector<std::string> out;
    CodedResult r = coder_->Code(s, date);
    if (r.discarded) out.push_back("###");
    if (r.complex) out.push_back("+++");
    for (const auto& e : r.events) out.push_back(e.source + " " + e.target + " " + e.code);
    return out;
  }
  NullSink sink_;
  Dictionaries d_;
  std::unique_ptr<Coder> coder_;
};

using V = std::vector<std::string>;

TEST_F(CoderTest, DefaultCodeAndPatterns) {
  EXPECT_EQ(Code("Northland attacked Southland on Monday."), (V{"NTH STH 190"}));
  EXPECT_EQ(Code("Northland attacked Southland with rockets."), (V{"NTH STH 195"}));
  // Synset in a pattern, and a target bound by '+'.
  EXPECT_EQ(Code("Northland sent medicine to Southland yesterday."), (V{"NTH STH 073"}));
}

TEST_F(CoderTest, PairedNullAndSubordinateCodes) {
  EXPECT_EQ(Code("Northland met Southland in the capital."), (V{"NTH STH 040", "STH NTH 041"}));
  EXPECT_EQ(Code("Northland ignored Southland again today."), V{});
  // A subordinate code is used only when nothing else is coded.
  EXPECT_EQ(Code("Northland said Southland was wrong."), (V{"NTH STH 010"}));
  EXPECT_EQ(Code("Northland said it criticized Southland."), (V{"NTH STH 111"}));
}

TEST_F(CoderTest, AgentsAttachToActors) {
  EXPECT_EQ(Code("The Northland army attacked Southland today."), (V{"NTHMIL STH 190"}));
  EXPECT_EQ(Code("The minister of Southland criticized Northland."), (V{"STHGOV NTH 111"}));
  EXPECT_EQ(Code("The rebels in Eastmarch attacked Northland."), (V{"REBEST NTH 190"}));
}

TEST_F(CoderTest, CompoundActorsAndReciprocalEvents) {
  EXPECT_EQ(Code("Northland and Southland attacked Eastmarch."), (V{"NTH EST 190", "STH EST 190"}));
  EXPECT_EQ(Code("Northland and Southland criticized each other."),
            (V{"NTH STH 111", "STH NTH 111"}));
}

TEST_F(CoderTest, PassiveVoiceReversesRoles) {
  EXPECT_EQ(Code("Southland was attacked by Northland on Monday."), (V{"NTH STH 190"}));
}

TEST_F(CoderTest, PronounsReferToActors) {
  EXPECT_EQ(Code("Northland said it would criticize Southland."), (V{"NTH STH 111"}));
}

TEST_F(CoderTest, DateRestrictedActorCodes) {
  EXPECT_EQ(Code("Old King attacked Southland at dawn.", 19991231), (V{"NTHGOV STH 190"}));
  EXPECT_EQ(Code("Old King attacked Southland at dawn.", 20250101), (V{"NTHELI STH 190"}));
}

TEST_F(CoderTest, DiscardComplexAndNullActors) {
  EXPECT_EQ(Code("Spoiler attacked Southland at dawn."), (V{"###"}));
  EXPECT_EQ(Code("Riddle attacked Southland at dawn."), (V{"+++"}));
  EXPECT_EQ(Code("Nobody attacked Southland at dawn."), V{});
}

TEST_F(CoderTest, ClausesAndCodeByOptions) {
  const std::string s = "Northland attacked Southland and criticized Eastmarch.";
  EXPECT_EQ(Code(s), (V{"NTH STH 190", "NTH EST 111"}));
  UseOptions("SET: CODE BY SENTENCE\n");
  EXPECT_EQ(Code(s), (V{"NTH STH 190"}));
}

TEST_F(CoderTest, EvidenceSpansPointIntoTheSentence) {
  const std::string s = "The Northland army attacked Southland with rockets.";
  CodedResult r = coder_->Code(s, 0);
  ASSERT_EQ(r.events.size(), 1u);
  const CodedEvent& e = r.events[0];
  EXPECT_EQ(s.substr(e.source_begin, e.source_end - e.source_begin), "Northland army");
  EXPECT_EQ(s.substr(e.target_begin, e.target_end - e.target_begin), "Southland");
  EXPECT_EQ(s.substr(e.verb_begin, e.verb_end - e.verb_begin), "attacked");
  EXPECT_EQ(e.rule, "t.verbs:7");
}

TEST_F(CoderTest, PronounsForwardAcrossSentences) {
  Coder::Forward f1, f2, f3;
  CodedResult r1 =
      coder_->Code("The Northland army attacked Southland on Monday.", 0, nullptr, &f1);
  ASSERT_EQ(r1.events.size(), 1u);
  EXPECT_EQ(f1.codes, (std::vector<std::string>{"NTH"}));  // the actor, without its agent
  CodedResult r2 = coder_->Code("It also criticized Eastmarch.", 0, &f1, &f2);
  ASSERT_EQ(r2.events.size(), 1u);
  EXPECT_EQ(r2.events[0].source, "NTH");
  EXPECT_EQ(r2.events[0].target, "EST");
  // Without forwarding the pronoun has nothing to refer to.
  EXPECT_TRUE(coder_->Code("It also criticized Eastmarch.", 0, nullptr, &f3).events.empty());
  // A plural pronoun needs a compound actor.
  Coder::Forward single{{"NTH"}, false};
  EXPECT_TRUE(coder_->Code("They also criticized Eastmarch.", 0, &single, &f3).events.empty());
}

TEST_F(CoderTest, ShortSentencesAreNotCoded) {
  Reader r(sink_, true);
  Options o;  // TABARI's default minimum of 8 words
  coder_->SetOptions(o);
  EXPECT_EQ(Code("Northland attacked Southland."), V{});
  EXPECT_EQ(Code("Northland attacked Southland on Monday with great force, officials said."),
            (V{"NTH STH 190"}));
}

// An actor word used as an attribute of a noun naming a thing is no actor; before an agent,
// alone, or as a possessive, it is one.
TEST_F(CoderTest, ActorModifyingAThingNounIsNoActor) {
  EXPECT_EQ(Code("Eastmarch criticized the Southland war again today."), V{});
  EXPECT_EQ(Code("Eastmarch criticized the conduct of the Southland economy today."), V{});
  // A possessive names the owner: a party.
  EXPECT_EQ(Code("Eastmarch criticized Southland's war again today."), (V{"EST STH 111"}));
  EXPECT_EQ(Code("Eastmarch criticized Southland again today."), (V{"EST STH 111"}));
  EXPECT_EQ(Code("Eastmarch criticized the Southland army again today."), (V{"EST STHMIL 111"}));
}

// Passive voice with a BY-agent: the agent acts on the subject, also when the agent belongs
// to a passive verb later in the subject's clause, and with "is being".
TEST_F(CoderTest, PassiveByAgentIsTheSource) {
  EXPECT_EQ(Code("Southland is being attacked by Northland this week."), (V{"NTH STH 190"}));
  EXPECT_EQ(Code("Southland rebels released from camps were questioned by Northland police."),
            (V{"NTHCOP REBSTH 0841"}));
  // A relative clause of the object is not the subject's passive.
  EXPECT_EQ(Code("Eastmarch criticized the raid that was planned by Northland."),
            (V{"EST NTH 111"}));
}

// A reporter who tells of an event takes no part in it: not its source, not a pronoun's
// referent.
TEST_F(CoderTest, ReportersQuotedAsSpeakersAreNoActors) {
  EXPECT_EQ(Code("Daily Herald correspondent Ann Smith said Eastmarch criticized Southland."),
            (V{"EST STH 111"}));
  EXPECT_EQ(Code("Daily Herald correspondent Ann Smith said he criticized Southland."), V{});
  // Not a speaker: the paper as a party to the event.
  EXPECT_EQ(Code("Northland criticized the Daily Herald yesterday."), (V{"NTH NTHMED 111"}));
}

// A pronoun subject of a complement clause ("promised they would ...") is not the verb's
// target; a named one stays the target of a comment ("said Southland was wrong").
TEST_F(CoderTest, ComplementSubjectIsNotTheTarget) {
  EXPECT_EQ(Code("Northland met Eastmarch and promised they would never attack Southland."),
            (V{"NTH EST 040", "EST NTH 041", "NTH STH 030"}));
  EXPECT_EQ(Code("Northland met Eastmarch and promised that they would never attack Southland."),
            (V{"NTH EST 040", "EST NTH 041", "NTH STH 030"}));
  EXPECT_EQ(Code("Northland promised Southland more aid this week."), (V{"NTH STH 030"}));
  // With CODE ALL and SOURCE IN CLAUSE, the complement's own verb has its subject as source.
  UseOptions("SET: CODE ALL\nSET: SOURCE IN CLAUSE\n");
  EXPECT_EQ(Code("Northland promised Eastmarch would attack Southland."),
            (V{"NTH EST 030", "EST STH 190"}));
}

// News prose (SOURCE IN CLAUSE): an actor after IN / AT is a place, not a subject, and an
// actor after the verb is never taken as its source when none precedes it (TABARI is greedy).
TEST_F(CoderTest, NewsProsePlacesAndNoGreedySource) {
  EXPECT_EQ(Code("The envoy in Eastmarch criticized Southland today."), (V{"EST STH 111"}));
  EXPECT_EQ(Code("Northland sent food to villagers who had fled Southland."), (V{"NTH STH 073"}));
  EXPECT_EQ(Code("Northland criticized the plan arguing it failed in Southland."),
            (V{"NTH STH 111"}));
  EXPECT_EQ(Code("Northland criticized claims it was planning raids on Southland."),
            (V{"NTH STH 111"}));
  EXPECT_EQ(Code("The paper criticized Northland and Southland today."), (V{"NTH STH 111"}));
  UseOptions("SET: SOURCE IN CLAUSE\n");
  EXPECT_EQ(Code("The envoy in Eastmarch criticized Southland today."), V{});
  EXPECT_EQ(Code("The paper criticized Northland and Southland today."), V{});
  EXPECT_EQ(Code("Life in Eastmarch was good and he criticized Southland."), V{});
  // Nor is a pattern's target bound past a relative pronoun (MEET has no pattern here, SEND
  // binds "+" after "aid to").
  EXPECT_EQ(Code("Northland sent food to villagers who had fled Southland."), V{});
  EXPECT_EQ(Code("Northland criticized the plan arguing it failed in Southland."), V{});
  EXPECT_EQ(Code("Northland criticized claims it was planning raids on Southland."), V{});
  // A relative clause that only describes its noun does not stop the search.
  EXPECT_EQ(Code("Northland sent food to villagers who are from Southland."), (V{"NTH STH 073"}));
  // Nor past a subordinating word: the subject after it is the source, a place is not.
  EXPECT_EQ(Code("Northland spoke after the envoy in Eastmarch criticized Southland."), V{});
  // A place can still be the target.
  EXPECT_EQ(Code("Northland attacked positions in Southland today."), (V{"NTH STH 190"}));
}

// An agent attaches to a possessive actor across a word or two ("Southland's new army"), and
// to an actor after FROM ("the army from Southland").
TEST_F(CoderTest, AgentsAfterPossessivesAndFrom) {
  EXPECT_EQ(Code("Southland's new army attacked Northland today."), (V{"STHMIL NTH 190"}));
  EXPECT_EQ(Code("The army from Southland attacked Northland today."), (V{"STHMIL NTH 190"}));
  // Not across a capitalised word or a function word.
  EXPECT_EQ(Code("Southland's record in army matters criticized Northland."), (V{"STH NTH 111"}));
  EXPECT_EQ(Code("Southland's Eastmarch army attacked Northland today."), (V{"STH NTH 190"}));
}

// SET: AGENT OF COMPOUND: an agent before OF and a compound qualifies every member (PETRARCH);
// without it only the first (TABARI).
TEST_F(CoderTest, AgentOfCompound) {
  EXPECT_EQ(Code("The army of Southland and Eastmarch attacked Northland."),
            (V{"STHMIL NTH 190", "EST NTH 190"}));
  UseOptions("SET: AGENT OF COMPOUND\n");
  EXPECT_EQ(Code("The army of Southland and Eastmarch attacked Northland."),
            (V{"STHMIL NTH 190", "ESTMIL NTH 190"}));
}

// SET: AGENT AFTER MODIFIERS: a possessive actor's agent may follow capitalised words and
// modifiers joined by AND (PETRARCH); without it only lower-case words (TABARI). Never across
// another actor.
TEST_F(CoderTest, AgentAfterModifiers) {
  EXPECT_EQ(Code("Southland's first Deputy Minister attacked Northland."), (V{"STH NTH 190"}));
  EXPECT_EQ(Code("Southland's awful and evil minister attacked Northland."), (V{"STH NTH 190"}));
  UseOptions("SET: AGENT AFTER MODIFIERS\n");
  EXPECT_EQ(Code("Southland's first Deputy Minister attacked Northland."), (V{"STHGOV NTH 190"}));
  EXPECT_EQ(Code("Southland's awful and evil minister attacked Northland."), (V{"STHGOV NTH 190"}));
  EXPECT_EQ(Code("Southland's Eastmarch army attacked Northland today."), (V{"STH NTH 190"}));
}

// A form of BE right before a verb in -ING is the progressive (active): the passive pattern
// "WAS_*" does not read it.
TEST_F(CoderTest, ProgressiveIsNotPassive) {
  EXPECT_EQ(Code("Northland was condemned in the capital today."), V{});
  EXPECT_EQ(Code("Northland was condemning Southland in the capital today."), (V{"NTH STH 111"}));
}

// A possessive pronoun right before an actor only determines it: the pattern's target is the
// actor named, not the pronoun's referent.
TEST_F(CoderTest, PossessivePronounBeforeAnActor) {
  EXPECT_EQ(Code("Northland sent food to its Southland allies today."), (V{"NTH STH 073"}));
}

// News prose: an opening phrase that starts with a preposition or subordinating word is
// introductory; the clause after its comma is the main one, not a nonrestrictive clause to
// drop (TABARI's comma rule drops it). A pronoun seen before an actor names someone else
// when it comes again.
TEST_F(CoderTest, IntroductoryPhraseAndRepeatedPronoun) {
  const std::string s = "Before the talks, Northland attacked Southland in the capital.";
  EXPECT_EQ(Code(s), V{});
  UseOptions("SET: SOURCE IN CLAUSE\n");
  EXPECT_EQ(Code(s), (V{"NTH STH 190"}));
  EXPECT_EQ(Code("While he praised Northland's army, Southland attacked him today."), V{});
}

// A verb word right after a past participle the dictionaries do not know is a noun ("faced
// attacks"); after an adverb it is a verb.
TEST_F(CoderTest, VerbWordAfterAParticipleIsANoun) {
  EXPECT_EQ(Code("Northland faced attacks from Southland today."), V{});
  EXPECT_EQ(Code("Northland reportedly attacked Southland today."), (V{"NTH STH 190"}));
}

// A coder over two actors (Northland NTH, Southland STH) and the verbs given, coding sentences
// of three words and more; null if the dictionaries do not load.
struct TwoActorCoder {
  NullSink sink;
  Dictionaries d;
  std::unique_ptr<Coder> coder;
};
std::unique_ptr<TwoActorCoder> MakeTwoActorCoder(const char* verbs) {
  auto t = std::make_unique<TwoActorCoder>();
  Reader r(t->sink, true);
  Options o;
  if (!r.ReadActorsText("t.actors", "NORTHLAND_ [NTH]\nSOUTHLAND_ [STH]\n", &t->d).ok() ||
      !r.ReadVerbsText("t.verbs", verbs, &t->d).ok() ||
      !r.ReadOptionsText("t.options", "SET: MINIMUM WORDS = 3\n", &o).ok()) {
    return nullptr;
  }
  t->coder = std::make_unique<Coder>(t->d);
  t->coder->SetOptions(o);
  return t;
}

// Patterns of the same length (synset names count nothing): the one covering more words of the
// sentence wins, whatever their order in the file.
TEST(CoderPatterns, SameLengthPrefersTheOneCoveringMoreWords) {
  auto t = MakeTwoActorCoder(
      "<SYNSETS>\n&COIN\n+FLORIN\n&CURSED\n+AUSTRIAN GOLD FLORIN\n"
      "</SYNSETS>\nGIVE  [070]\n{GAVE_}\n- * &COIN [071]\n- * &CURSED [190]\n");
  ASSERT_NE(t, nullptr);
  Coder& coder = *t->coder;
  auto code = [&](const char* s) {
    CodedResult got = coder.Code(s, 0);
    return got.events.size() == 1 ? got.events[0].code : std::string("?");
  };
  EXPECT_EQ(code("Northland gave a million austrian gold florin to Southland."), "190");
  EXPECT_EQ(code("Northland gave a million florin to Southland."), "071");
}

// A sentence with no actor codes no event, so only verbs coded ### or +++ are matched there;
// the result must be the one a full match gives: the longest pattern wins, also over a
// discard, and a verb's own special code stands when no pattern matches.
TEST(CoderPatterns, WithoutActorsOnlyTheWinningPatternsDiscardCounts) {
  auto t = MakeTwoActorCoder(
      "HOLD  [040]\n{HELD_}\n- * DERBY [###]\n- * DERBY RESULTS [042]\n"
      "- * TALKS WITH + [043]\n- * CONFUSION [+++]\nSTUMBLE  [+++]\n- * ON_ [041]\n");
  ASSERT_NE(t, nullptr);
  Coder& coder = *t->coder;
  auto code = [&](const char* s) {
    CodedResult got = coder.Code(s, 0);
    std::string out = got.discarded ? "###" : got.complex ? "+++" : "";
    for (const auto& e : got.events) out += e.source + ">" + e.target + ":" + e.code + " ";
    return out;
  };
  EXPECT_EQ(code("The town held its derby on Sunday."), "###");
  EXPECT_EQ(code("The town held its derby results on Sunday."), "");  // the longer one wins
  EXPECT_EQ(code("The town held talks in confusion."), "+++");
  EXPECT_EQ(code("The town stumbled again yesterday."), "+++");  // the verb's own code
  EXPECT_EQ(code("The town stumbled on a solution."), "");
  // With actors, the same verbs code events as before.
  EXPECT_EQ(code("Northland held talks with Southland."), "NTH>STH:043 ");
  EXPECT_EQ(code("Northland held its derby with Southland."), "###");
}

// Tokens' dictionary matches are cached per thread across sentences: two coders used in turn on
// one thread, whose dictionaries know the same words under different word ids, each code with
// their own.
TEST(CoderTokenCache, CodersUsedInTurnKeepTheirOwnMatches) {
  NullSink sink;
  Reader r(sink, true);
  Dictionaries a, b;
  ASSERT_TRUE(r.ReadActorsText("a.actors", "NORTHLAND_ [NTH]\nSOUTHLAND_ [STH]\n", &a).ok());
  ASSERT_TRUE(r.ReadVerbsText("a.verbs", "ATTACK  [190]\n", &a).ok());
  // b interns other words first, so the same words get other ids; SOUTHLAND is no actor.
  ASSERT_TRUE(r.ReadActorsText("b.actors",
                               "WESTFOLD_ [WST]\nRIVERDALE_ [RIV]\nNORTHLAND_ [NOR]\n"
                               "SOUTHLANDER_ [SLR]\n",
                               &b)
                  .ok());
  ASSERT_TRUE(r.ReadVerbsText("b.verbs", "PRAISE  [051]\nATTACK  [195]\n", &b).ok());
  Coder ca(a), cb(b);
  Options o;
  ASSERT_TRUE(r.ReadOptionsText("t.options", "SET: MINIMUM WORDS = 3\n", &o).ok());
  ca.SetOptions(o);
  cb.SetOptions(o);
  auto code = [](const Coder& c, const char* s) {
    std::vector<std::string> out;
    for (const auto& e : c.Code(s, 0).events)
      out.push_back(e.source + " " + e.target + " " + e.code);
    return out;
  };
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(code(ca, "Northland attacked Southland on Monday."), (V{"NTH STH 190"}));
    EXPECT_EQ(code(cb, "Northland attacked Southlanders on Monday."), (V{"NOR SLR 195"}));
    EXPECT_EQ(code(cb, "Northland attacked Southland on Monday."), V{});
    // (SOUTHLAND_ takes no "-ERS": no target.)
    EXPECT_EQ(code(ca, "Northland attacked Southlanders on Monday."), V{});
  }
}

// Tokens are upper-cased into one buffer while the sentence is split: words whose upper-case
// text is shorter or longer in bytes than the original (the typographic apostrophe, ICU case
// mapping), typographic quotes and commas around words keep each token's text and byte span.
TEST(CoderTokens, NonAsciiWordsQuotesAndCommasKeepTheirTextsAndSpans) {
  NullSink sink;
  Reader r(sink, true);
  Dictionaries d;
  ASSERT_TRUE(r.ReadActorsText("t.actors",
                               "ERDO\xC4\x9E"
                               "AN_ [TUR]\nNORTHLAND_ [NTH]\n"
                               "TOKAYEV'S_ALLY_ [KAZ]\n",
                               &d)
                  .ok());
  ASSERT_TRUE(r.ReadVerbsText("t.verbs", "ATTACK  [190]\n", &d).ok());
  Coder coder(d);
  Options o;
  ASSERT_TRUE(r.ReadOptionsText("t.options", "SET: MINIMUM WORDS = 3\n", &o).ok());
  coder.SetOptions(o);
  auto code = [&](std::string_view s) {
    std::vector<std::string> out;
    for (const auto& e : coder.Code(s, 0).events) {
      out.push_back(e.source + " " + e.target + " " + e.code + " " +
                    std::string(s.substr(e.source_begin, e.source_end - e.source_begin)) + "|" +
                    std::string(s.substr(e.target_begin, e.target_end - e.target_begin)));
    }
    return out;
  };
  // "Erdoğan" (ğ: two bytes in, two out), curly quotes, a comma after a quoted word.
  EXPECT_EQ(code("\xE2\x80\x9C"
                 "Erdo\xC4\x9F"
                 "an\xE2\x80\x9D attacked Northland, on Monday."),
            (V{"TUR NTH 190 Erdo\xC4\x9F"
               "an|Northland"}));
  // "Tokayev’s" (the apostrophe: three bytes in, one out) before ASCII words.
  EXPECT_EQ(code("Tokayev\xE2\x80\x99s ally attacked \xE2\x80\x9CNorthland\xE2\x80\x9D today."),
            (V{"KAZ NTH 190 Tokayev\xE2\x80\x99s ally|Northland"}));
  // Dotless i (two bytes in, one out) in an unknown word between known ones.
  EXPECT_EQ(code("Northland attacked \xC4\xB1zmir and Erdo\xC4\x9F"
                 "an today."),
            (V{"NTH TUR 190 Northland|Erdo\xC4\x9F"
               "an"}));
  std::vector<Coder::NamedSpan> spans = coder.ActorSpans(
      "Tokayev\xE2\x80\x99s ally met \xE2\x80\x9C"
      "Erdo\xC4\x9F"
      "an\xE2\x80\x9D.");
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[0].end, 16u);
  EXPECT_EQ(spans[1].begin, 24u);
  EXPECT_EQ(spans[1].end, 32u);
}

}  // namespace
}  // namespace dyad::tabari
