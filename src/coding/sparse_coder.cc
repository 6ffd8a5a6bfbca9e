#include "coding/sparse_coder.h"

#include <unicode/uchar.h>

#include "util/utf8.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstring>
#include <iterator>
#include <map>
#include <span>
#include <sstream>

namespace dyad::tabari {

using namespace std::literals;

namespace {

// A token's text equals a word: always inlined (a call each in the coder's large functions
// otherwise, where gcc stops inlining).
[[gnu::always_inline]] inline bool Eq(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), b.size()) == 0;
}

// Regular endings accepted after an exact word (manual 5.2.3) are plural and possessive for
// nouns, actors and agents; -S -ED -ES -EN -ING for verbs (see EndingFlags).

// How many words may come between two words of a phrase written with a space between them:
// in actor names ("AL GORE" matches Al "The Weasel" Gore) and in pattern phrases.
constexpr size_t kActorGap = 2;
constexpr size_t kPatternGap = 4;
// A word id's bit in a clause's word filter (a 1 KB Bloom filter, see CodeTokens).
inline uint16_t ClauseWordBit(uint32_t id) {
  return static_cast<uint16_t>((static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull) >> 51);
}
// A bit always set in a clause's word filter: the first bit of patterns without literal words
// (a word whose bit it is looks present: a pattern tried in vain at worst).
constexpr uint16_t kAlwaysBit = 0;
// Lists of phrases at least this long are narrowed by a word before they are tried.
constexpr size_t kNarrowFrom = 8;

bool IsAuxiliary(std::string_view t) {
  return Eq(t, "WAS"sv) || Eq(t, "WERE"sv) || Eq(t, "BEEN"sv);
}
// Auxiliaries of a passive verb ("were questioned by", "is being backed by").
bool IsPassiveAuxiliary(std::string_view t) {
  return IsAuxiliary(t) || Eq(t, "BEING"sv) || Eq(t, "IS"sv) || Eq(t, "ARE"sv) || Eq(t, "BE"sv);
}
// Words that open a finite verb phrase right after a subject ("they WOULD not", "Gondor HAD
// agreed"): an actor followed by one of them is the subject of a clause of its own.
bool IsFiniteAuxiliary(std::string_view t) {
  static constexpr std::string_view kWords[] = {
      "WOULD", "WILL", "COULD", "SHOULD", "MIGHT", "MAY", "MUST", "CAN",  "SHALL", "HAD",
      "HAS",   "HAVE", "WAS",   "WERE",   "IS",    "ARE", "DID",  "DOES", "WON'T", "WOULDN'T"};
  return std::find(std::begin(kWords), std::end(kWords), t) != std::end(kWords);
}
// Nouns that name a thing, never a party to an event: an actor word right before one modifies
// it ("the Iraq war", "the European economy", "British policy") and names no actor.
// Nouns that can be actors themselves or name an act with a doer ("invasion", "forces",
// "territory") are not here.
bool IsThingNoun(std::string_view t) {
  static constexpr std::string_view kWords[] = {
      "WAR",          "WARS",         "ECONOMY",     "ECONOMIES",   "CRISIS",     "ELECTION",
      "ELECTIONS",    "HISTORY",      "CONFLICT",    "EMBARGO",     "BUDGET",     "MARKET",
      "MARKETS",      "CONSTITUTION", "REFERENDUM",  "ISSUE",       "ISSUES",     "QUESTION",
      "AFFAIR",       "SCANDAL",      "LAW",         "LAWS",        "INQUIRY",    "MISCARRIAGE",
      "MISCARRIAGES", "PAST",         "PRESIDENCY",  "DOSSIER",     "GROWTH",     "CURRENCY",
      "DEFICIT",      "TAX",          "TAXES",       "CITIZENSHIP", "PASSPORT",   "PASSPORTS",
      "IDENTITY",     "VALUES",       "LEGISLATION", "RULES",       "SYSTEM",     "MODEL",
      "DEBATE",       "VOTE",         "VOTES",       "TSUNAMI",     "EARTHQUAKE", "DISASTER",
      "FLOODS",       "POLICY",       "POLICIES"};
  return std::find(std::begin(kWords), std::end(kWords), t) != std::end(kWords);
}
// A relative pronoun at toks[j] that opens a clause of its own ("families who suffered
// ..."); one that only describes its noun with a copula ("staff who are from Gondor") does not.
template <typename Toks>
bool OpensRelativeClause(const Toks& toks, size_t j) {
  const std::string_view w = toks[j].text;
  if (!Eq(w, "WHO"sv) && !Eq(w, "WHICH"sv) && !Eq(w, "WHOM"sv) && !Eq(w, "WHOSE"sv) &&
      !Eq(w, "WHERE"sv)) {
    return false;
  }
  if (j + 1 >= toks.size()) return true;
  const std::string_view next = toks[j + 1].text;
  return !(next == "IS"sv || next == "ARE"sv || next == "WAS"sv || next == "WERE"sv);
}
bool IsFunctionWord(std::string_view t) {
  static constexpr std::string_view kWords[] = {"AND",  "OR", "OF", "TO",   "FOR", "IN", "ON",
                                                "WITH", "BY", "AT", "FROM", "THE", "A",  "AN"};
  return std::find(std::begin(kWords), std::end(kWords), t) != std::end(kWords);
}
bool IsPossessive(std::string_view t) {
  return t.ends_with("'S"sv) || t.ends_with("\xE2\x80\x99S"sv);
}
// Words that open an introductory phrase before a sentence's main clause ("On Monday, ...",
// "After visiting Gondor, ...", "Meanwhile, ...").
bool IsIntroductoryWord(std::string_view t) {
  static constexpr std::string_view kWords[] = {
      "IN",      "ON",        "AT",      "AFTER",     "BEFORE", "DURING",    "SINCE",
      "UNTIL",   "AS",        "WHEN",    "WHILE",     "IF",     "ALTHOUGH",  "THOUGH",
      "BECAUSE", "DESPITE",   "UNDER",   "FOLLOWING", "AMID",   "LAST",      "EARLIER",
      "LATER",   "MEANWHILE", "HOWEVER", "YESTERDAY", "TODAY",  "ACCORDING", "SPEAKING"};
  return std::find(std::begin(kWords), std::end(kWords), t) != std::end(kWords);
}
bool IsDeterminer(std::string_view t) { return Eq(t, "THE"sv) || Eq(t, "A"sv) || Eq(t, "AN"sv); }
bool IsConnector(std::string_view t) {
  return Eq(t, "AND"sv) || Eq(t, "OR"sv) || Eq(t, "NOR"sv) || Eq(t, "THE"sv) || Eq(t, "BOTH"sv) ||
         Eq(t, "NEITHER"sv);
}

// The codes of an actor entry on `date` (manual 6.5.2): the first date-restricted code whose
// period holds the date; when none does (or the date is unknown), the unrestricted codes.
// "FRO/BIL/SAM" is a compound actor code: its members act together (manual 6.5.1).
void AppendCompound(const std::string& code, std::vector<std::string>* out) {
  size_t p = 0;
  while (p <= code.size()) {
    size_t slash = code.find('/', p);
    std::string part = code.substr(p, slash == std::string::npos ? std::string::npos : slash - p);
    if (!part.empty()) out->push_back(std::move(part));
    if (slash == std::string::npos) break;
    p = slash + 1;
  }
}

std::vector<std::string> CodesOn(const ActorEntry& a, int32_t date) {
  std::vector<std::string> out;
  for (const DateCode& c : a.codes) {
    bool restricted = c.from != 0 || c.to != 0;
    if (restricted && date != 0 && (c.from == 0 || date >= c.from) && (c.to == 0 || date <= c.to)) {
      AppendCompound(c.code, &out);
      return out;
    }
  }
  for (const DateCode& c : a.codes) {
    if (c.from == 0 && c.to == 0) AppendCompound(c.code, &out);
  }
  if (out.empty() && date == 0 && !a.codes.empty()) {
    AppendCompound(a.codes[0].code, &out);  // unknown date: the first restricted code
  }
  return out;
}

}  // namespace

namespace {
constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;
std::atomic<uint64_t> coder_serial{0};  // Coder::serial_
uint64_t Fnv(std::string_view s) {
  uint64_t h = kFnvOffset;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return h;
}
}  // namespace

uint32_t Coder::Intern(const std::string& w) {
  if (w.empty()) return kEmptyWord;
  auto [it, fresh] = vocab_ids_.try_emplace(w, static_cast<uint32_t>(vocab_.size()));
  if (fresh) vocab_.push_back(w);
  return it->second;
}

Coder::CWord Coder::CompileWord(const Word& w, bool synsets) {
  CWord c;
  c.flags = static_cast<uint8_t>((w.exact ? kExact : 0) | (w.no_endings ? kNoEndings : 0) |
                                 (w.adjacent ? kAdjacent : 0));
  if (synsets && w.text.size() > 1 && w.text[0] == '&') {
    c.flags |= kSynsetRef;
    auto it = synset_ids_.find(w.text.substr(1));
    c.id = it == synset_ids_.end() ? kNone : it->second;
  } else {
    c.id = Intern(w.text);
  }
  return c;
}

uint32_t Coder::CompilePhrase(const Phrase& p) {
  CPhrase cp;
  cp.begin = static_cast<uint32_t>(cwords_.size());
  for (const Word& w : p.words) cwords_.push_back(CompileWord(w, true));
  cp.end = static_cast<uint32_t>(cwords_.size());
  cphrases_.push_back(cp);
  return static_cast<uint32_t>(cphrases_.size() - 1);
}

void Coder::AddFirst(const Phrase& p, int entry, uint8_t kind) {
  uint32_t cp = CompilePhrase(p);
  if (p.words.empty() || p.words[0].text.empty()) return;  // never a prefix of a token
  uint32_t id = Intern(p.words[0].text);
  if (first_building_.size() <= id) first_building_.resize(id + 1);
  const CPhrase& c = cphrases_[cp];
  const CWord& w = cwords_[c.begin];
  uint8_t shape = 0;
  uint32_t second = kNone;
  if (!(w.flags & kSynsetRef) && w.id != kEmptyWord && w.id != kNone) {
    shape = c.end == c.begin + 1 ? kSingleWord : kFirstPlain;
    if (shape == kFirstPlain) {
      const CWord& w2 = cwords_[c.begin + 1];
      if (!(w2.flags & kSynsetRef) && w2.id != kEmptyWord) second = w2.id;
    }
  }
  first_building_[id].push_back({cp, entry, kind, shape, w.flags, second});
}

void Coder::FreezeVocabulary() {
  // Every proper prefix of every word is a key (kPrefixOnly unless it is a word itself); a
  // flat table with linear probing, load <= 1/2.
  size_t keys = 0;
  for (const std::string& w : vocab_) keys += w.size();
  size_t size = 16;
  while (size < keys * 2) size <<= 1;
  table_.assign(size, Slot());
  table_mask_ = size - 1;
  auto slot = [&](uint64_t h) {
    uint64_t k = h == 0 ? 1 : h;
    size_t i = k & table_mask_;
    while (table_[i].key != 0 && table_[i].key != k) i = (i + 1) & table_mask_;
    table_[i].key = k;
    return i;
  };
  for (uint32_t id = 0; id < vocab_.size(); ++id) {
    const std::string& w = vocab_[id];
    uint64_t h = kFnvOffset;
    for (size_t k = 0; k + 1 < w.size(); ++k) {
      h = (h ^ static_cast<unsigned char>(w[k])) * kFnvPrime;
      slot(h);
    }
  }
  for (uint32_t id = 0; id < vocab_.size(); ++id) {
    uint64_t h = Fnv(vocab_[id]);
    size_t i = slot(h);
    if (table_[i].id != kPrefixOnly) {
      collisions_.emplace_back(h == 0 ? 1 : h, id);  // two words, one hash: looked up apart
    } else {
      // A word wins over a (hash-colliding) bare prefix of another.
      const std::string& w = vocab_[id];
      table_[i].id = id;
      table_[i].text = static_cast<uint32_t>(vocab_text_.size());
      const auto len = static_cast<uint32_t>(w.size());
      const char* l = reinterpret_cast<const char*>(&len);
      vocab_text_.insert(vocab_text_.end(), l, l + sizeof len);
      vocab_text_.insert(vocab_text_.end(), w.begin(), w.end());
    }
  }
  // The first-word index, flattened.
  first_begin_.assign(vocab_.size() + 1, 0);
  for (uint32_t id = 0; id < vocab_.size(); ++id) {
    first_begin_[id] = static_cast<uint32_t>(first_refs_.size());
    if (id < first_building_.size()) {
      first_refs_.insert(first_refs_.end(), first_building_[id].begin(), first_building_[id].end());
    }
  }
  first_begin_[vocab_.size()] = static_cast<uint32_t>(first_refs_.size());
  first_building_.clear();
  first_building_.shrink_to_fit();
  vocab_ids_.clear();
  synset_ids_.clear();
}

