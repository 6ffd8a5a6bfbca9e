// Republications: finding the copies of a story among stored articles, and what a copy
// changed.
//
// Three kinds of copy, each with a similarity in [0, 1]:
//   exact          the same cleaned text (articles.text_hash)
//   near-duplicate word 5-shingles of the two texts overlap (Jaccard >= near_threshold), or
//                  nearly every sentence of the shorter one is in the other almost unchanged
//   reworded       the same sentences in the same order with words swapped: an
//                  order-preserving alignment of sentences on their content-word stems covers
//                  most of the shorter text (seeds 003 is 000 machine-reworded)
// Candidates come from MinHash signatures of each article's content-word stems, banded for
// locality-sensitive hashing, so a new article is compared only with stored articles that
// share a band; every candidate is then verified exactly.
#ifndef DYAD_DEDUP_H_
#define DYAD_DEDUP_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

enum class CopyRelation : uint8_t { kNone, kExact, kNearDuplicate, kReworded };
const char* CopyRelationName(CopyRelation r);  // "exact", "near-duplicate", "reworded"

struct DedupOptions {
  double near_threshold = 0.8;      // 5-shingle Jaccard for a near-duplicate
  double sentence_match = 0.2;      // content-stem Jaccard for two sentences to align
  double reword_coverage = 0.6;     // share of the shorter article's sentences aligned
  double reword_similarity = 0.25;  // coverage x mean similarity of the aligned sentences
  // Share of the names (and of the numbers) of the article with fewer that the other also
  // has. Rewording swaps common words but keeps names and figures; templated stories
  // (earnings reports, bond issues, price changes) keep the words and change them.
  double name_containment = 0.65;
  double number_containment = 0.75;
  size_t min_content_words = 25;  // shorter articles are compared only for exact copies
  // Worker threads computing articles' features while this thread compares and stores (in
  // store order: the result does not depend on the number). 0 or 1: all on this thread.
  size_t threads = 1;
  // Near-duplicates and reworded copies are looked for among the articles stored just before
  // each one (in id order, which is input order): at least window_articles / 2 and fewer
  // than window_articles of them, by article number alone, so the result does not depend on
  // how a run is split into batches, and the band index stays in memory (some 250 MB per
  // 300,000 wire stories) however big the store grows. Copies appear within days of their
  // original; this is several days of the world's news (docs/dedup.md). Exact copies (the
  // text hash) and declared sources are looked for among all stored articles.
  // 0: among all stored articles (exhaustive; the limits below apply).
  size_t window_articles = 600000;
  // Exhaustive runs only. The in-memory band index holds at most this many (key, article)
  // pairs and bytes (about 1.2 million wire stories); a store whose examined articles need
  // more is looked up in its LSH table (lsh_bands) instead, for all articles examined before
  // the run outgrew the cap, and in a smaller in-memory index for those examined since,
  // written to the table in key order whenever it holds more than recent_index_entries
  // pairs; this is some 100 times slower than memory. Results do not depend on these (tests
  // set them low to force the table on small stores).
  size_t max_index_entries = size_t{80} << 20;
  size_t max_index_bytes = size_t{1000} << 20;
  size_t recent_index_entries = size_t{16} << 20;
};

// Same story: an article that is no copy of another but reports the same event (same source
// and target actor codes, CAMEO root and modality, dates at most max_day_gap apart, not
// historical) and, leaving out the words of those events themselves (the actors, the verb,
// the date as written), still shares enough content words to be about the same thing
// (docs/dedup.md). The coder links such articles into one story cluster (relation same_story).
struct SameStoryOptions {
  int max_day_gap = 1;  // event dates at most this many days apart
  // Of the two articles' content-word stems other than the shared events' own words.
  double min_context_jaccard = 0.15;
  size_t min_context_shared = 3;  // and at least this many such stems in common
  size_t max_candidates = 10;     // articles verified, those sharing most events first
};

// A content word: lower-cased, Snowball-stemmed, not a stop word; with its bytes in the text.
struct ContentWord {
  std::string stem;
  uint32_t begin = 0, end = 0;
};
std::vector<ContentWord> ContentWords(std::string_view text);

// MinHash over a set of 64-bit features (kSignatureSize minima), and the LSH band keys.
constexpr size_t kSignatureSize = 128;
// 64 bands of 2 rows: two articles whose stem vocabularies overlap by a third (a reworded
// copy) share about 7 bands; unrelated articles on the same topic (overlap ~0.14) about 1.
constexpr size_t kBands = 64;
constexpr size_t kMinSharedBands = 3;  // fewer shared bands: not verified
// A band key shared by more articles than this (templated stories: earnings, market reports)
// is not followed: it would make every such story a candidate of every other.
constexpr size_t kMaxBandMembers = 64;
std::vector<uint64_t> MinHash(const std::vector<uint64_t>& features);
std::vector<uint64_t> BandKeys(const std::vector<uint64_t>& signature);
// The features MinHash is taken over: each distinct content-word stem.
std::vector<uint64_t> StemFeatures(const std::vector<ContentWord>& words);
// Exact Jaccard of the word k-shingles of two texts' content words.
double ShingleJaccard(const std::vector<ContentWord>& a, const std::vector<ContentWord>& b,
                      size_t k = 5);

// What two articles are compared on, computed once per article.
struct ArticleFeatures {
  std::vector<std::string> sentences;
  std::vector<std::vector<std::string>> sentence_stems;  // sorted, unique, per sentence
  std::vector<ContentWord> words;                        // all content words, in order
  std::vector<std::string> names;    // stems of words capitalised mid-sentence, sorted, unique
  std::vector<std::string> numbers;  // words with digits, sorted, unique
};
ArticleFeatures Features(std::vector<std::string> sentences);

