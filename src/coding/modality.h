// Modality of a coded event: whether the sentence asserts that it happened, denies it, says
// it will happen, or only supposes it; and who the sentence attributes it to.
//
// The coder finds who did what to whom; this pass reads the words around the verb to decide
// how the sentence reports it. It works on the sentence text and the event's byte spans, so it
// applies to events from any dictionary set. Rules (closest cue wins, negation first):
//   negated       "did not recognise", "won't", "never", "refused to recognise", "no longer",
//                 a denial's complement ("denied (that) it had attacked")
//   hypothetical  "could", "might", "may", "must", "would" (outside reported speech), "if",
//                 "unless"
//   future        "will", "plans to", "intends to", "is to", "is expected to", "would" after
//                 a reporting verb ("said it would send")
//   asserted      otherwise
// Attribution: a speech verb ("said", "told", "announced", "according to" …) that frames the
// event gives its speaker ("Tokayev said Kazakhstan would …", "…, the ministry said",
// "… said Lavrov"); an event inside quotation marks keeps the speaker named after the quote.
#ifndef DYAD_CODING_MODALITY_H_
#define DYAD_CODING_MODALITY_H_

#include <cstdint>
#include <string_view>

namespace dyad::coding {

enum class Modality : uint8_t { kAsserted, kNegated, kFuture, kHypothetical };

const char* ModalityName(Modality m);  // "asserted", "negated", "future", "hypothetical"

struct ModalityResult {
  Modality modality = Modality::kAsserted;
  // The cue that decided it ("not", "will", …); empty when asserted.
  std::string_view cue;
  bool quoted = false;  // the verb is inside quotation marks
  // The speaker's phrase (byte offsets into the sentence); empty when the sentence attributes
  // the event to no one.
  uint32_t speaker_begin = 0, speaker_end = 0;
  bool attributed() const { return speaker_end > speaker_begin; }
};

// Analyses an event in `sentence` whose source phrase is [source_begin, source_end) and verb
// phrase [verb_begin, verb_end) (byte offsets; a source of 0,0 means none was found). Spans
// outside the sentence are clamped.
ModalityResult AnalyzeModality(std::string_view sentence, uint32_t source_begin,
                               uint32_t source_end, uint32_t verb_begin, uint32_t verb_end);

}  // namespace dyad::coding

#endif  // DYAD_CODING_MODALITY_H_