Coder::Narrowing Coder::Narrow(const std::vector<uint32_t>& phrases, size_t key) const {
  Narrowing n;
  if (phrases.size() < kNarrowFrom) return n;
  std::map<uint32_t, std::vector<uint32_t>> by_key;
  for (uint32_t k = 0; k < phrases.size(); ++k) {
    const CPhrase& p = cphrases_[phrases[k]];
    bool wild = p.end - p.begin <= key;
    for (size_t w = 0; w <= key && !wild; ++w) {
      const CWord& c = cwords_[p.begin + w];
      wild = (c.flags & kSynsetRef) != 0 || c.id == kEmptyWord;
    }
    if (wild) {
      n.wild.push_back(k);
    } else {
      by_key[cwords_[p.begin + key].id].push_back(k);
    }
  }
  n.by_key = IdLists(by_key);
  return n;
}

std::span<const uint32_t> Coder::Candidates(const Narrowing& n, const std::vector<Tok>& toks,
                                            size_t b, size_t e, std::vector<uint32_t>* buf) {
  // Each list is in order: a single one is returned as it is, two or more are merged in buf.
  std::span<const uint32_t> only(n.wild);
  size_t lists = n.wild.empty() ? 0 : 1;
  for (size_t at = b; at < e && at < toks.size() && !toks[at].comma; ++at) {
    for (uint32_t m = 0; m < toks[at].match_count; ++m) {
      std::span<const uint32_t> found = n.by_key.Find(toks[at].matches[m].id);
      if (found.empty()) continue;
      if (lists == 0) {
        only = found;
      } else {
        if (lists == 1) buf->assign(only.begin(), only.end());
        buf->insert(buf->end(), found.begin(), found.end());
      }
      ++lists;
    }
  }
  if (lists == 0) return {};
  if (lists == 1) return only;
  std::sort(buf->begin(), buf->end());
  buf->erase(std::unique(buf->begin(), buf->end()), buf->end());
  return *buf;
}

template <typename Fn>
void Coder::ForEachFirst(const std::vector<Tok>& toks, size_t i, Fn fn) const {
  const Tok& tok = toks[i];
  for (uint32_t k = 0; k < tok.match_count; ++k) {
    const TokMatch& f = tok.matches[k];
    const uint32_t b = f.first_begin, e = f.first_end;
    if (f.narrowing < 0) {
      for (uint32_t r = b; r < e; ++r) fn(first_refs_[r], f);
      continue;
    }
    // The second word comes right after the first or, in actor names, a few words later.
    thread_local std::vector<uint32_t> candidates;
    for (uint32_t c : Candidates(first_narrowings_[static_cast<size_t>(f.narrowing)], toks, i + 1,
                                 i + 2 + kActorGap, &candidates)) {
      fn(first_refs_[b + c], f);
    }
  }
}

template <typename Fn>
void Coder::ForEachMember(uint32_t s, const std::vector<Tok>& toks, size_t at, Fn fn) const {
  const std::vector<uint32_t>& members = synsets_[s];
  const Narrowing& n = synset_narrowing_[s];
  if (n.by_key.empty() && n.wild.empty()) {
    for (uint32_t m : members) {
      if (fn(m)) return;
    }
    return;
  }
  // Synsets nest, so each level has its own list (per-thread buffers, one per level).
  thread_local std::vector<std::vector<uint32_t>> lists;
  thread_local size_t level = 0;
  if (lists.size() <= level) lists.resize(level + 1);
  std::vector<uint32_t> candidates = std::move(lists[level]);
  const std::span<const uint32_t> found = Candidates(n, toks, at, at + 1, &candidates);
  ++level;
  for (uint32_t c : found) {
    if (fn(members[c])) break;
  }
  --level;
  lists[level] = std::move(candidates);
}

Coder::Coder(const Dictionaries& d) : serial_(++coder_serial), d_(d) {
  // Synsets first: phrases name them.
  for (const auto& [name, synset] : d.synsets) {
    synset_ids_.emplace(name, static_cast<uint32_t>(synset_ids_.size()));
  }
  synsets_.resize(synset_ids_.size());
  {
    size_t k = 0;
    for (const auto& [name, synset] : d.synsets) {
      for (const Phrase& m : synset.members) synsets_[k].push_back(CompilePhrase(m));
      ++k;
    }
  }
  for (size_t i = 0; i < d.actors.size(); ++i) {
    for (const Phrase& p : d.actors[i].phrases) AddFirst(p, static_cast<int>(i), kActor);
  }
  for (size_t i = 0; i < d.agents.size(); ++i) {
    AddFirst(d.agents[i].phrase, static_cast<int>(i), kAgent);
  }
  patterns_.resize(d.verbs.size());
  // How many patterns (of all verbs) use each literal word: a pattern's anchor is its rarest
  // word, so that the lists of patterns by anchor stay short ("TO", "WITH" and "THE" begin
  // many patterns and many tokens).
  std::unordered_map<std::string_view, uint32_t> pattern_word_use;
  for (const VerbEntry& v : d.verbs) {
    for (const Pattern& p : v.patterns) {
      for (const PatternElement& e : p.elements) {
        if (e.kind == PatternElement::Kind::kWord && !e.word.text.empty()) {
          ++pattern_word_use[e.word.text];
        }
      }
    }
  }
  for (size_t i = 0; i < d.verbs.size(); ++i) {
    VerbPatterns& vp = patterns_[i];
    std::map<uint32_t, std::vector<uint32_t>> by_anchor;
    auto& pats = vp.sorted;
    for (const Pattern& p : d.verbs[i].patterns) pats.push_back(&p);
    // Longest first, where length counts the letters and digits of literal words (manual
    // 5.7.1): tokens ($ + % * ^) and synset names count nothing, alternatives their longest.
    auto length = [](const Pattern* p) {
      auto alnum = [](const std::string& t) {
        size_t k = 0;
        for (char c : t) k += std::isalnum(static_cast<unsigned char>(c)) != 0;
        return k;
      };
      size_t len = 0;
      for (const PatternElement& e : p->elements) {
        if (e.kind == PatternElement::Kind::kWord) len += alnum(e.word.text);
        if (e.kind == PatternElement::Kind::kAlternatives) {
          size_t best = 0;
          for (const Phrase& a : e.alternatives) {
            size_t l = 0;
            for (const Word& w : a.words) l += alnum(w.text);
            best = std::max(best, l);
          }
          len += best;
        }
      }
      return len;
    };
    std::stable_sort(pats.begin(), pats.end(),
                     [&](const Pattern* a, const Pattern* b) { return length(a) > length(b); });
    auto special = [](std::string_view code) {
      while (!code.empty() && code.back() == '?') code.remove_suffix(1);
      return code == "###"sv || code == "+++"sv;
    };
    vp.code_special = special(d.verbs[i].code);
    vp.discards_or_complex = vp.code_special;
    for (const Pattern* p : pats) {
      vp.length.push_back(length(p));
      vp.negates.push_back(PatternNegates(*p));
      vp.special.push_back(special(p->code));
      vp.discards_or_complex = vp.discards_or_complex || vp.special.back();
    }
    for (size_t r = 0; r < pats.size(); ++r) {
      vp.elems.push_back(static_cast<uint32_t>(elems_.size()));
      vp.words_begin.push_back(static_cast<uint32_t>(vp.word_bits.size()));
      // The pattern's literal words as bits of the clause filter, the rarest first (the
      // check stops at the first word the clause lacks).
      std::vector<std::pair<uint32_t, uint16_t>> word_bits;
      for (const PatternElement& e : pats[r]->elements) {
        CElem c;
        c.kind = e.kind;
        c.adjacent = e.adjacent;
        if (e.kind == PatternElement::Kind::kWord) {
          c.word = CompileWord(e.word, false);
          if (c.word.id != kEmptyWord) {
            word_bits.emplace_back(pattern_word_use[e.word.text], ClauseWordBit(c.word.id));
          }
        }
        if (e.kind == PatternElement::Kind::kSynset) {
          auto it = synset_ids_.find(e.word.text);
          c.synset = it == synset_ids_.end() ? kNone : it->second;
        }
        if (e.kind == PatternElement::Kind::kAlternatives) {
          std::vector<uint32_t> alts;
          for (const Phrase& a : e.alternatives) alts.push_back(CompilePhrase(a));
          c.alt_begin = static_cast<uint32_t>(alternatives_.size());
          alternatives_.insert(alternatives_.end(), alts.begin(), alts.end());
          c.alt_end = static_cast<uint32_t>(alternatives_.size());
        }
        elems_.push_back(c);
      }
      std::stable_sort(word_bits.begin(), word_bits.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& wb : word_bits) vp.word_bits.push_back(wb.second);
      vp.first_bit.push_back(word_bits.empty() ? kAlwaysBit : word_bits[0].second);
      const Word* anchor = nullptr;
      uint32_t anchor_use = 0;
      for (const PatternElement& e : pats[r]->elements) {
        if (e.kind == PatternElement::Kind::kWord && !e.word.text.empty()) {
          const uint32_t use = pattern_word_use[e.word.text];
          if (anchor == nullptr || use < anchor_use) {
            anchor = &e.word;
            anchor_use = use;
          }
        }
      }
      vp.anchor.push_back(anchor == nullptr ? CWord() : CompileWord(*anchor, false));
      if (anchor == nullptr) {
        vp.always.push_back(static_cast<int>(r));
        continue;
      }
      by_anchor[vp.anchor.back().id].push_back(static_cast<uint32_t>(r));
    }
    vp.by_anchor = IdLists(by_anchor);
    vp.words_begin.push_back(static_cast<uint32_t>(vp.word_bits.size()));
    vp.elems.push_back(static_cast<uint32_t>(elems_.size()));
    AddFirst(d.verbs[i].phrase, static_cast<int>(i), kVerb);
    for (const Phrase& f : d.verbs[i].forms) AddFirst(f, static_cast<int>(i), kVerb);
  }
  for (const Phrase& p : d.nouns) AddFirst(p, -1, kNoun);
  for (const Phrase& p : d.adjectives) AddFirst(p, -1, kAdjective);
  // Time phrases: all the words of an entry, and those after its '*'.
  for (const TimeEntry& t : d.times) {
    Phrase all, rest;
    bool after_star = false;
    for (const PatternElement& e : t.elements) {
      all.words.push_back(e.word);
      if (e.kind == PatternElement::Kind::kVerb) {
        after_star = true;
      } else if (after_star && e.kind == PatternElement::Kind::kWord) {
        rest.words.push_back(e.word);
      }
    }
    time_all_.push_back(CompilePhrase(all));
    time_rest_.push_back(rest.words.empty() ? kNone : CompilePhrase(rest));
  }
  FreezeVocabulary();
  // Long lists narrowed: synset members by their first word, entries sharing a first word by
  // their second.
  for (const std::vector<uint32_t>& members : synsets_) {
    synset_narrowing_.push_back(Narrow(members, 0));
  }
  first_narrowing_.assign(vocab_.size(), -1);
  for (uint32_t id = 0; id < vocab_.size(); ++id) {
    std::vector<uint32_t> phrases;
    for (uint32_t r = first_begin_[id]; r < first_begin_[id + 1]; ++r) {
      phrases.push_back(first_refs_[r].phrase);
    }
    Narrowing n = Narrow(phrases, 1);
    if (n.by_key.empty() && n.wild.empty()) continue;
    first_narrowing_[id] = static_cast<int32_t>(first_narrowings_.size());
    first_narrowings_.push_back(std::move(n));
  }
  first_.resize(vocab_.size());
  for (uint32_t id = 0; id < vocab_.size(); ++id) {
    first_[id] = {first_begin_[id], first_begin_[id + 1], first_narrowing_[id]};
  }
  first_begin_.clear();
  first_begin_.shrink_to_fit();
  first_narrowing_.clear();
  first_narrowing_.shrink_to_fit();
}

