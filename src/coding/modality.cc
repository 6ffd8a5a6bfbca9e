#include "coding/modality.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace dyad::coding {

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kNegated:
      return "negated";
    case Modality::kFuture:
      return "future";
    case Modality::kHypothetical:
      return "hypothetical";
  }
  return "asserted";
}

namespace {

// A word or a punctuation mark that bounds a phrase.
struct Unit {
  uint32_t begin = 0, end = 0;
  std::string lower;     // words only
  char punct = 0;        // ',', ';', ':', '"' (any double quote), '.', '(' or ')'
  bool capital = false;  // a word that starts with an ASCII capital
  bool word() const { return punct == 0; }
};

bool StartsAt(std::string_view s, size_t i, std::string_view what) {
  return s.compare(i, what.size(), what) == 0;
}

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' ||
         c == '-' || c >= 0x80;
}

std::vector<Unit> Units(std::string_view s) {
  std::vector<Unit> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    // Curly double quotes and guillemets (UTF-8) count as quotation marks.
    if (s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0) {
      out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 3), {}, '"'});
      i += 3;
      continue;
    }
    if (s.compare(i, 2, "\xC2\xAB") == 0 || s.compare(i, 2, "\xC2\xBB") == 0) {
      out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 2), {}, '"'});
      i += 2;
      continue;
    }
    if (c == '"' || c == ',' || c == ';' || c == ':' || c == '.' || c == '(' || c == ')' ||
        c == '?' || c == '!') {
      char p = c == '?' || c == '!' ? '.' : static_cast<char>(c);
      out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), {}, p});
      ++i;
      continue;
    }
    if (!IsWordByte(c) || c == '\'' || c == '-') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && IsWordByte(static_cast<unsigned char>(s[j]))) {
      // Curly quotes are not part of words.
      if (s.compare(j, 3, "\xE2\x80\x9C") == 0 || s.compare(j, 3, "\xE2\x80\x9D") == 0) break;
      ++j;
    }
    // A trailing apostrophe or hyphen is punctuation ("Russians' claims").
    size_t e = j;
    while (e > i && (s[e - 1] == '\'' || s[e - 1] == '-')) --e;
    Unit u{static_cast<uint32_t>(i), static_cast<uint32_t>(e), {}, 0, c >= 'A' && c <= 'Z'};
    for (size_t k = i; k < e; ++k) {
      // Curly apostrophes become straight ones so "didn’t" reads as "didn't".
      if (StartsAt(s, k, "\xE2\x80\x99")) {
        u.lower.push_back('\'');
        k += 2;
        continue;
      }
      char ch = s[k];
      u.lower.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
    }
    if (!u.lower.empty()) out.push_back(std::move(u));
    i = j;
  }
  return out;
}

