// A TABARI-style sparse coder: finds actors, agents and verbs in a sentence by longest match
// against compiled dictionaries, groups compound actors, and codes each verb from its patterns
// (or its default code) with the nearest source before it and the first target after it.
//
// This is the first version: it implements the manual's matching rules (stems, exact words,
// regular endings, consecutive vs sparse words, synsets, alternatives, date-restricted codes,
// null/discard/paired codes) but not yet its full parse (subordinate clauses, passive voice,
// pronoun dereferencing, complex sentences). The validation suite measures how far it gets.
#ifndef DYAD_CODING_SPARSE_CODER_H_
#define DYAD_CODING_SPARSE_CODER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coding/id_lists.h"
#include "coding/tabari_dict.h"
#include "coding/tabari_validate.h"
#include "util/huge_pages.h"

namespace dyad::tabari {

class Coder {
 public:
  // Compiles the dictionaries (indexes by first word). `d` must outlive the coder.
  explicit Coder(const Dictionaries& d);

  // Applies the options that change coding (today: the COMPLEX filter).
  void SetOptions(const Options& o);

  // Pronoun forwarding between sentences of a story (manual 8.4): the first actor of a
  // sentence (if it came before a verb), which a leading pronoun of the next one refers to.
  struct Forward {
    std::vector<std::string> codes;  // the actor's own codes (no agent)
    bool compound = false;           // it was part of a compound actor
  };

  // Codes one sentence dated `date` (yyyymmdd; 0 = ignore date restrictions). With `in`, a
  // pronoun before any actor refers to the forwarded actor; `out` receives what to forward
  // to the next sentence.
  CodedResult Code(std::string_view sentence, int32_t date, const Forward* in = nullptr,
                   Forward* out = nullptr) const;

  // The actor code of a short phrase (a speaker such as "the Kazakh foreign ministry"): its
  // first actor, combined with the first agent in the phrase; empty when it names no actor.
  std::string ActorCode(std::string_view phrase, int32_t date) const;

  // Byte spans of the actors and agents the dictionaries recognise in `sentence` (longest
  // match, left to right), for tools that look at what the coder saw.
  struct NamedSpan {
    uint32_t begin = 0, end = 0;
    bool agent = false;
  };
  std::vector<NamedSpan> ActorSpans(std::string_view sentence) const;

 private:
  // Whether a pattern spells out a negation itself ("- * NOT +"): then the code already says
  // what the negation means, and the event is not a negated one.
  static bool PatternNegates(const Pattern& p);
  // Dictionary words are interned to 32-bit ids when the coder is built, and each token is
  // looked up once per sentence: its matches are the dictionary words it begins with (every
  // prefix of the token that is a word), so matching a phrase compares ids, not strings.
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  static constexpr uint32_t kEmptyWord = 0xFFFFFFFE;  // a word with no text
  enum TokMatchFlags : uint8_t { kRestEmpty = 1, kNounEnding = 2, kVerbEnding = 4 };
  struct TokMatch {
    uint32_t id;  // the dictionary word
    // The entries whose first word it is (first_[id], copied here so that the passes over a
    // sentence's tokens read it without a cache miss).
    uint32_t first_begin, first_end;
    int32_t narrowing;  // index into first_narrowings_ or -1
    uint8_t flags;      // what follows it in the token: nothing, a noun or a verb ending
  };
  struct Tok {
    // Upper-case, edge punctuation removed (in a per-thread buffer that lives until the next
    // sentence is split).
    std::string_view text;
    uint64_t hash = 0;            // of text, the token cache's key (TokenHash)
    uint32_t begin = 0, end = 0;  // bytes in the sentence
    bool comma = false;
    bool capitalized = false;  // first letter upper-case in the original
    bool after_gap = false;    // a dropped phrase was removed right before this token
    // The dictionary words this token begins with, shortest first (in a per-thread buffer
    // that lives until the next sentence is tokenized).
    const TokMatch* matches = nullptr;
    uint32_t match_count = 0;
  };
  struct Mention {
    size_t begin = 0, end = 0;  // token range
    std::vector<std::string> codes;
    bool agent = false;
    bool code_first = false;
  };
  struct VerbHit {
    size_t begin = 0, end = 0;
    const VerbEntry* verb = nullptr;
  };
  // A compiled word: its id (a synset index for "&NAME" words in phrases) and flags.
  enum WordFlags : uint8_t { kExact = 1, kNoEndings = 2, kAdjacent = 4, kSynsetRef = 8 };
  struct CWord {
    uint32_t id = kNone;
    uint8_t flags = 0;
  };
  struct CPhrase {
    uint32_t begin = 0, end = 0;  // into cwords_
  };
  // A compiled pattern element (parallel to Pattern::elements).
  struct CElem {
    PatternElement::Kind kind = PatternElement::Kind::kWord;
    bool adjacent = false;                // the next element must follow immediately
    CWord word;                           // kWord (literal, never a synset reference)
    uint32_t synset = kNone;              // kSynset
    uint32_t alt_begin = 0, alt_end = 0;  // kAlternatives: into alternatives_ (phrase ids)
  };