void Coder::SetOptions(const Options& o) {
  // DEFAULT: SOURCE [X] <PRIOR> TARGET [Y] <AFTER>, or DEFAULT: OFF.
  default_source_.clear();
  default_target_.clear();
  default_prior_ = default_after_ = false;
  {
    std::istringstream ss(o.default_command);
    std::string w, last;
    while (ss >> w) {
      std::string code =
          w.size() > 2 && w.front() == '[' && w.back() == ']' ? w.substr(1, w.size() - 2) : "";
      if (!code.empty() && last.starts_with("SOURCE")) default_source_ = code;
      if (!code.empty() && last.starts_with("TARGET")) default_target_ = code;
      if (Eq(w, "PRIOR"sv)) default_prior_ = true;
      if (Eq(w, "AFTER"sv)) default_after_ = true;
      last = w;
    }
  }
  for (const auto& [k, v] : o.settings) {
    if (k.starts_with("CONVERT AGENT")) convert_agents_ = v == "TRUE"sv;
  }
  comma_ = CommaLimits();
  if (!o.comma_command.empty()) {
    if (o.comma_command.find("OFF") != std::string::npos) comma_.on = false;
    // "MIN = 4 MAX = 6 EMIN = 3 ..." (spaces around '=' optional).
    std::string c = o.comma_command;
    for (char& ch : c) {
      if (ch == '=') ch = ' ';
    }
    std::istringstream ss(c);
    std::string key;
    int value = 0;
    while (ss >> key >> value) {
      if (key == "MIN"sv) comma_.min = value;
      if (key == "MAX"sv) comma_.max = value;
      if (key == "EMIN"sv) comma_.emin = value;
      if (key == "EMAX"sv) comma_.emax = value;
      if (key == "BMIN"sv) comma_.bmin = value;
      if (key == "BMAX"sv) comma_.bmax = value;
    }
  }
  minimum_words_ = 8;
  if (auto it = o.settings.find("MINIMUM WORDS"); it != o.settings.end()) {
    minimum_words_ = static_cast<size_t>(std::max(0, std::atoi(it->second.c_str())));
  }
  code_by_ = CodeBy::kClause;
  for (const std::string& f : o.flags) {
    if (f == "CODE BY CLAUSE") code_by_ = CodeBy::kClause;
    if (f == "CODE BY SENTENCE") code_by_ = CodeBy::kSentence;
    if (f == "CODE ALL"sv) code_by_ = CodeBy::kAll;
  }
  // dyad's own option (not TABARI's): SET: SOURCE IN CLAUSE -- see source_in_clause_.
  auto has_flag = [&o](std::string_view f) {
    return std::find(o.flags.begin(), o.flags.end(), f) != o.flags.end();
  };
  source_in_clause_ = has_flag("SOURCE IN CLAUSE");
  agent_of_compound_ = has_flag("AGENT OF COMPOUND");
  agent_after_modifiers_ = has_flag("AGENT AFTER MODIFIERS");
  complexity_ = Complexity();
  for (const std::string& w : o.complex) {
    size_t lb = w.find('[');
    std::string name = w.substr(0, lb);
    int n = lb == std::string::npos ? 0 : std::atoi(w.c_str() + lb + 1);
    if (name == "VERBS"sv) complexity_.verbs = n;
    if (name == "ACTORS"sv) complexity_.actors = n;
    if (name == "PRONOUNS"sv) complexity_.pronouns = n;
    if (name == "CONJ"sv) complexity_.conj = n;
    if (name == "COMMA"sv) complexity_.comma = n;
    if (name == "LATEVERB"sv) complexity_.lateverb = n;
    if (name == "NOACTPRIOR"sv) complexity_.noactprior = true;
    if (name == "NOACTAFTER"sv) complexity_.noactafter = true;
    if (name == "NOVERB"sv) complexity_.noverb = true;
    if (name == "NOSOURCE"sv) complexity_.nosource = true;
    if (name == "NOTARGET"sv) complexity_.notarget = true;
    if (name == "NOEVENT"sv) complexity_.noevent = true;
  }
}

namespace {
uint8_t EndingFlags(std::string_view rest) {
  // kRestEmpty 1, kNounEnding 2 (S 'S ' ES), kVerbEnding 4 (S ED ES EN ING D 'S).
  switch (rest.size()) {
    case 0:
      return 1;
    case 1:
      return rest[0] == 'S' ? 6 : rest[0] == '\'' ? 2 : rest[0] == 'D' ? 4 : 0;
    case 2:
      if (rest == "'S"sv || rest == "ES"sv) return 6;
      return rest == "ED"sv || rest == "EN"sv ? 4 : 0;
    case 3:
      return rest == "ING"sv ? 4 : 0;
    default:
      return 0;
  }
}
}  // namespace

Coder::LetterCounts Coder::Tokenize(std::string_view s, std::vector<Tok>* out) const {
  const LetterCounts letters = SplitTokens(s, out);
  LookUp(out);
  return letters;
}

namespace {
// A per-thread cache of recent tokens' matches: news text repeats its common words, whose
// walk over the vocabulary table (a few megabytes with the large dictionary sets) costs a
// cache miss per prefix. Direct-mapped by the token's hash; an entry holds the token's text
// and its matches, and the coder it belongs to (the cache is shared by every coder a thread
// uses, each with its own serial number).
constexpr size_t kTokenCacheSize = 16384;  // entries (a power of two; ~1.7 MB)
constexpr size_t kTokenCacheText = 22;     // longest token cached
constexpr size_t kTokenCacheMatches = 5;   // most matches cached
template <typename Match>
struct TokenCacheEntry {
  uint64_t owner = 0;  // the coder's serial number (0: empty)
  uint8_t len = 0, count = 0;
  char text[kTokenCacheText];
  Match matches[kTokenCacheMatches];
};
}  // namespace

void Coder::LookUp(std::vector<Tok>* toks) const {
  // The matches of the tokens of the sentence being coded: per thread (the coder is shared),
  // reused from sentence to sentence.
  thread_local std::vector<TokMatch> buf;
  thread_local HugeVector<TokenCacheEntry<TokMatch>> cache(kTokenCacheSize);
  // The tokens' cache entries, fetched from memory all at once before they are read (each is
  // a cache miss: waited for one at a time, they would cost a memory latency each).
  thread_local std::vector<TokenCacheEntry<TokMatch>*> entries;
  entries.assign(toks->size(), nullptr);
  for (size_t j = 0; j < toks->size(); ++j) {
    const std::string_view w = (*toks)[j].text;
    if (w.size() > kTokenCacheText) continue;
    const uint64_t full = (*toks)[j].hash;
    TokenCacheEntry<TokMatch>* entry = &cache[(full ^ (full >> 29)) & (kTokenCacheSize - 1)];
    const char* at = reinterpret_cast<const char*>(entry);
    for (size_t line = 0; line < sizeof *entry; line += 64) __builtin_prefetch(at + line);
    __builtin_prefetch(at + sizeof *entry - 1);
    entries[j] = entry;
  }
  buf.clear();
  for (size_t j = 0; j < toks->size(); ++j) {
    Tok& t = (*toks)[j];
    t.match_count = static_cast<uint32_t>(buf.size());  // where its matches begin, for now
    const std::string_view w = t.text;
    TokenCacheEntry<TokMatch>* entry = entries[j];
    if (entry != nullptr) {
      if (entry->owner == serial_ && entry->len == w.size() &&
          std::memcmp(entry->text, w.data(), w.size()) == 0) {
        buf.insert(buf.end(), entry->matches, entry->matches + entry->count);
        continue;
      }
    }
    const size_t first_match = buf.size();
    // The prefixes' slots, fetched at once too (the walk stops at the first prefix no word
    // begins; fetching a few slots in vain costs less than waiting for each).
    constexpr size_t kPrefetchPrefixes = 24;
    uint64_t prefix_key[kPrefetchPrefixes];
    {
      uint64_t h = kFnvOffset;
      for (size_t len = 1; len <= w.size() && len <= kPrefetchPrefixes; ++len) {
        h = (h ^ static_cast<unsigned char>(w[len - 1])) * kFnvPrime;
        prefix_key[len - 1] = h == 0 ? 1 : h;
        __builtin_prefetch(&table_[prefix_key[len - 1] & table_mask_]);
      }
    }
    uint64_t h = kFnvOffset;
    for (size_t len = 1; len <= w.size(); ++len) {
      h = (h ^ static_cast<unsigned char>(w[len - 1])) * kFnvPrime;
      uint64_t k = len <= kPrefetchPrefixes ? prefix_key[len - 1] : (h == 0 ? 1 : h);
      size_t i = k & table_mask_;
      while (table_[i].key != 0 && table_[i].key != k) i = (i + 1) & table_mask_;
      if (table_[i].key == 0) break;  // no word continues this prefix
      uint32_t id = table_[i].id;
      auto same = [&](uint32_t x) {
        return vocab_[x].size() == len && std::memcmp(vocab_[x].data(), w.data(), len) == 0;
      };
      auto same_text = [&](uint32_t at) {
        uint32_t wlen;
        std::memcpy(&wlen, vocab_text_.data() + at, sizeof wlen);
        if (wlen != len) return false;
        const char* x = vocab_text_.data() + at + sizeof wlen;
        for (size_t c = 0; c < len; ++c) {  // short words: no call to memcmp
          if (x[c] != w[c]) return false;
        }
        return true;
      };
      if (id == kPrefixOnly || !same_text(table_[i].text)) {
        id = kPrefixOnly;
        for (const auto& [ck, cid] : collisions_) {
          if (ck == k && same(cid)) id = cid;
        }
        if (id == kPrefixOnly) continue;
      }
      const FirstRange& f = first_[id];
      buf.push_back(
          {id, f.begin, f.end, f.narrowing, EndingFlags(std::string_view(w).substr(len))});
    }
    if (entry != nullptr && buf.size() - first_match <= kTokenCacheMatches) {
      entry->owner = serial_;
      entry->len = static_cast<uint8_t>(w.size());
      std::memcpy(entry->text, w.data(), w.size());
      entry->count = static_cast<uint8_t>(buf.size() - first_match);
      std::copy(buf.begin() + static_cast<std::ptrdiff_t>(first_match), buf.end(), entry->matches);
    }
  }
  for (size_t j = 0; j < toks->size(); ++j) {
    Tok& t = (*toks)[j];
    uint32_t b = t.match_count;
    uint32_t e =
        j + 1 < toks->size() ? (*toks)[j + 1].match_count : static_cast<uint32_t>(buf.size());
    t.matches = buf.data() + b;
    t.match_count = e - b;
  }
  // The entries each match begins (read next, token by token), fetched at once.
  for (const TokMatch& m : buf) {
    if (m.first_begin < m.first_end) __builtin_prefetch(first_refs_.data() + m.first_begin);
  }
}

namespace {
// The token cache's hash of a token's text, 8 bytes at a time; the 8 bytes after the text must
// be readable (SplitTokens' buffer is padded).
uint64_t TokenHash(std::string_view t) {
  const char* p = t.data();
  size_t n = t.size();
  uint64_t h = static_cast<uint64_t>(n) * 0x9E3779B97F4A7C15ull;
  for (;; p += 8, n -= 8) {
    uint64_t x;
    std::memcpy(&x, p, sizeof x);
    // (Little-endian: the text's bytes are the low ones. Elsewhere the hash would take in
    // bytes after the text: tokens would miss the cache more, never match wrongly.)
    if (n < 8) x &= (uint64_t{1} << (8 * n)) - 1;
    h = (h ^ x) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    if (n <= 8) break;
  }
  return h;
}
// Punctuation stripped from the front of a word ("([{`), and from its end (,.;:!?"')]}`).
bool OpeningPunctuation(char c) {
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '`';
}
bool ClosingPunctuation(char c) {
  switch (c) {
    case ',':
    case '.':
    case ';':
    case ':':
    case '!':
    case '?':
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case '`':
      return true;
    default:
      return false;
  }
}
}  // namespace