template <size_t N>
bool OneOf(const std::string& w, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

constexpr std::array<std::string_view, 8> kNegations = {"not", "never", "cannot", "neither",
                                                        "nor", "no",    "nobody", "without"};
// Verbs that, followed by "to", deny the next verb ("refused to recognise").
constexpr std::array<std::string_view, 12> kDenyTo = {
    "refused", "refuses",   "refuse", "refusing", "declined", "declines",
    "decline", "declining", "failed", "fails",    "fail",     "failing"};
// Verbs of denial: the act in their complement is denied ("denied (that) it had attacked").
constexpr std::array<std::string_view, 8> kDeny = {"deny",    "denies",  "denied", "denying",
                                                   "refutes", "refuted", "denial", "denials"};
constexpr std::array<std::string_view, 10> kHypothetical = {
    "could", "might", "may", "should", "must", "if", "unless", "whether", "perhaps", "possibly"};
constexpr std::array<std::string_view, 3> kFuture = {"will", "shall", "'ll"};
// Words that, followed by "to", announce an intended or scheduled act.
constexpr std::array<std::string_view, 36> kIntendTo = {
    "plans",   "plan",     "planned", "planning", "intends",  "intend",   "intended",  "intending",
    "is",      "are",      "was",     "were",     "expected", "due",      "set",       "scheduled",
    "going",   "aims",     "aim",     "aimed",    "hopes",    "hope",     "hoped",     "wants",
    "want",    "wanted",   "seeks",   "seek",     "sought",   "prepares", "preparing", "ready",
    "pledged", "promised", "vowed",   "agreed"};
constexpr std::array<std::string_view, 30> kReporting = {
    "said",    "says",      "say",       "told",      "tells",     "stated",
    "states",  "announced", "announces", "declared",  "declares",  "claimed",
    "claims",  "added",     "adds",      "noted",     "stressed",  "insisted",
    "insists", "reported",  "wrote",     "tweeted",   "confirmed", "explained",
    "argued",  "believes",  "believed",  "suggested", "according", "quoted"};
constexpr std::array<std::string_view, 14> kPronouns = {
    "he",  "she",   "they", "it",   "we",        "i",       "you",
    "who", "which", "this", "that", "officials", "sources", "reports"};
// Words that end a speaker phrase read after the reporting verb ("said Lavrov on Monday").
constexpr std::array<std::string_view, 12> kSpeakerStop = {
    "on", "in", "at", "during", "after", "before", "that", "when", "while", "as", "and", "but"};
// Words trimmed from the end of a speaker phrase read before the reporting verb.
constexpr std::array<std::string_view, 10> kSpeakerTrim = {
    "has", "had", "have", "also", "previously", "publicly", "repeatedly", "later", "then", "has"};

// Verbs that ask their object to act ("urged Russia to ...").
constexpr std::array<std::string_view, 22> kRequest = {
    "urged",      "urges",    "urge",    "asked",  "asks",      "ask",     "called",  "calls",
    "pressed",    "presses",  "wants",   "wanted", "want",      "invited", "invites", "encouraged",
    "encourages", "demanded", "demands", "told",   "pressured", "persuade"};

bool IsNegation(const std::string& w) {
  return OneOf(w, kNegations) || (w.size() > 3 && w.ends_with("n't")) || w == "won't" ||
         w == "can't";
}

// Trims a word range to a plausible speaker phrase; returns false for none or a pronoun.
bool SpeakerRange(const std::vector<Unit>& u, size_t b, size_t e, uint32_t* begin, uint32_t* end) {
  while (e > b && OneOf(u[e - 1].lower, kSpeakerTrim)) --e;
  if (e <= b || e - b > 8) return false;
  if (e - b == 1 && OneOf(u[b].lower, kPronouns)) return false;
  for (size_t k = b; k < e; ++k) {
    if (!u[k].word()) return false;
    // A clause, not a name: a relative pronoun or a lower-case past-tense verb ("Kazakhstan
    // abstained in the vote that declared ...").
    const std::string& w = u[k].lower;
    if (w == "that" || w == "which" || w == "who" || w == "whom" || w == "whose" || w == "when" ||
        w == "where") {
      return false;
    }
    if (w.size() > 4 && w.ends_with("ed") && !u[k].capital) return false;
  }
  *begin = u[b].begin;
  *end = u[e - 1].end;
  return true;
}

}  // namespace