  // Tokenizes and looks every token up in the vocabulary.
  // (Into `out`, whose capacity is reused.)
  // Both return how many ASCII capitals and lower-case letters the text has (all-capitals
  // text is told by them).
  struct LetterCounts {
    size_t upper = 0, lower = 0;
  };
  LetterCounts Tokenize(std::string_view s, std::vector<Tok>* out) const;
  static LetterCounts SplitTokens(std::string_view s, std::vector<Tok>* out);
  void LookUp(std::vector<Tok>* toks) const;
  // Codes a tokenized sentence (what remains after DroppedTokens).
  // The longest actor, agent, noun or adjective (best, kind, entry; actors win ties) and the
  // longest verb (vbest, ventry) starting at a token, found by one walk over its first-word
  // entries.
  struct Walk {
    bool done = false;
    uint32_t best = 0, vbest = 0;
    int kind = -1, entry = -1, ventry = -1;
  };
  // (*walks)[i] for toks[i], found on first use (walks has one per token). Without `verbs`
  // the verb is not looked for (vbest stays 0); one `walks` must not mix the two.
  const Walk& WalkAt(const std::vector<Tok>& toks, size_t i, std::vector<Walk>* walks,
                     bool verbs = true) const;
  CodedResult CodeTokens(const std::vector<Tok>& toks, int32_t date, const Forward* in,
                         Forward* out, std::vector<Walk>* walks) const;
  // The tokens that take no part in coding: time phrases and comma-delimited nonrestrictive
  // clauses with their commas (manual 8.6), judged from the words next to each comma.
  // (Into `dropped`, one per token, whose capacity is reused.)
  void DroppedTokens(const std::vector<Tok>& toks, std::vector<Walk>* walks,
                     std::vector<bool>* dropped) const;
  static bool MatchWord(const CWord& w, const Tok& tok, bool verb);
  // Length in tokens of phrase `p` (an index into cphrases_) matched at toks[i] (0 if no
  // match). Words joined by '_' or '~' must be consecutive; after a space up to `max_gap`
  // words may intervene. Words "&NAME" match any member of that synset.
  size_t MatchPhrase(uint32_t p, const std::vector<Tok>& toks, size_t i, bool verb, size_t max_gap,
                     int depth) const;
  enum Kind : uint8_t { kActor = 0, kAgent = 1, kNoun = 2, kAdjective = 3, kVerb = 4 };
  struct PhraseRef {
    uint32_t phrase;  // index into cphrases_
    int entry;        // index into actors / agents / verbs (by kind)
    uint8_t kind;
    // The phrase's shape, so that its first word (the token's match that found it) is
    // checked without reading the phrase: kSingleWord (one plain word), kFirstPlain (more
    // words, the first a plain one) or 0 (anything else: MatchPhrase decides), and the first
    // word's flags.
    uint8_t shape;
    uint8_t first_flags;
    // kFirstPlain: the second word's id when it is a plain word (kNone otherwise), which a
    // token right after the first (or a few later) must begin for the phrase to match.
    uint32_t second;
  };
  enum RefShape : uint8_t { kSingleWord = 1, kFirstPlain = 2 };
  // MatchPhrase(r.phrase, toks, i, verb, max_gap, 0) for a ref found through the token's
  // match `m`.
  size_t MatchRef(const PhraseRef& r, const TokMatch& m, const std::vector<Tok>& toks, size_t i,
                  bool verb, size_t max_gap) const;
  // Whether a token's match `m` of word w satisfies w's flags (exact word, endings).
  static bool FlagsMatch(uint8_t word_flags, uint8_t match_flags, bool verb) {
    if (word_flags & kNoEndings) return (match_flags & kRestEmpty) != 0;
    if (!(word_flags & kExact)) return true;
    return (match_flags & (kRestEmpty | (verb ? kVerbEnding : kNounEnding))) != 0;
  }
  // Calls fn(ref, match) for every entry whose first word is a prefix of (or equal to) toks[i] and
  // that may match there, in index order: entries sharing a common first word are narrowed by
  // their second word, which must be among the next few tokens.
  template <typename Fn>
  void ForEachFirst(const std::vector<Tok>& toks, size_t i, Fn fn) const;
  // A long list of phrases narrowed by one of their words (`key`), so that only those whose
  // key word begins one of a few tokens are tried: positions in the list by key word id, and
  // those with no literal key word ("wild"), which are always tried.
  struct Narrowing {
    IdLists by_key;
    std::vector<uint32_t> wild;
  };
  // Builds the narrowing of `phrases` by their word number `key` (0 or 1); empty when the list
  // is short. Phrases with fewer words (or a synset / empty word up to the key) are wild.
  Narrowing Narrow(const std::vector<uint32_t>& phrases, size_t key) const;
  // The positions of `n` that tokens toks[b, e) (stopping at a comma) may match, in order.
  // (The list itself when only one applies, else merged in `buf`.)
  static std::span<const uint32_t> Candidates(const Narrowing& n, const std::vector<Tok>& toks,
                                              size_t b, size_t e, std::vector<uint32_t>* buf);
  // Calls fn(phrase) for the members of synset s that may match at toks[at], in order, until
  // fn returns true.
  template <typename Fn>
  void ForEachMember(uint32_t s, const std::vector<Tok>& toks, size_t at, Fn fn) const;
  std::vector<Narrowing> synset_narrowing_;  // per synset (by first word)
  std::vector<int32_t> first_narrowing_;     // per word id: index into first_narrowings_ or -1
                                             // (while building)
  std::vector<Narrowing> first_narrowings_;  // refs of a common first word, by second word