Coder::LetterCounts Coder::SplitTokens(std::string_view s, std::vector<Tok>* toks) {
  std::vector<Tok>& out = *toks;
  out.clear();
  out.reserve(s.size() / 5 + 4);
  LetterCounts letters;
  // The tokens' upper-case texts in a per-thread buffer (Tok::text views it until the next
  // sentence is split): each word is copied there, upper-cased, while its end is sought, and
  // its text is the part left when edge punctuation is stripped; spans: where each token's
  // text is in the buffer. The buffer is kept at least twice the text left to split plus 16
  // bytes larger than what is written (a word's copy and a comma token take at most twice its
  // bytes), so that TokenHash may read 8 bytes past any text.
  thread_local std::string text;
  thread_local std::vector<std::pair<uint32_t, uint32_t>> spans;
  spans.clear();
  if (text.size() < 2 * s.size() + 16) text.resize(2 * s.size() + 16);
  size_t pos = 0;  // where the next word is copied
  // Hyphens and underscores separate words, as TABARI reads them ("al-Assad", "Dol_Amroth").
  // (From a table: space, \t-\r, '-' and '_', and the bytes above ASCII that isspace takes
  // in the locale the first sentence was split in.)
  static const auto kSeparator = [] {
    std::array<bool, 256> t{};
    for (int c = '\t'; c <= '\r'; ++c) t[static_cast<size_t>(c)] = true;
    t[' '] = t['-'] = t['_'] = true;
    for (int c = 0x80; c < 0x100; ++c) t[static_cast<size_t>(c)] = std::isspace(c) != 0;
    return t;
  }();
  auto separator = [](char c) { return kSeparator[static_cast<unsigned char>(c)]; };
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && separator(s[i])) ++i;
    // The word, copied upper-cased (ASCII; other text is mapped below) and its letters counted
    // (edge punctuation has none).
    size_t j = i;
    char* copy = text.data() + pos;
    unsigned char high = 0;
    while (j < s.size() && !separator(s[j])) {
      const char c = s[j];
      high |= static_cast<unsigned char>(c);
      const bool lower = c >= 'a' && c <= 'z';
      letters.upper += c >= 'A' && c <= 'Z';
      letters.lower += lower;
      copy[j - i] = lower ? static_cast<char>(c - 'a' + 'A') : c;
      ++j;
    }
    std::string_view w = s.substr(i, j - i);
    const size_t word_begin = i, word_at = pos;
    pos += j - i;
    i = j;
    // Typographic quotes around a word are punctuation too.
    auto curly_at = [](std::string_view x, size_t at) {
      return x.size() >= at + 3 && static_cast<unsigned char>(x[at]) == 0xE2 &&
             static_cast<unsigned char>(x[at + 1]) == 0x80 &&
             (static_cast<unsigned char>(x[at + 2]) >= 0x98 &&
              static_cast<unsigned char>(x[at + 2]) <= 0x9D);
    };
    for (;;) {
      if (!w.empty() && OpeningPunctuation(w.front())) {
        w.remove_prefix(1);
      } else if (curly_at(w, 0)) {
        w.remove_prefix(3);
      } else {
        break;
      }
    }
    bool comma = false;
    uint32_t comma_at = static_cast<uint32_t>(j);
    for (;;) {
      if (!w.empty() && ClosingPunctuation(w.back())) {
        if (w.back() == ',' || w.back() == ';' || w.back() == ':') {
          comma = true;
          comma_at = static_cast<uint32_t>(w.data() + w.size() - 1 - s.data());
        }
        w.remove_suffix(1);
      } else if (w.size() >= 3 && curly_at(w, w.size() - 3)) {
        w.remove_suffix(3);
      } else {
        break;
      }
    }
    if (!w.empty()) {
      Tok& t = out.emplace_back();
      t.begin = static_cast<uint32_t>(w.data() - s.data());
      t.end = t.begin + static_cast<uint32_t>(w.size());
      // ASCII is upper-cased while it is copied; other text by its Unicode case mapping.
      // Capitalised: the first letter is upper-case ("Erdoğan", "Österreich").
      if (high & 0x80) {  // the word has other bytes than ASCII: has the text left?
        high = 0;
        for (char c : w) high |= static_cast<unsigned char>(c);
      }
      if ((high & 0x80) == 0) {
        t.capitalized = w[0] >= 'A' && w[0] <= 'Z';
        spans.emplace_back(word_at + (t.begin - word_begin), w.size());
      } else {
        const std::string upper = UpperForMatching(w);
        pos = word_at;
        const size_t need = pos + upper.size() + 1 + 2 * (s.size() - i) + 16;  // (1: a comma)
        if (text.size() < need) text.resize(need);
        std::memcpy(text.data() + pos, upper.data(), upper.size());
        spans.emplace_back(pos, upper.size());
        pos += upper.size();
        int len = 0;
        uint32_t first = DecodeUtf8(w, 0, &len);
        t.capitalized = u_isupper(static_cast<UChar32>(first));
      }
    }
    if (comma) {
      Tok c;
      text[pos] = ',';
      spans.emplace_back(pos, 1);
      ++pos;
      c.begin = comma_at;
      c.end = comma_at + 1;
      c.comma = true;
      out.push_back(c);
    }
  }
  // The texts, now that the buffer no longer moves, and their hashes.
  for (size_t k = 0; k < out.size(); ++k) {
    out[k].text = std::string_view(text.data() + spans[k].first, spans[k].second);
    out[k].hash = TokenHash(out[k].text);
  }
  return letters;
}

bool Coder::MatchWord(const CWord& w, const Tok& tok, bool verb) {
  if (w.id == kEmptyWord) {  // a word with no text begins every token
    if (w.flags & kNoEndings) return tok.text.empty();
    if (!(w.flags & kExact)) return true;
    uint8_t f = EndingFlags(tok.text);
    return (f & (kRestEmpty | (verb ? kVerbEnding : kNounEnding))) != 0;
  }
  for (uint32_t k = 0; k < tok.match_count; ++k) {
    const TokMatch& m = tok.matches[k];
    if (m.id == w.id) return FlagsMatch(w.flags, m.flags, verb);
  }
  return false;
}

size_t Coder::MatchPhrase(uint32_t phrase, const std::vector<Tok>& toks, size_t i, bool verb,
                          size_t max_gap, int depth) const {
  const CPhrase& p = cphrases_[phrase];
  if (p.end == p.begin + 1 && !(cwords_[p.begin].flags & kSynsetRef)) {  // one plain word
    return i < toks.size() && !toks[i].comma && MatchWord(cwords_[p.begin], toks[i], verb) ? 1 : 0;
  }
  size_t j = i;
  for (uint32_t k = p.begin; k < p.end; ++k) {
    const CWord& w = cwords_[k];
    // The first word must match at i; a word after a space may come a few words later, a word
    // after '_' or '~' right away.
    size_t gap = k == p.begin || (cwords_[k - 1].flags & kAdjacent) ? 0 : max_gap;
    size_t matched = 0;
    for (size_t at = j; at <= j + gap && at < toks.size() && !toks[at].comma; ++at) {
      if (w.flags & kSynsetRef) {
        // A synset inside a phrase: any of its members.
        if (w.id == kNone || depth > 4) return 0;
        ForEachMember(w.id, toks, at, [&](uint32_t m) {
          size_t n = MatchPhrase(m, toks, at, verb, max_gap, depth + 1);
          if (n) matched = at + n;
          return n != 0;
        });
      } else if (MatchWord(w, toks[at], verb)) {
        matched = at + 1;
      }
      if (matched) break;
    }
    if (!matched) return 0;
    j = matched;
  }
  return j - i;
}

size_t Coder::MatchRef(const PhraseRef& r, const TokMatch& m, const std::vector<Tok>& toks,
                       size_t i, bool verb, size_t max_gap) const {
  // The ref was found through the token's match of its first word, so that word's id matches
  // (a token matches each word once); only its flags remain to check.
  if (r.shape != 0 && !FlagsMatch(r.first_flags, m.flags, verb)) return 0;
  if (r.shape == kSingleWord) return 1;
  if (r.second != kNone) {
    // The second word must begin one of the tokens it may stand at (as MatchPhrase looks).
    const size_t gap = (r.first_flags & kAdjacent) ? 0 : max_gap;
    bool found = false;
    for (size_t at = i + 1; at <= i + 1 + gap && at < toks.size() && !toks[at].comma && !found;
         ++at) {
      for (uint32_t k = 0; k < toks[at].match_count && !found; ++k) {
        found = toks[at].matches[k].id == r.second;
      }
    }
    if (!found) return 0;
  }
  return MatchPhrase(r.phrase, toks, i, verb, max_gap, 0);
}