ModalityResult AnalyzeModality(std::string_view sentence, uint32_t source_begin,
                               uint32_t source_end, uint32_t verb_begin, uint32_t verb_end) {
  ModalityResult r;
  const auto n32 = static_cast<uint32_t>(sentence.size());
  verb_begin = std::min(verb_begin, n32);
  verb_end = std::min(std::max(verb_end, verb_begin), n32);
  source_end = std::min(source_end, n32);
  source_begin = std::min(source_begin, source_end);
  bool has_source = source_end > source_begin;
  std::vector<Unit> u = Units(sentence);
  size_t vi = 0;
  while (vi < u.size() && u[vi].begin < verb_begin) ++vi;
  if (vi == u.size()) return r;
  size_t ve = vi;
  while (ve < u.size() && u[ve].begin < verb_end) ++ve;

  // Quotation: an odd number of quotation marks before the verb.
  size_t quotes = 0;
  for (size_t k = 0; k < vi; ++k) quotes += u[k].punct == '"';
  r.quoted = quotes % 2 == 1;

  // Attribution. (a) A reporting verb before the event's subject: "X said (that) ...".
  size_t subject = vi;
  if (has_source && source_end <= verb_begin) {
    subject = 0;
    while (subject < u.size() && u[subject].begin < source_begin) ++subject;
  }
  bool reported = false;
  for (size_t k = subject; k-- > 0;) {
    if (!u[k].word()) {
      if (u[k].punct == '.' || u[k].punct == ';') break;
      continue;
    }
    if (!OneOf(u[k].lower, kReporting)) continue;
    if (u[k].lower == "according") {
      if (k + 1 < u.size() && u[k + 1].lower == "to") {
        size_t b = k + 2, e = b;
        while (e < subject && u[e].word() && !OneOf(u[e].lower, kSpeakerStop)) ++e;
        reported = SpeakerRange(u, b, e, &r.speaker_begin, &r.speaker_end);
      }
      break;
    }
    size_t b = k;
    while (b > 0 && u[b - 1].word() && u[b - 1].lower != "and" && u[b - 1].lower != "but" &&
           u[b - 1].lower != "that")
      --b;
    reported = SpeakerRange(u, b, k, &r.speaker_begin, &r.speaker_end);
    // "said Lavrov, Russia would ..." is rare; "X said" is the rule.
    break;
  }
  // (b) A reporting verb after the event: "..., the ministry said" / "..., said Lavrov" /
  // "..." Tokayev told reporters.
  if (!reported) {
    for (size_t k = ve; k < u.size(); ++k) {
      if (!u[k].word() || !OneOf(u[k].lower, kReporting)) continue;
      if (u[k].lower == "according") {
        if (k + 1 < u.size() && u[k + 1].lower == "to") {
          size_t b = k + 2, e = b;
          while (e < u.size() && u[e].word() && !OneOf(u[e].lower, kSpeakerStop)) ++e;
          reported = SpeakerRange(u, b, e, &r.speaker_begin, &r.speaker_end);
        }
        break;
      }
      // The phrase between the last comma or quote and the reporting verb.
      size_t b = k;
      while (b > ve && u[b - 1].word()) --b;
      if (b == ve) break;  // no comma or quote: "X met Y and said ..." is not attribution
      if (b < k) {
        reported = SpeakerRange(u, b, k, &r.speaker_begin, &r.speaker_end);
      } else {
        size_t e = k + 1;
        while (e < u.size() && u[e].word() && !OneOf(u[e].lower, kSpeakerStop)) ++e;
        reported = SpeakerRange(u, k + 1, e, &r.speaker_begin, &r.speaker_end);
      }
      break;
    }
  }

  // Modality cues between the subject (or the previous clause boundary) and the verb, the
  // closest first; and "if"/"unless" anywhere earlier in the clause.
  size_t window_begin = vi;
  for (size_t k = vi; k-- > 0;) {
    if (!u[k].word() || vi - k > 6) break;
    if (has_source && u[k].end <= source_end && source_end <= verb_begin) break;
    window_begin = k;
  }
  std::string_view neg, hyp, fut;  // the closest cue of each kind
  auto text = [&](size_t k) { return sentence.substr(u[k].begin, u[k].end - u[k].begin); };
  for (size_t k = vi; k-- > window_begin;) {
    const std::string& w = u[k].lower;
    bool next_to = k + 1 < u.size() && u[k + 1].lower == "to";
    if (IsNegation(w) || (next_to && OneOf(w, kDenyTo))) {
      if (neg.empty()) neg = text(k);
    } else if (w == "longer" && k > 0 && u[k - 1].lower == "no") {
      if (neg.empty()) neg = sentence.substr(u[k - 1].begin, u[k].end - u[k - 1].begin);
    } else if (w == "would") {
      std::string_view& slot = reported ? fut : hyp;
      if (slot.empty()) slot = text(k);
    } else if (OneOf(w, kHypothetical)) {
      if (hyp.empty()) hyp = text(k);
    } else if (OneOf(w, kFuture) || (next_to && OneOf(w, kIntendTo))) {
      if (fut.empty()) fut = text(k);
    }
  }
  // A refusal named by a noun before the subject: "the refusal of Kazakhstan's president, ...,
  // to recognise", "Kyrgyzstan's failure to condemn" (the subject in between).
  if (neg.empty() && has_source && source_end <= verb_begin && vi > 0 && u[vi - 1].lower == "to") {
    size_t k = subject;
    if (k > 0 && (u[k - 1].lower == "of" || u[k - 1].lower == "by")) --k;
    for (size_t j = k; j-- > 0 && k - j <= 2;) {
      const std::string& w = u[j].lower;
      if (w == "refusal" || w == "failure" || w == "reluctance" || w == "unwillingness") {
        neg = text(j);
        break;
      }
    }
    // "Kazakhstan's refusal to recognise": the noun right after the subject.
    size_t after = subject;
    while (after < vi && u[after].begin < source_end) ++after;
    if (neg.empty() && after < vi && after + 1 == vi - 1) {
      const std::string& w = u[after].lower;
      if (w == "refusal" || w == "failure" || w == "reluctance" || w == "unwillingness") {
        neg = text(after);
      }
    }
  }
  // A denial: "X denied (that) Y attacked", "denies there was any snub", "denied reports that
  // ...": the act the denial's complement reports is what the speaker says did not happen
  // (CAMEO codes the denial itself, 016, only against whoever made the accusation).
  if (neg.empty()) {
    for (size_t k = vi; k-- > 0 && vi - k <= 20;) {
      if (!u[k].word()) {
        if (u[k].punct == '"') continue;
        break;
      }
      const std::string& w = u[k].lower;
      if (w == "and" || w == "but" || w == "while" || w == "after" || w == "before" ||
          w == "because" || w == "as") {
        break;
      }
      if (OneOf(w, kDeny)) {
        neg = text(k);
        break;
      }
    }
  }
  // A requested act: "a demand for Turkey to recognise", "urged Russia to withdraw", "asked
  // for British troops to be pulled out": the infinitive's subject is asked, it has not acted.
  if (neg.empty() && hyp.empty() && has_source && source_end <= verb_begin) {
    bool infinitive = false;
    for (size_t k = vi; k-- > window_begin;) {
      if (u[k].lower == "to") infinitive = true;
    }
    if (infinitive && subject > 0) {
      for (size_t k = subject; k-- > 0 && subject - k <= 2;) {
        const std::string& w = u[k].lower;
        if (w == "for" || OneOf(w, kRequest)) {
          hyp = text(k);
          break;
        }
        if (!u[k].word()) break;
      }
    }
  }
  // Conditional clause: "if"/"unless" earlier in the same clause as the verb.
  for (size_t k = window_begin; hyp.empty() && k-- > 0;) {
    if (!u[k].word()) {
      if (u[k].punct != '"') break;
      continue;
    }
    if (u[k].lower == "if" || u[k].lower == "unless") hyp = text(k);
  }
  if (!neg.empty()) {
    r.modality = Modality::kNegated;
    r.cue = neg;
  } else if (!hyp.empty()) {
    r.modality = Modality::kHypothetical;
    r.cue = hyp;
  } else if (!fut.empty()) {
    r.modality = Modality::kFuture;
    r.cue = fut;
  }
  return r;
}

}  // namespace dyad::coding
