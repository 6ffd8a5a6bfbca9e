#include "coding/modality.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>

namespace dyad::coding {
namespace {

// Analyses `sentence` with the source being the first occurrence of `source` (may be empty) and
// the verb the first occurrence of `verb` after it. The result's cue points into the sentence,
// so the sentence is kept alive for the whole test program (the callers pass temporaries).
ModalityResult Analyze(const std::string& sentence, const std::string& source,
                       const std::string& verb) {
  static std::deque<std::string> kept;
  const std::string& s = kept.emplace_back(sentence);
  size_t sb = source.empty() ? 0 : s.find(source);
  size_t se = source.empty() ? 0 : sb + source.size();
  size_t vb = s.find(verb, se);
  EXPECT_NE(vb, std::string::npos) << verb;
  return AnalyzeModality(s, static_cast<uint32_t>(sb), static_cast<uint32_t>(se),
                         static_cast<uint32_t>(vb), static_cast<uint32_t>(vb + verb.size()));
}

std::string Speaker(const std::string& s, const ModalityResult& r) {
  return s.substr(r.speaker_begin, r.speaker_end - r.speaker_begin);
}

// Denials: the act a denial's complement reports is denied, not asserted; the denial
// itself, and acts in a later clause, are asserted.
TEST(ModalityTest, DenialNegatesItsComplement) {
  for (const char* s : {"Gondor denied there had been any attack on Rohan.",
                        "Gondor denies that its army attacked Rohan last week.",
                        "Gondor denied claims it had attacked Rohan."}) {
    auto r = Analyze(s, "Gondor", "attack");
    EXPECT_EQ(r.modality, Modality::kNegated) << s;
    EXPECT_EQ(r.cue.substr(0, 4), "deni") << s;
  }
  auto d = Analyze("Gondor denied the accusations made by Rohan.", "Gondor", "denied");
  EXPECT_EQ(d.modality, Modality::kAsserted);
  auto later = Analyze("Gondor denied the report and then attacked Rohan.", "", "attacked");
  EXPECT_EQ(later.modality, Modality::kAsserted);
}

// An obligation has not happened yet: "must" is hypothetical.
TEST(ModalityTest, ObligationIsHypothetical) {
  auto r = Analyze("Under the deal Gondor must sign a treaty with Rohan.", "Gondor", "sign");
  EXPECT_EQ(r.modality, Modality::kHypothetical);
  EXPECT_EQ(r.cue, "must");
}

TEST(ModalityTest, PlainStatementIsAsserted) {
  auto r = Analyze("Kazakhstan sent humanitarian aid to Kyiv in March.", "Kazakhstan", "sent");
  EXPECT_EQ(r.modality, Modality::kAsserted);
  EXPECT_TRUE(r.cue.empty());
  EXPECT_FALSE(r.attributed());
  EXPECT_FALSE(r.quoted);
}

TEST(ModalityTest, Negations) {
  for (const char* s : {"Kazakhstan did not recognise the annexation.",
                        "Kazakhstan didn't recognise the annexation.",
                        "Kazakhstan didn\xE2\x80\x99t recognise the annexation.",
                        "Kazakhstan will never recognise the annexation.",
                        "Kazakhstan refused to recognise the annexation.",
                        "Kazakhstan has declined to recognise the annexation.",
                        "Kazakhstan no longer recognise the annexation."}) {
    auto r = Analyze(s, "Kazakhstan", "recognise");
    EXPECT_EQ(r.modality, Modality::kNegated) << s;
    EXPECT_FALSE(r.cue.empty()) << s;
  }
  std::string s =
      "One was the refusal of Kazakhstan's president, Tokayev, in June to recognise it.";
  auto n = Analyze(s, "Kazakhstan's president, Tokayev", "recognise");
  EXPECT_EQ(n.modality, Modality::kNegated);
  EXPECT_EQ(n.cue, "refusal");
  s = "It noted Kyrgyzstan's failure to recognise the vote.";
  n = Analyze(s, "Kyrgyzstan's", "recognise");
  EXPECT_EQ(n.modality, Modality::kNegated);
  // The refusal itself is asserted: it is what happened.
  auto r = Analyze("Kazakhstan refused to recognise the annexation.", "Kazakhstan", "refused");
  EXPECT_EQ(r.modality, Modality::kAsserted);
}

TEST(ModalityTest, FutureAndIntended) {
  for (const char* s :
       {"Russia will send troops to Kazakhstan.", "Russia plans to send troops to Kazakhstan.",
        "Russia is expected to send troops to Kazakhstan.",
        "Russia is to send troops to Kazakhstan."}) {
    auto r = Analyze(s, "Russia", "send");
    EXPECT_EQ(r.modality, Modality::kFuture) << s;
  }
}

TEST(ModalityTest, HypotheticalAndConditional) {
  for (const char* s :
       {"Russia could send troops to Kazakhstan.", "Russia might send troops to Kazakhstan.",
        "Russia would send troops to Kazakhstan.",
        "If Russia sends troops to Kazakhstan, the West will respond."}) {
    auto r = Analyze(s, "Russia", "send");
    EXPECT_EQ(r.modality, Modality::kHypothetical) << s;
  }
  // The main clause after a conditional one is not itself conditional.
  auto r = Analyze("If Russia sends troops, the West will respond.", "the West", "respond");
  EXPECT_EQ(r.modality, Modality::kFuture);
}

TEST(ModalityTest, RequestedActsAreHypothetical) {
  auto r = Analyze("The deal came despite an EU demand for Turkey to recognise Cyprus.", "Turkey",
                   "recognise");
  EXPECT_EQ(r.modality, Modality::kHypothetical);
  EXPECT_EQ(r.cue, "for");
  r = Analyze("The West urged Russia to withdraw its troops from Ukraine.", "Russia", "withdraw");
  EXPECT_EQ(r.modality, Modality::kHypothetical);
  // An infinitive after the subject's own verb is not a request.
  r = Analyze("Tokayev was forced to call in troops from the CSTO.", "Tokayev", "call");
  EXPECT_EQ(r.modality, Modality::kAsserted);
}

TEST(ModalityTest, NegationWinsOverFuture) {
  auto r = Analyze("Kazakhstan will not recognise the annexation.", "Kazakhstan", "recognise");
  EXPECT_EQ(r.modality, Modality::kNegated);
  EXPECT_EQ(r.cue, "not");
}

TEST(ModalityTest, SpeakerBeforeEvent) {
  std::string s = "President Tokayev said Kazakhstan would not recognise the referendums.";
  auto r = Analyze(s, "Kazakhstan", "recognise");
  EXPECT_EQ(r.modality, Modality::kNegated);
  EXPECT_EQ(Speaker(s, r), "President Tokayev");
  s = "Tokayev said on Friday that Kazakhstan would send aid to Ukraine.";
  r = Analyze(s, "Kazakhstan", "send");
  EXPECT_EQ(r.modality, Modality::kFuture);  // "would" in reported speech looks ahead
  EXPECT_EQ(Speaker(s, r), "Tokayev");
}

TEST(ModalityTest, SpeakerAfterEvent) {
  std::string s = "Russia deported hundreds of migrants, the Tajik foreign ministry said.";
  auto r = Analyze(s, "Russia", "deported");
  EXPECT_EQ(Speaker(s, r), "the Tajik foreign ministry");
  s = "Russia deported hundreds of migrants, said Lavrov on Monday.";
  r = Analyze(s, "Russia", "deported");
  EXPECT_EQ(Speaker(s, r), "Lavrov");
  s = "Russia deported hundreds of migrants, according to the Tajik embassy.";
  r = Analyze(s, "Russia", "deported");
  EXPECT_EQ(Speaker(s, r), "the Tajik embassy");
}

TEST(ModalityTest, QuotationKeepsItsSpeaker) {
  std::string s = "\xE2\x80\x9CWe will not recognise them,\xE2\x80\x9D Tokayev told Putin.";
  auto r = Analyze(s, "We", "recognise");
  EXPECT_TRUE(r.quoted);
  EXPECT_EQ(r.modality, Modality::kNegated);
  EXPECT_EQ(Speaker(s, r), "Tokayev");
}

TEST(ModalityTest, PronounIsNotANamedSpeaker) {
  std::string s = "He said Russia would send troops.";
  auto r = Analyze(s, "Russia", "send");
  EXPECT_FALSE(r.attributed());
}

TEST(ModalityTest, ARelativeClauseIsNoSpeaker) {
  std::string s =
      "After Russia annexed Crimea, Kazakhstan abstained in the vote that declared it void.";
  auto r = Analyze(s, "Russia", "annexed");
  EXPECT_FALSE(r.attributed()) << Speaker(s, r);
  s = "Russia annexed Crimea, United Nations officials said.";
  r = Analyze(s, "Russia", "annexed");
  EXPECT_EQ(Speaker(s, r), "United Nations officials");
}

TEST(ModalityTest, NoSpeakerWithoutAComma) {
  std::string s = "Putin met Tokayev in Moscow and said the talks went well.";
  auto r = Analyze(s, "Putin", "met");
  EXPECT_FALSE(r.attributed());
}

TEST(ModalityTest, SpansOutsideTheSentenceAreClamped) {
  auto r = AnalyzeModality("Short.", 100, 200, 300, 400);
  EXPECT_EQ(r.modality, Modality::kAsserted);
  r = AnalyzeModality("", 0, 0, 0, 0);
  EXPECT_EQ(r.modality, Modality::kAsserted);
}

}  // namespace
}  // namespace dyad::coding