bool Coder::MatchElementWord(const CElem& c, const std::vector<Tok>& toks, size_t i,
                             size_t* len) const {
  if (i >= toks.size() || toks[i].comma) return false;
  switch (c.kind) {
    case PatternElement::Kind::kWord:
      *len = 1;
      return MatchWord(c.word, toks[i], false);
    case PatternElement::Kind::kSynset: {
      if (c.synset == kNone) return false;
      bool found = false;
      ForEachMember(c.synset, toks, i, [&](uint32_t p) {
        if (size_t n = MatchPhrase(p, toks, i, false, kPatternGap, 0)) {
          *len = n;
          found = true;
        }
        return found;
      });
      return found;
    }
    case PatternElement::Kind::kAlternatives:
      for (uint32_t a = c.alt_begin; a < c.alt_end; ++a) {
        if (size_t n = MatchPhrase(alternatives_[a], toks, i, false, kPatternGap, 0)) {
          *len = n;
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

bool Coder::MatchPattern(uint32_t elems, uint32_t count, const std::vector<Tok>& toks,
                         const std::vector<int>& actor_at, const std::vector<size_t>& group_sizes,
                         const VerbHit& v, size_t clause_begin, size_t clause_end, int* source,
                         int* target, std::vector<int>* skipped, size_t* words) const {
  using K = PatternElement::Kind;
  std::vector<int> skips;
  size_t star = 0;
  // The pattern's compiled elements (the Pattern itself, scattered over the heap, is not read).
  const CElem* el = elems_.data() + elems;
  while (star < count && el[star].kind != K::kVerb) ++star;
  int src = -1, tgt = -1;
  size_t matched = 0;  // words of the sentence the pattern's words and synsets cover
  auto is_actor_kind = [](K k) {
    return k == K::kSource || k == K::kTarget || k == K::kCompound || k == K::kSkip;
  };
  // Binds an actor token to $ (source), + (target), ^ (passed over) or % (a compound whose
  // members act on each other); false when there is no actor or % meets a single actor.
  auto bind_actor = [&](K kind, int group) {
    if (group < 0) return false;
    if (kind == K::kCompound && group_sizes[static_cast<size_t>(group)] < 2) return false;
    if (kind == K::kSource) src = group;
    if (kind == K::kTarget) tgt = group;
    if (kind == K::kSkip) skips.push_back(group);
    if (kind == K::kCompound) src = tgt = group;
    return true;
  };
  // After the verb: left to right.
  size_t pos = v.end;
  bool adjacent = star < count && el[star].adjacent;
  for (size_t k = star + 1; k < count; ++k) {
    const CElem& e = el[k];
    bool found = false;
    for (size_t j = pos; j < clause_end; ++j) {
      size_t len = 0;
      if (is_actor_kind(e.kind)) {
        // News prose: an actor is not bound past a relative pronoun ("apologised to
        // families who suffered Gondor's ...").
        if (source_in_clause_ && OpensRelativeClause(toks, j)) break;
        if (bind_actor(e.kind, actor_at[j])) {
          len = 1;
          while (j + len < clause_end && actor_at[j + len] == actor_at[j]) ++len;
          found = true;
        }
      } else {
        found = MatchElementWord(e, toks, j, &len);
      }
      if (found) {
        pos = j + len;
        if (!is_actor_kind(e.kind)) matched += len;
        break;
      }
      if (adjacent) break;
    }
    if (!found) return false;
    adjacent = e.adjacent;
  }
  // Before the verb: right to left. A form of BE right before a verb in -ING is the
  // progressive ("Gondor is urging Arnor"), active voice: a word of a pattern does not match
  // it there (the passive "&BE_*" reads "was urged", not "was urging").
  pos = v.begin;
  const bool progressive = v.begin > 0 && v.end > v.begin &&
                           toks[v.end - 1].text.ends_with("ING"sv) &&
                           IsPassiveAuxiliary(toks[v.begin - 1].text);
  for (size_t k = star; k-- > 0;) {
    const CElem& e = el[k];
    if (k + 1 == star && progressive && !is_actor_kind(e.kind) && e.adjacent) return false;
    bool found = false;
    for (size_t j = pos; j-- > clause_begin;) {
      size_t len = 0;
      if (is_actor_kind(e.kind)) {
        if (bind_actor(e.kind, actor_at[j])) {
          size_t b = j;
          while (b > clause_begin && actor_at[b - 1] == actor_at[j]) --b;
          j = b;
          len = pos - j;
          found = true;
        }
      } else {
        found = MatchElementWord(e, toks, j, &len) && j + len <= pos;
        if (found) matched += len;
      }
      if (found) {
        pos = j;
        break;
      }
      if (e.adjacent) break;
    }
    if (!found) return false;
  }
  if (src >= 0) *source = src;
  if (tgt >= 0) *target = tgt;
  *skipped = std::move(skips);
  *words = matched;
  return true;
}

CodedResult Coder::Code(std::string_view sentence, int32_t date, const Forward* in,
                        Forward* out) const {
  if (out != nullptr && in != nullptr) *out = *in;  // a sentence without a subject keeps it
  CodedResult result;
  // The sentence's tokens: a per-thread buffer reused from sentence to sentence.
  thread_local std::vector<Tok> toks;
  const LetterCounts letters = Tokenize(sentence, &toks);
  const size_t n = toks.size();
  if (n < minimum_words_) return result;  // a fragment, not a sentence
  // All-capitals text (wire headlines, old feeds): capitals say nothing about nouns.
  if (letters.upper > 4 * letters.lower) {
    for (Tok& t : toks) t.capitalized = false;
  }
  // Time phrases and comma-delimited nonrestrictive clauses take no part in coding; the rest
  // is coded as one text, so the words around a dropped phrase become neighbours ("Gollum,
  // centre of a row, called on Gondor" -> "Gollum called on Gondor").
  // Time phrases coded ### or +++ discard the sentence or make it complex, wherever they are.
  for (size_t ti = 0; ti < d_.times.size(); ++ti) {
    const TimeEntry& t = d_.times[ti];
    if (t.is_pattern || (t.shift != "###"sv && t.shift != "+++"sv) || t.elements.empty()) continue;
    for (size_t j = 0; j < toks.size(); ++j) {
      if (MatchPhrase(time_all_[ti], toks, j, false, 0, 0)) {
        CodedResult r;
        r.discarded = t.shift == "###"sv;
        r.complex = t.shift == "+++"sv;
        return r;
      }
    }
  }
  // The longest matches at each token, found once (dropping phrases changes the tokens, and
  // then they are sought again).
  thread_local std::vector<Walk> walks;
  walks.assign(toks.size(), Walk());
  thread_local std::vector<bool> dropped;
  DroppedTokens(toks, &walks, &dropped);
  // So do actors coded ### or +++ inside the dropped phrases (the rest is checked when coding).
  for (size_t j = 0; j < toks.size(); ++j) {
    if (!dropped[j] || toks[j].comma) continue;
    const Walk& w = WalkAt(toks, j, &walks);
    if (w.kind != kActor) continue;
    for (const std::string& c : CodesOn(d_.actors[static_cast<size_t>(w.entry)], date)) {
      if (c == "###"sv || c == "+++"sv) {
        CodedResult r;
        r.discarded = c == "###"sv;
        r.complex = c == "+++"sv;
        return r;
      }
    }
  }
  if (std::find(dropped.begin(), dropped.end(), true) != dropped.end()) {
    thread_local std::vector<Tok> kept;
    kept.clear();
    for (size_t j = 0; j < toks.size(); ++j) {
      if (dropped[j]) continue;
      toks[j].after_gap = j > 0 && dropped[j - 1];
      kept.push_back(std::move(toks[j]));
    }
    toks.swap(kept);
    walks.assign(toks.size(), Walk());
  }
  return CodeTokens(toks, date, in, out, &walks);
}

namespace {
bool NegationWord(const std::string& w) {
  return Eq(w, "NOT"sv) || Eq(w, "NEVER"sv) || Eq(w, "NO"sv) || Eq(w, "N'T"sv) ||
         Eq(w, "CANNOT"sv) || Eq(w, "DIDN'T"sv) || Eq(w, "WON'T"sv) || w.starts_with("REFUS") ||
         w.starts_with("DECLIN") || w.starts_with("FAIL");
}
}  // namespace

bool Coder::PatternNegates(const Pattern& p) {
  for (const PatternElement& e : p.elements) {
    if (e.kind == PatternElement::Kind::kWord && NegationWord(e.word.text)) return true;
    for (const Phrase& alt : e.alternatives) {
      for (const Word& w : alt.words) {
        if (NegationWord(w.text)) return true;
      }
    }
  }
  return false;
}

bool Coder::IsClauseBoundary(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "SAID",  "SAYS",   "SAY",  "TOLD",  "TELLS",   "ADDED",  "STATED",   "CLAIMED",
      "AFTER", "BEFORE", "WHEN", "WHILE", "BECAUSE", "SINCE",  "ALTHOUGH", "THOUGH",
      "WHERE", "WHICH",  "WHO",  "WHOM",  "DESPITE", "UNLESS", "UNTIL",    "WHEREAS"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

std::vector<Coder::NamedSpan> Coder::ActorSpans(std::string_view sentence) const {
  std::vector<Tok> toks;
  Tokenize(sentence, &toks);
  std::vector<NamedSpan> out;
  std::vector<Walk> walks(toks.size());
  for (size_t i = 0; i < toks.size();) {
    const Walk& w = WalkAt(toks, i, &walks, /*verbs=*/false);
    const size_t len = w.best;
    const int kind = w.kind;
    if (len == 0) {
      ++i;
      continue;
    }
    if (kind == kActor || kind == kAgent) {
      out.push_back({toks[i].begin, toks[i + len - 1].end, kind == kAgent});
    }
    i += len;
  }
  return out;
}

std::string Coder::ActorCode(std::string_view phrase, int32_t date) const {
  std::vector<Tok> toks;
  Tokenize(phrase, &toks);
  std::string actor;
  const AgentEntry* agent = nullptr;
  std::vector<Walk> walks(toks.size());
  for (size_t i = 0; i < toks.size();) {
    const Walk& w = WalkAt(toks, i, &walks, /*verbs=*/false);
    const size_t len = w.best;
    const int kind = w.kind, entry = w.entry;
    if (len == 0) {
      ++i;
      continue;
    }
    if (kind == kActor && actor.empty()) {
      for (const std::string& c : CodesOn(d_.actors[static_cast<size_t>(entry)], date)) {
        if (c != "---"sv && c != "###"sv && c != "+++"sv) {
          actor = c;
          break;
        }
      }
    } else if (kind == kAgent && agent == nullptr) {
      const AgentEntry& a = d_.agents[static_cast<size_t>(entry)];
      if (a.code != "---"sv) agent = &a;
    }
    i += len;
  }
  if (actor.empty() || agent == nullptr) return actor;
  if (agent->code_first) return actor.starts_with(agent->code) ? actor : agent->code + actor;
  return actor.ends_with(agent->code) ? actor : actor + agent->code;
}

void Coder::DroppedTokens(const std::vector<Tok>& toks, std::vector<Walk>* walks,
                          std::vector<bool>* dropped_out) const {
  const size_t n = toks.size();
  std::vector<bool>& dropped = *dropped_out;
  dropped.assign(n, false);
  // Time phrases from the verbs file's <TIME> block (roots and their "- * ..." extensions).
  uint32_t root = kNone;
  for (size_t ti = 0; ti < d_.times.size(); ++ti) {
    const TimeEntry& t = d_.times[ti];
    if (!t.is_pattern) root = time_all_[ti];
    if (root == kNone || t.shift == "###"sv || t.shift == "+++"sv) continue;
    for (size_t j = 0; j < n; ++j) {
      size_t len = MatchPhrase(root, toks, j, false, 0, 0);
      if (len == 0) continue;
      size_t end = j + len;
      if (t.is_pattern) {
        // "- * AND A WEEK": the words after the root
        uint32_t rest = time_rest_[ti];
        size_t more = rest == kNone ? 0 : MatchPhrase(rest, toks, end, false, 0, 0);
        if (more == 0) continue;
        end += more;
      }
      for (size_t k = j; k < end; ++k) dropped[k] = true;
    }
  }
  if (!comma_.on) return;
  // Comma-delimited nonrestrictive clauses (manual 8.6). A comma between two members of a
  // compound actor ("Mordor, Rohan and Bree", "Mordor, the awful Fornost") delimits nothing;
  // that needs only the words next to each comma.
  auto actor_like = [](int kind) { return kind == kActor || kind == kAgent; };
  auto actor_ends_at = [&](size_t end) {
    for (size_t b = end; b-- > 0 && end - b <= 6 && !toks[b].comma;) {
      const Walk& w = WalkAt(toks, b, walks);
      if (w.best > 0 && b + w.best == end) return actor_like(w.kind);
    }
    return false;
  };
  thread_local std::vector<size_t> commas;
  commas.clear();
  for (size_t j = 0; j < n; ++j) {
    if (!toks[j].comma) continue;
    size_t next = j + 1, len = 0;
    int kind = -1;
    while (next < n) {
      if (Eq(toks[next].text, "THE"sv) || Eq(toks[next].text, "AND"sv)) {
        ++next;
        continue;
      }
      const Walk& w = WalkAt(toks, next, walks);
      len = w.best;
      kind = w.kind;
      if (kind != kAdjective) break;
      next += len;
    }
    bool inside_compound = actor_like(kind) && actor_ends_at(j);
    if (!inside_compound) commas.push_back(j);
  }
  // News prose (SOURCE IN CLAUSE): an opening phrase that starts with a preposition, a
  // subordinating word or a sentence adverb ("On Monday,", "Before visiting Gondor,",
  // "Meanwhile,") is introductory, so the phrase after its comma is the main clause, not a
  // nonrestrictive one ("Before the talks, Gollum visited Gondor on Monday.").
  const bool introductory =
      source_in_clause_ && !commas.empty() && commas[0] > 0 && IsIntroductoryWord(toks[0].text);
  // A comma that closed a dropped phrase does not open the final one.
  bool last_closed_dropped = false;
  for (size_t k = 0; k <= commas.size() && !commas.empty(); ++k) {
    size_t b = k == 0 ? 0 : commas[k - 1] + 1;
    size_t e = k == commas.size() ? n : commas[k];
    int words = 0;
    for (size_t j = b; j < e; ++j) words += !toks[j].comma;
    int lo = comma_.min, hi = comma_.max;
    if (k == 0) {
      lo = comma_.bmin;
      hi = comma_.bmax;
    } else if (k == commas.size()) {
      lo = comma_.emin;
      hi = comma_.emax;
      if (last_closed_dropped) hi = lo - 1;
    }
    last_closed_dropped = words >= lo && words <= hi && !(k == 1 && introductory);
    if (last_closed_dropped) {
      for (size_t j = b; j < e; ++j) dropped[j] = true;
      if (k > 0) dropped[commas[k - 1]] = true;  // its commas go with it
      if (k < commas.size()) dropped[commas[k]] = true;
    }
  }
}

const Coder::Walk& Coder::WalkAt(const std::vector<Tok>& toks, size_t i, std::vector<Walk>* walks,
                                 bool verbs) const {
  Walk& w = (*walks)[i];
  if (w.done) return w;
  w.done = true;
  if (i >= toks.size() || toks[i].comma) return w;
  ForEachFirst(toks, i, [&](const PhraseRef& r, const TokMatch& m) {
    if (r.kind == kVerb) {
      if (!verbs) return;
      size_t len = MatchRef(r, m, toks, i, true, 0);
      if (len > w.vbest) {
        w.vbest = static_cast<uint32_t>(len);
        w.ventry = r.entry;
      }
      return;
    }
    size_t len = MatchRef(r, m, toks, i, false, kActorGap);
    if (len > w.best || (len == w.best && len > 0 && r.kind < w.kind)) {
      w.best = static_cast<uint32_t>(len);
      w.kind = r.kind;
      w.entry = r.entry;
    }
  });
  return w;
}

CodedResult Coder::CodeTokens(const std::vector<Tok>& toks, int32_t date, const Forward* in,
                              Forward* out, std::vector<Walk>* walks) const {
  CodedResult result;
  const size_t n = toks.size();

  // 1. Actors, agents and nouns by longest match; verbs where nothing else matched.
  // (These and the other per-sentence lists below are per-thread buffers too, cleared here.)
  thread_local std::vector<Mention> mentions;
  thread_local std::vector<VerbHit> verbs;
  mentions.clear();
  verbs.clear();
  // 'A' adjective, 'N' noun (from the <ADJECTIVE>/<NOUN> lists). This and the other per-token
  // arrays below are per-thread buffers reused from sentence to sentence.
  thread_local std::string modifier;
  modifier.assign(n, ' ');
  for (size_t i = 0; i < n;) {
    if (toks[i].comma) {
      ++i;
      continue;
    }
    // One walk over the token finds the longest actor, agent or noun (actors win ties, then
    // agents) and the longest verb.
    const Walk& w = WalkAt(toks, i, walks);
    const size_t best = w.best, vbest = w.vbest;
    const int kind = w.kind, entry = w.entry, ventry = w.ventry;
    if (best > 0 && kind == 0) {
      Mention m{i, i + best, CodesOn(d_.actors[static_cast<size_t>(entry)], date), false, false};
      // An actor coded ### discards the sentence, +++ makes it complex (manual 6.3, 6.4).
      for (const std::string& c : m.codes) {
        if (c == "###"sv || c == "+++"sv) {
          result.discarded = c == "###"sv;
          result.complex = c == "+++"sv;
          return result;
        }
      }
      bool null = m.codes.empty() || std::all_of(m.codes.begin(), m.codes.end(),
                                                 [](const std::string& c) { return c == "---"sv; });
      if (!null) mentions.push_back(std::move(m));
      i += best;
      continue;
    }
    if (best > 0 && kind == 1) {
      const AgentEntry& a = d_.agents[static_cast<size_t>(entry)];
      if (a.code != "---"sv) mentions.push_back({i, i + best, {a.code}, true, a.code_first});
      i += best;
      continue;
    }
    if (best > 0) {
      // Nouns and adjectives: kept to tell compound phrases from clauses.
      for (size_t j = i; j < i + best; ++j) modifier[j] = kind == kAdjective ? 'A' : 'N';
      i += best;
      continue;
    }
    // A verb, unless the word is used as a noun: after a determiner, capitalised in
    // mid-sentence ...
    bool noun_use = i > 0 && (IsDeterminer(toks[i - 1].text) || toks[i].capitalized);
    // ... or right after a past participle the dictionaries do not know as a verb ("faced
    // questions", "renewed attacks", "its alleged attack").
    if (!noun_use && i > 0 && !toks[i - 1].comma && !toks[i - 1].capitalized &&
        toks[i - 1].text.size() > 4 && toks[i - 1].text.ends_with("ED") &&
        (verbs.empty() || verbs.back().end != i) && modifier[i - 1] == ' ' &&
        (mentions.empty() || mentions.back().end != i)) {
      noun_use = true;
    }
    if (vbest > 0 && !noun_use) {
      verbs.push_back({i, i + vbest, &d_.verbs[static_cast<size_t>(ventry)]});
      i += vbest;
      continue;
    }
    ++i;
  }

  // An actor word used as an attribute of a following noun naming a thing ("the Iraq war",
  // "the sluggish European economy", "questions about British policy") names no party to an
  // event: it is dropped. A possessive names the thing's owner ("the EU's arms embargo",
  // "Gondor's war") and stays an actor.
  if (!mentions.empty()) {
    thread_local std::vector<bool> taken;
    taken.assign(n, false);
    for (const Mention& m : mentions) {
      for (size_t j = m.begin; j < m.end; ++j) taken[j] = true;
    }
    for (const VerbHit& v : verbs) {
      for (size_t j = v.begin; j < v.end; ++j) taken[j] = true;
    }
    // (Those that stay are kept in place, in order.)
    std::erase_if(mentions, [&](const Mention& m) {
      bool modifies = false;
      if (!m.agent && !IsPossessive(toks[m.end - 1].text)) {
        // Adjectives from the dictionaries' <ADJECTIVE> lists may stand between.
        size_t j = m.end;
        while (j < n && modifier[j] == 'A' && !taken[j]) ++j;
        modifies = j < n && !taken[j] && !toks[j].comma && !toks[j].after_gap &&
                   !toks[j].capitalized && IsThingNoun(toks[j].text);
      }
      return modifies;
    });
  }

  // 2. Entities: an actor with the agent right after it ("Gondor's army") or an agent
  // followed by OF and an actor ("the president of Gondor").
  struct Entity {
    size_t begin, end;
    std::vector<std::string> codes;
  };
  thread_local std::vector<Entity> entities;
  entities.clear();
  for (size_t k = 0; k < mentions.size(); ++k) {
    const Mention& m = mentions[k];
    // An agent adds its code to the actor's, unless the actor's code already carries it
    // ("White House" USAGOV + "officials" GOV stays USAGOV).
    auto combine = [](const Mention& actor, const Mention& agent) {
      std::vector<std::string> combined;
      const std::string& a = agent.codes[0];
      for (const std::string& c : actor.codes) {
        if (agent.code_first) {
          combined.push_back(c.starts_with(a) ? c : a + c);
        } else {
          combined.push_back(c.ends_with(a) ? c : c + a);
        }
      }
      return combined;
    };
    if (!m.agent) {
      // A possessive actor takes an agent up to two lower-case words later that are neither
      // nouns nor function words ("Gondor's first deputy minister", "Gondor's new army").
      // With SET: AGENT AFTER MODIFIERS (PETRARCH's reading: the agent heads the noun phrase)
      // the words may be capitalised ("Gondor's first Deputy Prime Minister") and AND / OR
      // between two modifiers joins them ("Gondor's awful and evil minister").
      size_t agent_at = m.end;
      if (IsPossessive(toks[m.end - 1].text)) {
        for (int words = 0;
             agent_at < n && words < 2 && !toks[agent_at].comma && modifier[agent_at] != 'N' &&
             (agent_after_modifiers_ || !toks[agent_at].capitalized) &&
             !(k + 1 < mentions.size() && mentions[k + 1].begin == agent_at);
             ++agent_at) {
          const std::string_view w = toks[agent_at].text;
          bool joins = agent_after_modifiers_ && (Eq(w, "AND"sv) || Eq(w, "OR"sv)) &&
                       agent_at > m.end && agent_at + 1 < n && modifier[agent_at - 1] == 'A' &&
                       modifier[agent_at + 1] == 'A';
          if (joins) continue;
          if (IsFunctionWord(w)) break;
          ++words;
        }
      }
      if (k + 1 < mentions.size() && mentions[k + 1].agent && mentions[k + 1].begin == agent_at &&
          !toks[m.end].after_gap) {
        entities.push_back({m.begin, mentions[k + 1].end, combine(m, mentions[k + 1])});
        ++k;
      } else {
        entities.push_back({m.begin, m.end, m.codes});
      }
      continue;
    }
    bool attached = false;
    // An agent right before an actor qualifies it ("human rights activists Gondor").
    if (k + 1 < mentions.size() && !mentions[k + 1].agent && mentions[k + 1].begin == m.end &&
        !toks[m.end].after_gap) {
      entities.push_back({m.begin, mentions[k + 1].end, combine(mentions[k + 1], m)});
      ++k;
      continue;
    }
    if (k + 1 < mentions.size() && !mentions[k + 1].agent && m.end < n &&
        (Eq(toks[m.end].text, "OF"sv) || Eq(toks[m.end].text, "IN"sv) ||
         Eq(toks[m.end].text, "FROM"sv))) {
      size_t after = m.end + 1;
      if (after < n && Eq(toks[after].text, "THE"sv)) ++after;
      if (mentions[k + 1].begin == after) {
        entities.push_back({m.begin, mentions[k + 1].end, combine(mentions[k + 1], m)});
        ++k;
        attached = true;
        // ... and, with SET: AGENT OF COMPOUND (PETRARCH's reading; TABARI's manual gives the
        // agent to the first member only), to every member of a compound there ("the
        // ambassadors of Arnor, Rohan and Gondor", "lawmakers in Arnor and Gondor").
        while (agent_of_compound_ && k + 1 < mentions.size() && !mentions[k + 1].agent &&
               mentions[k + 1].begin > mentions[k].end) {
          bool joined = true;
          for (size_t j = mentions[k].end; j < mentions[k + 1].begin && joined; ++j) {
            joined = toks[j].comma || Eq(toks[j].text, "AND"sv) || Eq(toks[j].text, "OR"sv) ||
                     Eq(toks[j].text, "THE"sv);
          }
          if (!joined) break;
          entities.push_back(
              {mentions[k + 1].begin, mentions[k + 1].end, combine(mentions[k + 1], m)});
          ++k;
        }
      }
    }
    if (!attached && convert_agents_) {
      entities.push_back({m.begin, m.end, {m.code_first ? m.codes[0] + "~" : "~" + m.codes[0]}});
    }
  }
  // Reporters quoted as speakers ("BBC correspondent Nick Robinson said ...", "..., said the
  // Times reporter", "according to the agency's correspondent") report events, they take no
  // part in them: they are neither sources, targets nor what a pronoun refers to.
  {
    auto is_speech = [](std::string_view t) {
      return Eq(t, "SAID"sv) || Eq(t, "SAYS"sv) || Eq(t, "SAY"sv) || Eq(t, "TOLD"sv) ||
             Eq(t, "TELLS"sv) || Eq(t, "REPORTED"sv) || Eq(t, "REPORTS"sv) || Eq(t, "WROTE"sv) ||
             Eq(t, "WRITES"sv) || Eq(t, "ADDED"sv) || Eq(t, "ARGUED"sv) || Eq(t, "NOTED"sv) ||
             Eq(t, "EXPLAINED"sv) || Eq(t, "SUGGESTED"sv) || Eq(t, "BELIEVES"sv);
    };
    std::erase_if(entities, [&](const Entity& e) {
      bool media =
          !e.codes.empty() && std::all_of(e.codes.begin(), e.codes.end(),
                                          [](const std::string& c) { return c.ends_with("MED"); });
      bool speaker = false;
      if (media) {
        for (size_t j = e.end; j < n && j < e.end + 5 && !toks[j].comma && !speaker; ++j) {
          speaker = is_speech(toks[j].text);
        }
        size_t b = e.begin;
        if (b > 0 && IsDeterminer(toks[b - 1].text)) --b;
        speaker = speaker || (b > 0 && is_speech(toks[b - 1].text)) ||
                  (b > 1 && Eq(toks[b - 1].text, "TO"sv) && Eq(toks[b - 2].text, "ACCORDING"sv));
      }
      return speaker;
    });
  }
  // 3. Compound groups: entities separated only by commas and AND / OR / NOR / THE.
  thread_local std::vector<int> group_of;
  thread_local std::vector<std::vector<std::string>> groups;
  thread_local std::vector<std::pair<size_t, size_t>> group_span;
  group_of.assign(entities.size(), -1);
  groups.clear();
  group_span.clear();
  for (size_t k = 0; k < entities.size(); ++k) {
    bool joins = false;
    if (k > 0) {
      joins = true;
      for (size_t j = entities[k - 1].end; j < entities[k].begin; ++j) {
        if (!toks[j].comma && !IsConnector(toks[j].text) && modifier[j] != 'A') joins = false;
      }
      // Commas alone do not join across a clause: require a conjunction somewhere.
      bool conj = false;
      for (size_t j = entities[k - 1].end; j < entities[k].begin; ++j) {
        bool between_modifiers = j > 0 && j + 1 < n && modifier[j - 1] != ' ' &&
                                 modifier[j + 1] != ' ';  // "awful and evil"
        conj =
            conj ||
            ((Eq(toks[j].text, "AND"sv) || Eq(toks[j].text, "OR"sv) || Eq(toks[j].text, "NOR"sv)) &&
             !between_modifiers);
      }
      // A list "A, B and C": a comma joins when a conjunction follows later in the list.
      // Adjectives alone also join ("the evil Arnor awful Gondor"), an "and" between
      // adjectives does not ("Ithilen's awful and evil minister").
      bool comma = false, only_adjectives = true;
      for (size_t j = entities[k - 1].end; j < entities[k].begin; ++j) {
        comma = comma || toks[j].comma;
        only_adjectives = only_adjectives && modifier[j] == 'A';
      }
      bool separated = entities[k].begin > entities[k - 1].end;
      joins = joins && separated && (conj || (comma && k + 1 < entities.size()) || only_adjectives);
    }
    if (!joins) {
      groups.emplace_back();
      group_span.emplace_back(entities[k].begin, entities[k].end);
    }
    group_of[k] = static_cast<int>(groups.size()) - 1;
    for (const std::string& c : entities[k].codes) groups.back().push_back(c);
    group_span.back().second = entities[k].end;
  }
  // Pronouns (manual 7.7): HE, SHE, IT refer to the sentence's first actor; ITS, HIS, HER to
  // the first actor before them; THEY, THEM, THEIR to the first compound actor, else the first.
  // What this sentence forwards: its first actor, if that comes before the first verb.
  if (out != nullptr && !mentions.empty()) {
    size_t first_verb = verbs.empty() ? n : verbs[0].begin;
    for (size_t k = 0; k < mentions.size(); ++k) {
      if (mentions[k].agent) continue;
      if (mentions[k].begin < first_verb) {
        out->codes = mentions[k].codes;
        out->compound =
            !groups.empty() && group_span[0].first <= mentions[k].begin && groups[0].size() > 1;
      }
      break;
    }
  }
  // News prose (SOURCE IN CLAUSE): an actor after a locative preposition ("public life in
  // Gondor") is a place. It may be a target ("arrived in Gondor") but is no one's subject: not
  // a default source, not what HE or ITS refers to.
  auto is_place = [&](size_t begin) {
    if (!source_in_clause_ || begin >= n) return false;
    size_t b = begin;
    if (b > 0 && Eq(toks[b - 1].text, "THE"sv)) --b;
    if (b == 0) return false;
    const std::string_view w = toks[b - 1].text;
    return Eq(w, "IN"sv) || Eq(w, "AT"sv) || Eq(w, "ACROSS"sv) || Eq(w, "THROUGHOUT"sv) ||
           Eq(w, "WITHIN"sv) || Eq(w, "INSIDE"sv);
  };
  thread_local std::vector<bool> verb_end_at;
  verb_end_at.assign(n + 1, false);
  for (const VerbHit& v : verbs) verb_end_at[v.end] = true;
  // ... nor is the object of a verb ("Before visiting Gondor, the envoy ... where he met").
  auto is_object = [&](size_t begin) {
    if (!source_in_clause_ || begin >= n) return false;
    return verb_end_at[begin] ||
           (begin >= 1 && IsDeterminer(toks[begin - 1].text) && verb_end_at[begin - 1]);
  };
  size_t antecedent = 0;  // the group HE, SHE, IT, ITS ... refer to
  while (antecedent < groups.size() &&
         (is_place(group_span[antecedent].first) || is_object(group_span[antecedent].first))) {
    ++antecedent;
  }
  const bool forwarding = in != nullptr && !in->codes.empty();
  if (!groups.empty() || forwarding) {
    // The pronouns that refer to an actor (added to the groups in text order at the end).
    std::vector<std::pair<size_t, size_t>> spans;
    std::vector<std::vector<std::string>> codes;
    size_t first_compound = groups.size();
    for (size_t g = 0; g < groups.size() && first_compound == groups.size(); ++g) {
      if (groups[g].size() > 1) first_compound = g;
    }
    thread_local std::vector<bool> group_at;
    group_at.assign(n + 1, false);
    for (const auto& sp : group_span) group_at[sp.first] = true;
    // Where each singular pronoun (HE HIM HIS, SHE HER, IT ITS) first occurs.
    size_t first_of[3] = {n, n, n};
    for (size_t j = 0; j < n; ++j) {
      const std::string_view t = toks[j].text;
      size_t ref = groups.size();
      int person = Eq(t, "HE"sv) || Eq(t, "HIM"sv) || Eq(t, "HIS"sv) ? 0
                   : Eq(t, "SHE"sv) || Eq(t, "HER"sv)                ? 1
                   : Eq(t, "IT"sv) || Eq(t, "ITS"sv)                 ? 2
                                                                     : -1;
      bool singular = person >= 0;
      bool plural = Eq(t, "THEY"sv) || Eq(t, "THEM"sv) || Eq(t, "THEIR"sv);
      if (singular) first_of[person] = std::min(first_of[person], j);
      // A possessive pronoun right before an actor only determines it ("his Gondorian
      // counterpart"): the actor is the one named.
      if ((Eq(t, "HIS"sv) || Eq(t, "HER"sv) || Eq(t, "ITS"sv) || Eq(t, "THEIR"sv)) &&
          group_at[j + 1]) {
        continue;
      }
      if (forwarding && (singular || plural) && (groups.empty() || j < group_span[0].first) &&
          (verbs.empty() || j < verbs[0].begin) && (singular || in->compound)) {
        // A pronoun opening the sentence refers to the previous sentence's first actor.
        spans.emplace_back(j, j + 1);
        codes.push_back(in->codes);
        continue;
      }
      if (groups.empty()) continue;
      if (Eq(t, "HE"sv) || Eq(t, "SHE"sv) || Eq(t, "IT"sv) || Eq(t, "HIM"sv) || Eq(t, "ITS"sv) ||
          Eq(t, "HIS"sv) || Eq(t, "HER"sv)) {
        // Not when the same pronoun stood before that actor: it named someone else ("While
        // saying he admired Gondor's leader, he criticised ...").
        if (antecedent < groups.size() && group_span[antecedent].first < j &&
            first_of[person] > group_span[antecedent].first) {
          ref = antecedent;
        }
      } else if (Eq(t, "THEY"sv) || Eq(t, "THEM"sv) || Eq(t, "THEIR"sv)) {
        ref = first_compound < groups.size() ? first_compound : 0;
        if (group_span[ref].first >= j) ref = groups.size();
      }
      if (ref < groups.size()) {
        spans.emplace_back(j, j + 1);
        codes.push_back(groups[ref]);
      }
    }
    if (!spans.empty()) {
      spans.insert(spans.begin(), group_span.begin(), group_span.end());
      codes.insert(codes.begin(), std::make_move_iterator(groups.begin()),
                   std::make_move_iterator(groups.end()));
      std::vector<size_t> order(spans.size());
      for (size_t k = 0; k < order.size(); ++k) order[k] = k;
      std::sort(order.begin(), order.end(),
                [&](size_t a, size_t b) { return spans[a].first < spans[b].first; });
      group_span.clear();
      groups.clear();
      for (size_t k : order) {
        group_span.push_back(spans[k]);
        groups.push_back(std::move(codes[k]));
      }
    }
  }
  thread_local std::vector<int> actor_at;
  actor_at.assign(n, -1);
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t j = group_span[g].first; j < group_span[g].second; ++j) {
      actor_at[j] = static_cast<int>(g);
    }
  }

  // The complexity filter (conditions known before coding).
  {
    const Complexity& c = complexity_;
    size_t conj = 0, pronouns = 0, commas = 0;
    // (Counted only when a limit needs them.)
    for (size_t j = 0; j < n && (c.conj > 0 || c.pronouns > 0 || c.comma > 0);
         ++j) {  // dropped words are already gone
      const Tok& t = toks[j];
      conj += t.text == "AND"sv || t.text == "BUT"sv || t.text == "OR"sv || t.text == "NOR"sv;
      pronouns += t.text == "HE"sv || t.text == "SHE"sv || t.text == "IT"sv || t.text == "THEY"sv ||
                  t.text == "HIS"sv || t.text == "HER"sv || t.text == "ITS"sv ||
                  t.text == "THEIR"sv;
      commas += t.comma;
    }
    // The first verb that can code something: a null-coded verb ("accord" as in "on accord")
    // is not the one the conditions are about.
    size_t fv = 0;
    while (fv < verbs.size() && verbs[fv].verb->code == "---"sv) {
      ++fv;
    }
    bool prior = fv < verbs.size() && !groups.empty() && group_span[0].first < verbs[fv].begin;
    bool after = false;
    for (size_t g = 0; g < groups.size() && fv < verbs.size(); ++g) {
      after = after || group_span[g].first >= verbs[fv].end;
    }
    bool complex =
        (c.verbs > 0 && verbs.size() >= static_cast<size_t>(c.verbs)) ||
        (c.actors > 0 && entities.size() >= static_cast<size_t>(c.actors)) ||
        (c.pronouns > 0 && pronouns >= static_cast<size_t>(c.pronouns)) ||
        (c.conj > 0 && conj >= static_cast<size_t>(c.conj)) ||
        (c.comma > 0 && commas / 2 >= static_cast<size_t>(c.comma)) ||
        (c.lateverb > 0 && (verbs.empty() || verbs[0].begin >= static_cast<size_t>(c.lateverb))) ||
        (c.noverb && verbs.empty()) || (c.noactprior && fv < verbs.size() && !prior) ||
        (c.noactafter && fv < verbs.size() && !after);
    if (complex) {
      result.complex = true;
      return result;
    }
  }

  // 4. Code each verb. Clauses are split at conjunctions (AND, BUT, OR, NOR) outside compound
  // actors (manual 7.6); with CODE BY CLAUSE each yields its first event only. Patterns do
  // not match across commas.
  thread_local std::vector<int> clause_of;
  clause_of.assign(n, 0);
  for (size_t j = 0, c = 0; j < n; ++j) {
    const std::string_view t = toks[j].text;
    // Not a clause boundary: a conjunction inside a compound actor, or between nouns or
    // adjectives ("awful and evil minister", "sheep and goats").
    bool in_phrase = j > 0 && j + 1 < n &&
                     ((actor_at[j - 1] >= 0 && actor_at[j + 1] >= 0) ||
                      (modifier[j - 1] != ' ' && modifier[j + 1] != ' '));
    if ((Eq(t, "AND"sv) || Eq(t, "BUT"sv) || Eq(t, "OR"sv) || Eq(t, "NOR"sv)) && actor_at[j] < 0 &&
        !in_phrase) {
      ++c;
    }
    clause_of[j] = static_cast<int>(c);
  }
  thread_local std::vector<size_t> group_sizes;
  group_sizes.clear();
  for (const auto& g : groups) group_sizes.push_back(g.size());
  // Subjects of complement clauses: an actor right after a verb (or after its THAT) and
  // followed by an auxiliary ("promised (that) they would not ...", "believes Gondor had
  // ..."). It is the source of the verbs in its clause (SOURCE IN CLAUSE), and a pronoun
  // there is not the verb's target.
  thread_local std::vector<bool> complement_subject;
  complement_subject.assign(groups.size(), false);
  thread_local std::vector<bool> complement_at;
  complement_at.assign(n, false);
  for (size_t g = 0; g < groups.size(); ++g) {
    size_t b = group_span[g].first, e = group_span[g].second;
    if (b == 0 || e >= n || b >= n) continue;
    bool after_verb =
        verb_end_at[b] || (Eq(toks[b - 1].text, "THAT"sv) && b >= 2 && verb_end_at[b - 1]);
    if (after_verb && IsFiniteAuxiliary(toks[e].text)) {
      // A named actor there stays a target ("said Gondor was wrong" codes the comment on
      // Gondor); a pronoun only restates someone mentioned elsewhere.
      const std::string_view w = toks[b].text;
      complement_subject[g] = e == b + 1 && (Eq(w, "THEY"sv) || Eq(w, "HE"sv) || Eq(w, "SHE"sv) ||
                                             Eq(w, "IT"sv) || Eq(w, "WE"sv));
      complement_at[b] = true;
    }
  }
  int last_source = -1;
  int coded_clause = -1;
  std::vector<CodedEvent> subordinate_events;
  // The clause word filter (see below) and the token range it was built for.
  thread_local uint64_t clause_words[128];
  size_t filter_begin = n + 1, filter_end = n + 1, clause_matches = 0;
  // With no actor (named, pronoun or DEFAULT) no verb can have a source and a target: only a
  // verb or pattern coded ### or +++ can still change the result, and the others are not
  // matched at all (about a tenth of the TABARI sets' time on Reuters leads:
  // docs/dictionaries.md).
  const bool no_event_possible =
      groups.empty() && default_source_.empty() && default_target_.empty();
  for (const VerbHit& v : verbs) {
    if (code_by_ == CodeBy::kClause && clause_of[v.begin] == coded_clause) continue;
    if (code_by_ == CodeBy::kSentence && coded_clause >= 0) break;
    const VerbPatterns& vp = patterns_[static_cast<size_t>(v.verb - d_.verbs.data())];
    if (no_event_possible && !vp.discards_or_complex) continue;
    size_t cb = v.begin, ce = v.end;
    while (cb > 0 && !toks[cb - 1].comma) --cb;
    while (ce < n && !toks[ce].comma) ++ce;
    int source = -1, target = -1;
    std::vector<int> skipped;  // actors a pattern's ^ passed over: never the target
    bool pattern_set = false;  // the pattern's $ or + chose an actor
    int rule_line = v.verb->line;
    bool rule_negates = false;  // the pattern itself reads a negation ("- * NOT ...")
    std::string code = v.verb->code;
    // The words that begin the clause's tokens, in a small Bloom filter (one bit per word
    // id's hash; it stays in the first-level cache): a pattern with a literal word that none
    // begins cannot match. A false positive only costs a pattern tried in vain.
    // (Verbs in the same stretch between commas share it.)
    if (cb != filter_begin || ce != filter_end) {
      filter_begin = cb;
      filter_end = ce;
      std::memset(clause_words, 0, sizeof clause_words);
      clause_words[kAlwaysBit >> 6] |= uint64_t{1} << (kAlwaysBit & 63);
      clause_matches = 0;
      for (size_t j = cb; j < ce; ++j) {
        clause_matches += toks[j].match_count;
        for (uint32_t m = 0; m < toks[j].match_count; ++m) {
          const uint32_t bit = ClauseWordBit(toks[j].matches[m].id);
          clause_words[bit >> 6] |= uint64_t{1} << (bit & 63);
        }
      }
    }
    // Candidate patterns: those whose anchor word occurs in the clause, and those without one,
    // of which every literal word may be in the clause.
    auto possible = [&](uint32_t r) {
      for (uint32_t w = vp.words_begin[r]; w < vp.words_begin[r + 1]; ++w) {
        const uint32_t bit = vp.word_bits[w];
        if (!(clause_words[bit >> 6] >> (bit & 63) & 1)) return false;
      }
      return true;
    };
    thread_local std::vector<int> ranks;
    ranks.clear();
    if (vp.sorted.size() <= 4 * clause_matches || vp.by_anchor.empty()) {
      // Few patterns: each is checked against the filter, in order. (This may try a pattern
      // whose anchor a token begins with the wrong ending: it fails to match.)
      // (First each pattern's rarest word, from a dense array; most fail there.)
      const uint32_t patterns = static_cast<uint32_t>(vp.sorted.size());
      for (uint32_t r = 0; r < patterns; ++r) {
        const uint32_t bit = vp.first_bit[r];
        if (!(clause_words[bit >> 6] >> (bit & 63) & 1)) continue;
        if (possible(r)) ranks.push_back(static_cast<int>(r));
      }
    } else {
      ranks.assign(vp.always.begin(), vp.always.end());
      for (size_t j = cb; j < ce; ++j) {
        for (uint32_t m = 0; m < toks[j].match_count; ++m) {
          for (uint32_t r : vp.by_anchor.Find(toks[j].matches[m].id)) {
            if (MatchWord(vp.anchor[r], toks[j], false) && possible(r)) {
              ranks.push_back(static_cast<int>(r));
            }
          }
        }
      }
      std::sort(ranks.begin(), ranks.end());
      ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    }
    // With no event possible only a winning ### or +++ pattern matters: none can win past
    // the length of the last candidate coded so (ranks run longest first), and with none
    // among the candidates the verb's own code is what stands (it is not special here).
    size_t least_length = 0;
    if (no_event_possible && !vp.code_special) {
      int last = -1;
      for (int r : ranks) {
        if (vp.special[static_cast<size_t>(r)]) last = r;
      }
      if (last < 0) continue;
      least_length = vp.length[static_cast<size_t>(last)];
    }
    // The longest pattern wins; among patterns of the same length, the one that covers most
    // words of the sentence ("- * &HYPERCURR" on "austrian gold florin" over "- * &CURRENCY"
    // on "florin": synset names count nothing in a pattern's length).
    size_t won_length = 0, won_words = 0;
    bool won = false;
    for (int r : ranks) {
      if (won && vp.length[static_cast<size_t>(r)] != won_length) break;
      if (vp.length[static_cast<size_t>(r)] < least_length) break;
      const Pattern* p = vp.sorted[static_cast<size_t>(r)];
      int s = -1, t = -1;
      size_t words = 0;
      std::vector<int> skips;
      if (MatchPattern(vp.elems[static_cast<size_t>(r)],
                       vp.elems[static_cast<size_t>(r) + 1] - vp.elems[static_cast<size_t>(r)],
                       toks, actor_at, group_sizes, v, cb, ce, &s, &t, &skips, &words) &&
          (!won || words > won_words)) {
        code = p->code;
        source = s;
        target = t;
        skipped = std::move(skips);
        pattern_set = s >= 0 || t >= 0;
        rule_line = p->line;
        rule_negates = vp.negates[static_cast<size_t>(r)];
        won = true;
        won_length = vp.length[static_cast<size_t>(r)];
        won_words = words;
      }
    }
    // A subordinate code ("023?", manual 6.6.1) is used only if nothing else is coded.
    bool subordinate = !code.empty() && code.back() == '?';
    while (!code.empty() && code.back() == '?') code.pop_back();
    if (code.empty() || code == "---"sv) continue;
    if (code == "###"sv) {
      result.discarded = true;
      result.events.clear();
      return result;
    }
    if (code == "+++"sv) {
      result.complex = true;
      continue;
    }
    if (source < 0) {
      // The default source is the sentence's first actor before the verb (its subject);
      // a verb conjoined to a coded one keeps that one's source.
      size_t subject = 0;
      while (subject < groups.size() &&
             (is_place(group_span[subject].first) || is_object(group_span[subject].first))) {
        ++subject;
      }
      if (subject < groups.size() && group_span[subject].second <= v.begin) {
        source = static_cast<int>(subject);
      }
      if (last_source >= 0 && clause_of[v.begin] != clause_of[0]) source = last_source;
      // An actor right after the conjunction that opens this clause is its new subject.
      size_t cs = v.begin;
      while (cs > 0 && clause_of[cs - 1] == clause_of[v.begin]) --cs;
      size_t first = cs + 1;
      while (first < v.begin && (Eq(toks[first].text, "THEN"sv) || Eq(toks[first].text, "ALSO"sv)))
        ++first;
      if (clause_of[v.begin] > 0 && first < v.begin && actor_at[first] >= 0) {
        source = actor_at[first];
      }
      // News prose: the subject is in the verb's own clause. Past a speech verb ("Fox said the
      // Lib Dems oppose ...") or a subordinating word ("... after the Court backed ...") only an
      // actor after that boundary can be the source; with none, the verb has no source.
      // News prose: a verb whose comma-delimited stretch has a subject of its own ("...
      // relief, Prime Minister Gondor has promised") takes that one.
      if (source_in_clause_ && source >= 0 &&
          group_span[static_cast<size_t>(source)].second <= cb) {
        for (size_t g = 0; g < group_span.size(); ++g) {
          if (group_span[g].first >= cb && group_span[g].second <= v.begin &&
              !is_place(group_span[g].first) && !is_object(group_span[g].first)) {
            source = static_cast<int>(g);
            break;
          }
        }
      }
      bool clause_has_no_source = false;
      if (source_in_clause_ && source >= 0) {
        size_t boundary = 0;
        bool told = false;
        for (size_t j = group_span[static_cast<size_t>(source)].second; j < v.begin; ++j) {
          if (complement_at[j]) {
            boundary = j;  // the complement's own subject
            told = false;
          } else if (IsClauseBoundary(toks[j].text)) {
            boundary = j + 1;
            told = Eq(toks[j].text, "TOLD"sv) || Eq(toks[j].text, "TELLS"sv) ||
                   Eq(toks[j].text, "TELL"sv);
          }
        }
        if (boundary > 0) {
          source = -1;
          for (size_t g = 0; g < group_span.size(); ++g) {
            // "told the BBC (that) ...": the one told is the addressee, not the next subject.
            size_t addressee = boundary;
            if (told && addressee < n && Eq(toks[addressee].text, "THE"sv)) ++addressee;
            if (told && group_span[g].first == addressee) continue;
            if (group_span[g].first >= boundary && group_span[g].second <= v.begin &&
                !is_place(group_span[g].first)) {
              source = static_cast<int>(g);  // the nearest one wins (groups are in order)
            }
          }
          clause_has_no_source = source < 0;
        }
      }
      if (clause_has_no_source) continue;
      // TABARI is greedy: with no actor before the verb, the first actor after it is the
      // source (from a compound, its first member; the others become the target) -- unless
      // a DEFAULT source is to be used whenever none precedes the verb (manual 8.5, note 3).
      // News prose (SOURCE IN CLAUSE) is not greedy: the subject comes before its verb, and
      // an actor after it is an object ("a pitch for votes urging people ... by Gondor").
      if (source < 0 && target < 0 && !(default_prior_ && !default_source_.empty()) &&
          !source_in_clause_) {
        for (size_t g = 0; g < group_span.size(); ++g) {
          if (group_span[g].first < v.end) continue;
          if (groups[g].size() > 1) {
            std::vector<std::string> rest(groups[g].begin() + 1, groups[g].end());
            groups.push_back({groups[g][0]});
            group_span.push_back(group_span[g]);
            source = static_cast<int>(groups.size()) - 1;
            groups.push_back(std::move(rest));
            group_span.push_back(group_span[g]);
            target = static_cast<int>(groups.size()) - 1;
          } else {
            source = static_cast<int>(g);
          }
          break;
        }
      }
    }
    if (target < 0) {
      // The first actor after the verb that is not the source itself (a pronoun or a
      // repetition of the source is skipped: an actor does not act on itself).
      // News prose: not past a clause boundary after the verb ("agreed to set up a body that
      // would give Gondor a voice", "defended the law, saying it is wrong in Gondor", "a
      // suggestion it was planning strikes on Gondor").
      size_t target_end = n;
      for (size_t j = v.end; j < n && source_in_clause_; ++j) {
        const std::string_view w = toks[j].text;
        bool relative = Eq(w, "WHO"sv) || Eq(w, "WHICH"sv) || Eq(w, "WHOM"sv) || Eq(w, "WHERE"sv);
        // A pronoun with a verb of its own opens a new clause ("suggestions it was preparing
        // strikes against Gondor").
        bool new_subject = (Eq(w, "HE"sv) || Eq(w, "SHE"sv) || Eq(w, "IT"sv) || Eq(w, "THEY"sv) ||
                            Eq(w, "WE"sv) || Eq(w, "I"sv)) &&
                           j + 1 < n && IsFiniteAuxiliary(toks[j + 1].text);
        if (new_subject) {
          target_end = j;
          break;
        }
        if (relative ? OpensRelativeClause(toks, j)
                     : (Eq(w, "THAT"sv) || Eq(w, "SAYING"sv) || Eq(w, "ADDING"sv) ||
                        Eq(w, "ARGUING"sv) || IsClauseBoundary(w))) {
          target_end = j;
          break;
        }
      }
      for (size_t g = 0; g < groups.size(); ++g) {
        if (group_span[g].first >= v.end && group_span[g].first < target_end &&
            static_cast<int>(g) != source &&
            !(g < complement_subject.size() && complement_subject[g]) &&
            std::find(skipped.begin(), skipped.end(), static_cast<int>(g)) == skipped.end() &&
            (source < 0 || groups[g] != groups[static_cast<size_t>(source)])) {
          target = static_cast<int>(g);
          break;
        }
      }
      // Failing that, the first actor before the verb in the same clause that is not the
      // source (manual 5.8).
      for (size_t g = 0; g < groups.size() && target < 0 && source >= 0; ++g) {
        if (group_span[g].second <= v.begin && static_cast<int>(g) != source &&
            std::find(skipped.begin(), skipped.end(), static_cast<int>(g)) == skipped.end() &&
            clause_of[group_span[g].first] == clause_of[v.begin] &&
            (!source_in_clause_ ||
             (group_span[g].first >= cb &&
              group_span[g].first >= group_span[static_cast<size_t>(source)].second)) &&
            groups[g] != groups[static_cast<size_t>(source)]) {
          target = static_cast<int>(g);
        }
      }
    }
    // DEFAULT codes (manual 8.5) stand in for a missing source or target.
    bool actor_prior = !groups.empty() && group_span[0].first < v.begin;
    bool actor_after = false;
    for (size_t g = 0; g < groups.size(); ++g)
      actor_after = actor_after || group_span[g].first >= v.end;
    auto add_default = [&](const std::string& c) {
      groups.push_back({c});
      group_span.emplace_back(n, n);
      return static_cast<int>(groups.size()) - 1;
    };
    if (!default_source_.empty() && (source < 0 || (default_prior_ && !actor_prior))) {
      source = add_default(default_source_);
    }
    if (!default_target_.empty() && (target < 0 || (default_after_ && !actor_after))) {
      target = add_default(default_target_);
    }
    // Passive voice (manual 7.9): WAS / WERE / BEEN one or two words before the verb and BY
    // right after it, with source and target not set by the pattern: the actor after BY acts.
    // An adverb may stand between the verb and BY ("was opposed earlier by").
    size_t by = v.end < n && Eq(toks[v.end].text, "BY"sv) ? v.end : v.end + 1;
    bool adverb_between = by == v.end + 1 && v.end < n && actor_at[v.end] < 0 && !toks[v.end].comma;
    if (!pattern_set && by < n && Eq(toks[by].text, "BY"sv) && (by == v.end || adverb_between) &&
        ((v.begin >= 1 && IsPassiveAuxiliary(toks[v.begin - 1].text)) ||
         (v.begin >= 2 && IsPassiveAuxiliary(toks[v.begin - 2].text)))) {
      int agent = by + 1 < n ? actor_at[by + 1] : -1;
      if (agent >= 0) {
        int patient = -1;
        for (size_t g = group_span.size(); g-- > 0;) {
          if (group_span[g].second <= v.begin) {
            patient = static_cast<int>(g);
            break;
          }
        }
        if (patient >= 0) {
          source = agent;
          target = patient;
        }
      }
    }
    // A target that is the BY-agent of a passive verb in the verb's clause acts on the
    // subject ("detainees released from X were questioned by Gondor's police" -- the police
    // act): the roles are reversed.
    if (!pattern_set && source >= 0 && target >= 0 &&
        group_span[static_cast<size_t>(source)].second <= v.begin &&
        group_span[static_cast<size_t>(target)].first >= v.end) {
      size_t a = group_span[static_cast<size_t>(target)].first;
      size_t by_at = a >= 1 && Eq(toks[a - 1].text, "BY"sv) ? a - 1 : n;
      if (by_at < n && by_at >= 2 && clause_of[by_at] == clause_of[v.begin] &&
          actor_at[by_at - 1] < 0) {
        // The participle before BY, with an auxiliary one or two words before it.
        size_t p = by_at - 1;
        bool passive = (p >= 1 && IsPassiveAuxiliary(toks[p - 1].text)) ||
                       (p >= 2 && IsPassiveAuxiliary(toks[p - 2].text));
        bool no_comma = true;
        // Not a relative clause of the object ("condemned the raid that was led by X").
        for (size_t j = v.end; j < a; ++j) {
          no_comma = no_comma && !toks[j].comma && !Eq(toks[j].text, "THAT"sv) &&
                     !IsClauseBoundary(toks[j].text);
        }
        if (passive && no_comma) std::swap(source, target);
      }
    }
    // A compound source with no target acts on itself: "A and B met" codes A->B and B->A.
    if (source >= 0 && target < 0 && groups[static_cast<size_t>(source)].size() > 1 &&
        clause_of[group_span[static_cast<size_t>(source)].first] == clause_of[v.begin]) {
      target = source;
    }
    if (source < 0 || target < 0) continue;
    if (source == target && groups[static_cast<size_t>(source)].size() < 2) continue;
    std::vector<CodedEvent>& sink = subordinate ? subordinate_events : result.events;
    if (!subordinate) {
      last_source = source;
      coded_clause = clause_of[v.begin];
    }
    std::string first = code, second;
    if (size_t colon = code.find(':'); colon != std::string::npos) {
      first = code.substr(0, colon);
      second = code.substr(colon + 1);
    }
    // Evidence: byte spans of the source, target and verb, and the rule that coded it.
    auto bytes = [&](size_t tb, size_t te) {
      if (tb >= n) return std::pair<uint32_t, uint32_t>(0, 0);  // a default actor: no text
      while (te > tb && toks[te - 1].comma) --te;
      return std::pair<uint32_t, uint32_t>(toks[tb].begin, toks[te - 1].end);
    };
    // Plain variables, not structured bindings: lambdas below capture them (C++20 allows
    // capturing bindings, but clang 14, used for the fuzz build, does not).
    const auto src_bytes = bytes(group_span[static_cast<size_t>(source)].first,
                                 group_span[static_cast<size_t>(source)].second);
    const auto tgt_bytes = bytes(group_span[static_cast<size_t>(target)].first,
                                 group_span[static_cast<size_t>(target)].second);
    const auto verb_bytes = bytes(v.begin, v.end);
    const uint32_t sb = src_bytes.first, se = src_bytes.second;
    const uint32_t tb = tgt_bytes.first, te = tgt_bytes.second;
    const uint32_t vb = verb_bytes.first, ve = verb_bytes.second;
    std::string rule = v.verb->file + ":" + std::to_string(rule_line);
    for (const std::string& s : groups[static_cast<size_t>(source)]) {
      for (const std::string& t : groups[static_cast<size_t>(target)]) {
        if (s == t) continue;
        auto add = [&](const std::string& from, const std::string& to, const std::string& c,
                       bool reversed) {
          CodedEvent e;
          e.source = from;
          e.target = to;
          e.code = c;
          e.source_begin = reversed ? tb : sb;
          e.source_end = reversed ? te : se;
          e.target_begin = reversed ? sb : tb;
          e.target_end = reversed ? se : te;
          e.verb_begin = vb;
          e.verb_end = ve;
          e.rule = rule;
          e.rule_negates = rule_negates;
          // The same event reported twice in one sentence is one event.
          for (const CodedEvent& x : sink) {
            if (x.SameAs(e)) return;
          }
          sink.push_back(std::move(e));
        };
        add(s, t, first, false);
        if (!second.empty()) add(t, s, second, true);
      }
    }
  }
  if (result.events.empty()) result.events = std::move(subordinate_events);
  if ((complexity_.noevent && result.events.empty() && !result.complex) ||
      (complexity_.nosource && result.events.empty() && !groups.empty() &&
       group_span[0].first > (verbs.empty() ? n : verbs[0].begin))) {
    result.complex = true;
    result.events.clear();
  }
  return result;
}

}  // namespace dyad::tabari