  // Building: interning and compiling (the maps are dropped once the coder is built).
  uint32_t Intern(const std::string& w);
  CWord CompileWord(const Word& w, bool synsets);
  uint32_t CompilePhrase(const Phrase& p);
  void AddFirst(const Phrase& p, int entry, uint8_t kind);
  void FreezeVocabulary();
  std::unordered_map<std::string, uint32_t> vocab_ids_;
  std::unordered_map<std::string, uint32_t> synset_ids_;
  std::vector<std::vector<PhraseRef>> first_building_;

  // The vocabulary: word texts by id, and a flat open-addressing table keyed by an FNV-1a
  // hash extended one character at a time, with every prefix of every word as a key (a node
  // of an implicit trie), so a walk over a token stops at the first prefix no word begins with.
  std::vector<std::string> vocab_;
  static constexpr uint32_t kPrefixOnly = 0xFFFFFFFF;
  // A slot: the prefix hash (0 = free), the word id (or kPrefixOnly) and where the word's
  // text is in vocab_text_ (a 32-bit length, then the bytes), so that a probe and the check
  // that the word is the token's prefix read one slot and one place in one buffer.
  struct Slot {
    uint64_t key = 0;
    uint32_t id = kPrefixOnly;
    uint32_t text = 0;
  };
  HugeVector<Slot> table_;
  HugeVector<char> vocab_text_;
  size_t table_mask_ = 0;
  std::vector<std::pair<uint64_t, uint32_t>> collisions_;  // words whose hash another took
  // Phrases, their words, synsets (members as phrase ids) and the first-word index.
  HugeVector<CWord> cwords_;
  HugeVector<CPhrase> cphrases_;
  std::vector<std::vector<uint32_t>> synsets_;
  std::vector<uint32_t> alternatives_;
  std::vector<CElem> elems_;
  std::vector<uint32_t> first_begin_;  // per word id: its refs are first_refs_[b[id], b[id+1])
  // (while building; then first_, one place per word id for what a token's match needs)
  struct FirstRange {
    uint32_t begin, end;  // its refs in first_refs_
    int32_t narrowing;    // index into first_narrowings_ or -1
  };
  HugeVector<FirstRange> first_;
  HugeVector<PhraseRef> first_refs_;
  // Time phrases: per d_.times entry, all its words as a phrase, and the words after '*'.
  std::vector<uint32_t> time_all_, time_rest_;

  // Matches the pattern whose compiled elements are elems_[elems, elems + count).
  bool MatchPattern(uint32_t elems, uint32_t count, const std::vector<Tok>& toks,
                    const std::vector<int>& actor_at, const std::vector<size_t>& group_sizes,
                    const VerbHit& v, size_t clause_begin, size_t clause_end, int* source,
                    int* target, std::vector<int>* skipped, size_t* words) const;
  bool MatchElementWord(const CElem& c, const std::vector<Tok>& toks, size_t i, size_t* len) const;