// Sentence alignment: the best order-preserving chain (dynamic programming over the two
// sentence lists), then each sentence left over paired with its best remaining match, marked
// `moved`. Pairs are sorted by a.
struct AlignedPair {
  size_t a = 0, b = 0;  // sentence indexes
  double similarity = 0;
  bool moved = false;  // matched outside the order (a paragraph the copy moved)
};
struct Alignment {
  std::vector<AlignedPair> pairs;
  double coverage = 0;         // aligned / sentences of the shorter text
  double mean_similarity = 0;  // over aligned pairs
};
Alignment AlignSentences(const std::vector<std::string>& a, const std::vector<std::string>& b,
                         double min_similarity);
Alignment AlignSentences(const ArticleFeatures& a, const ArticleFeatures& b, double min_similarity);

// How `b` relates to `a` (given their sentences), with a similarity in [0, 1].
struct CopyMatch {
  CopyRelation relation = CopyRelation::kNone;
  double similarity = 0;
};
CopyMatch CompareArticles(const ArticleFeatures& a, const ArticleFeatures& b,
                          const DedupOptions& options = {});
CopyMatch CompareArticles(const std::vector<std::string>& a, const std::vector<std::string>& b,
                          const DedupOptions& options = {});

// The fidelity report of a copy: aligned sentences and, in each, the phrases the copy
// substituted, flagged when they change meaning.
struct Substitution {
  std::string from, to;             // as written in a and in b ("" for an insertion)
  uint32_t a_begin = 0, a_end = 0;  // bytes in the sentence of a
  uint32_t b_begin = 0, b_end = 0;  // bytes in the sentence of b
  std::vector<std::string> flags;   // "actor", "number", "date", "negation"
};
struct SentenceDiff {
  size_t a = 0, b = 0;
  double similarity = 0;
  std::vector<Substitution> substitutions;
};
struct FidelityReport {
  Alignment alignment;
  std::vector<SentenceDiff> sentences;  // aligned pairs that differ
  size_t substitutions = 0;
  size_t meaning_changes = 0;  // substitutions with at least one flag
};
// `actor_code` names the actor a phrase refers to ("" if none), e.g. from the dictionaries;
// a substitution that changes it is flagged "actor".
FidelityReport CompareFidelity(
    const std::vector<std::string>& a, const std::vector<std::string>& b,
    const std::function<std::string(std::string_view)>& actor_code = nullptr,
    double min_similarity = 0.3);

// Sentence-level rewording signal: is `b` a (possibly reworded) restatement of `a`? A logistic
// model over overlap features; the default weights and threshold were fitted on the MSRP
// training pairs (dyad eval rewording refits and reports them; docs/dedup.md).
struct RewordingFeatures {
  double stem_jaccard = 0;      // content-word stems
  double stem_containment = 0;  // shared stems / stems of the shorter sentence
  double word_jaccard = 0;      // every word, lower-cased
  double bigram_jaccard = 0;    // word bigrams, lower-cased
  double numbers_agree = 1;     // 1 when both state the same numbers (or none), else 0
  double length_ratio = 1;      // shorter / longer, in words
};
RewordingFeatures SentencePairFeatures(std::string_view a, std::string_view b);
struct RewordingModel {
  std::vector<double> weights;  // bias first, then one per feature in declaration order
  double threshold = 0.5;       // on the probability
};
const RewordingModel& DefaultRewordingModel();
double RewordingProbability(const RewordingFeatures& f,
                            const RewordingModel& model = DefaultRewordingModel());
// Fits a model by logistic regression (gradient descent, fixed iterations: deterministic) and
// picks the probability threshold that maximises accuracy on the same data.
RewordingModel FitRewordingModel(const std::vector<RewordingFeatures>& x,
                                 const std::vector<bool>& y);

// Evaluation of the rewording signal on the MSRP paraphrase corpus (fit on train, score on
// test) and the Clough-Stevenson reuse corpus (score distribution per reuse level).
struct BinaryScores {
  double accuracy = 0, precision = 0, recall = 0, f1 = 0;
  size_t pairs = 0;
};
struct ReuseLevelScores {
  std::string level;  // cut, light, heavy, non
  std::vector<double> scores;
};
struct RewordingEvaluation {
  RewordingModel model;          // fitted on MSRP train
  BinaryScores train, test;      // the model at its threshold
  double jaccard_threshold = 0;  // the stem-Jaccard-only signal, threshold fitted on train
  BinaryScores jaccard_test;
  std::vector<ReuseLevelScores> reuse;  // empty without the Clough-Stevenson folder
};
Result<RewordingEvaluation> EvaluateRewording(const std::string& msrp_dir,
                                              const std::string& reuse_dir);
// A document-level reuse score of `derived` against `source`: the mean, over the derived
// text's sentences, of the best rewording probability against any source sentence.
double ReuseScore(const std::vector<std::string>& source, const std::vector<std::string>& derived);

// Store integration: matches the store's articles that have no signature yet against
// everything stored, and records clusters (see docs/store.md). Incremental: a later batch is
// matched against what is already there.
struct DedupSummary {
  int64_t articles = 0;  // newly examined
  int64_t exact = 0, near_duplicates = 0, reworded = 0;
  int64_t clusters = 0;    // clusters in the store afterwards
  int64_t candidates = 0;  // pairs verified
  double seconds = 0;
};
Result<DedupSummary> DedupStore(const std::string& db_path, const DedupOptions& options = {});

}  // namespace dyad

#endif  // DYAD_DEDUP_H_