  // The COMPLEX filter (manual 8.7): limits of 0 and false flags are inactive.
  struct Complexity {
    int verbs = 0, actors = 0, pronouns = 0, conj = 0, comma = 0, lateverb = 0;
    bool noactprior = false, noactafter = false, noverb = false;
    bool nosource = false, notarget = false, noevent = false;
  };
  Complexity complexity_;
  // DEFAULT: codes used when no source / target is found (manual 8.5); PRIOR / AFTER apply
  // them whenever no actor precedes / follows the verb.
  std::string default_source_, default_target_;
  bool default_prior_ = false, default_after_ = false;
  bool convert_agents_ = false;  // SET: CONVERT AGENTS: a lone agent stands as "~CODE"
  // SET: SOURCE IN CLAUSE (dyad's, for news prose): a default source must stand in the verb's
  // own clause, after any speech verb, subordinating word or complement subject between it
  // and the verb, and never after the verb; an actor after IN / AT (a place) or right after
  // a verb (an object) is no default source or pronoun referent; targets are not sought past
  // THAT, a relative clause, "saying" or a subordinating word.
  bool source_in_clause_ = false;
  // SET: AGENT OF COMPOUND (dyad's): an agent before OF / IN / FROM and a compound actor
  // qualifies every member ("the ambassadors of Arnor and Gondor"), as PETRARCH reads it;
  // TABARI gives it to the first member only.
  bool agent_of_compound_ = false;
  // SET: AGENT AFTER MODIFIERS (dyad's): a possessive actor's agent may follow capitalised
  // words and modifiers joined by AND / OR ("Gondor's first Deputy Prime Minister",
  // "Gondor's awful and evil minister"), as PETRARCH's parse reads the noun phrase; TABARI
  // takes it only after lower-case words.
  bool agent_after_modifiers_ = false;
  static bool IsClauseBoundary(std::string_view w);
  // SET: CODE BY CLAUSE (first event of each clause; the default), CODE BY SENTENCE (first
  // event of the sentence), CODE ALL (every event).
  enum class CodeBy { kClause, kSentence, kAll } code_by_ = CodeBy::kClause;
  // COMMA (manual 8.6): comma-delimited nonrestrictive clauses of these lengths (in words)
  // are dropped before coding; at the beginning (B), in the middle, at the end (E).
  struct CommaLimits {
    bool on = true;
    int bmin = 128, bmax = 0, min = 2, max = 10, emin = 2, emax = 10;
  } comma_;
  // SET: MINIMUM WORDS: shorter sentences (commas count as words) are not coded (manual 8.2.3).
  size_t minimum_words_ = 8;
  // This coder's serial number: tokens' matches cached per thread are tagged with it.
  const uint64_t serial_;
  const Dictionaries& d_;
  // Each verb's patterns, longest first (the order they are tried in), indexed by an anchor:
  // a literal word the pattern needs, so that only patterns whose anchor occurs in the clause
  // are tried. Patterns without a literal word are always tried.
  struct VerbPatterns {
    std::vector<const Pattern*> sorted;
    // Per sorted pattern: its compiled elements, elems_[elems[r], elems[r + 1]).
    std::vector<uint32_t> elems;
    std::vector<CWord> anchor;  // per sorted pattern; id kNone when it has none
    IdLists by_anchor;          // anchor word id -> ranks
    // Per sorted pattern, its literal words (all of which must begin some token of the
    // clause) as their bits in the clause word filter, rarest word first:
    // word_bits[words_begin[r], words_begin[r + 1]).
    std::vector<uint32_t> words_begin;
    std::vector<uint16_t> word_bits;
    std::vector<uint16_t> first_bit;  // per sorted pattern: word_bits[words_begin[r]] (or
                                      // kAlwaysBit when it has no literal word)
    std::vector<size_t> length;       // per sorted pattern: its length (manual 5.7.1)
    std::vector<bool> negates;        // per sorted pattern: it reads a negation (PatternNegates)
    std::vector<int> always;
    // Codes ### or +++ (a subordinate "?" aside): only these can change a sentence's result
    // when no actor can take part in an event. Per sorted pattern; the verb's own code; the
    // verb's or any of its patterns'.
    std::vector<bool> special;
    bool code_special = false;
    bool discards_or_complex = false;
  };
  std::vector<VerbPatterns> patterns_;
};

}  // namespace dyad::tabari

#endif  // DYAD_CODING_SPARSE_CODER_H_
