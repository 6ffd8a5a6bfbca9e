// Compact comparison features and the article comparison itself (src/dedup/compact.h).
#include "dedup/compact.h"

#include <xxhash.h>

#include <algorithm>

#include "dedup/sorted.h"

namespace dyad::dedup {

namespace {

uint32_t Hash32(const std::string& s) {
  return static_cast<uint32_t>(XXH3_64bits(s.data(), s.size()));
}

// Appends the sorted, distinct 32-bit hashes of `items` to `out`.
template <typename T, typename F>
void AppendSet(const std::vector<T>& items, F hash, std::vector<uint32_t>* out) {
  const size_t from = out->size();
  for (const T& x : items) out->push_back(hash(x));
  std::sort(out->begin() + static_cast<ptrdiff_t>(from), out->end());
  out->erase(std::unique(out->begin() + static_cast<ptrdiff_t>(from), out->end()), out->end());
}

double Jaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  if (a.empty() || b.empty()) return 0;
  size_t common = CountCommon(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

// Share of the smaller sorted set found in the other (1 when the smaller is nearly empty:
// there is nothing to contradict).
double Containment(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  size_t fewer = std::min(a.size(), b.size());
  if (fewer < 2) return 1.0;
  size_t common = CountCommon(a, b);
  return static_cast<double>(common) / static_cast<double>(fewer);
}

// Sentences too short to compare on their own words (headings, datelines).
constexpr size_t kMinStems = 3;

// The two articles have about as many sentences (a copy, not a longer or shorter story).
bool SameLength(const CompactFeatures& a, const CompactFeatures& b) {
  size_t n = a.sentences(), m = b.sentences();
  return std::min(n, m) * 5 >= std::max(n, m) * 4;
}

}  // namespace

std::vector<uint64_t> ShingleKeys(const std::vector<uint64_t>& h, size_t k) {
  // A shingle's key combines its words' hashes in order.
  auto combine = [&h](size_t from, size_t to) {
    uint64_t key = 0x6A09E667F3BCC909ULL;
    for (size_t j = from; j < to; ++j) key = Mix(key ^ h[j]);
    return key;
  };
  std::vector<uint64_t> s;
  if (h.size() < k) {
    if (!h.empty()) s.push_back(combine(0, h.size()));
    return s;
  }
  s.reserve(h.size() - k + 1);
  for (size_t i = 0; i + k <= h.size(); ++i) s.push_back(combine(i, i + k));
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

uint64_t CompactFeatures::TextHash(const std::vector<std::string>& sentences) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  for (const std::string& s : sentences) {
    XXH3_64bits_update(st, s.data(), s.size() + 1);  // with its terminating NUL: a separator
  }
  uint64_t h = XXH3_64bits_digest(st) ^ Mix(sentences.size());
  XXH3_freeState(st);
  return h;
}

// The parts laid out in one buffer: the shingles of `words` (every content word's stem hash, in
// order), then `names` and `numbers`, then each sentence's stem hashes (`stems` up to each of
// `stem_ends`), each part sorted and distinct.
void CompactFeatures::Assemble(const std::vector<uint64_t>& words,
                               const std::vector<uint32_t>& names,
                               const std::vector<uint32_t>& numbers,
                               const std::vector<uint32_t>& stems,
                               const std::vector<uint32_t>& stem_ends) {
  auto same = [](uint32_t h) { return h; };
  words_ = static_cast<uint32_t>(words.size());
  data_.clear();
  data_.reserve(words.size() + names.size() + numbers.size() + stems.size());
  ends_.clear();
  AppendSet(
      ShingleKeys(words, 5), [](uint64_t k) { return static_cast<uint32_t>(k); }, &data_);
  ends_.push_back(static_cast<uint32_t>(data_.size()));
  AppendSet(names, same, &data_);
  ends_.push_back(static_cast<uint32_t>(data_.size()));
  AppendSet(numbers, same, &data_);
  ends_.push_back(static_cast<uint32_t>(data_.size()));
  for (size_t i = 0, from = 0; i < stem_ends.size(); from = stem_ends[i++]) {
    const size_t at = data_.size();
    data_.insert(data_.end(), stems.begin() + static_cast<ptrdiff_t>(from),
                 stems.begin() + static_cast<ptrdiff_t>(stem_ends[i]));
    std::sort(data_.begin() + static_cast<ptrdiff_t>(at), data_.end());
    data_.erase(std::unique(data_.begin() + static_cast<ptrdiff_t>(at), data_.end()), data_.end());
    ends_.push_back(static_cast<uint32_t>(data_.size()));
  }
  data_.shrink_to_fit();
}

CompactFeatures CompactFeatures::FromSentences(const std::vector<std::string>& sentences,
                                               std::vector<uint64_t>* stem_features) {
  CompactFeatures c;
  c.text_hash_ = TextHash(sentences);
  thread_local std::vector<WordHit> hits;
  std::vector<uint64_t> words;  // every content word's stem hash, in order
  std::vector<uint32_t> names, numbers, stems, stem_ends;
  for (const std::string& s : sentences) {
    hits.clear();
    ContentWordHashes(s, &hits);
    for (const WordHit& h : hits) {
      const auto h32 = static_cast<uint32_t>(h.stem_hash);
      words.push_back(h.stem_hash);
      stems.push_back(h32);
      if (h.number) {
        numbers.push_back(h32);
      } else if (h.begin > 0 && s[h.begin] >= 'A' && s[h.begin] <= 'Z') {
        names.push_back(h32);  // capitalised, not the sentence's first word
      }
    }
    stem_ends.push_back(static_cast<uint32_t>(stems.size()));
  }
  c.Assemble(words, names, numbers, stems, stem_ends);
  if (stem_features != nullptr) {
    *stem_features = std::move(words);
    std::sort(stem_features->begin(), stem_features->end());
    stem_features->erase(std::unique(stem_features->begin(), stem_features->end()),
                         stem_features->end());
  }
  return c;
}

CompactFeatures::CompactFeatures(const ArticleFeatures& f) {
  text_hash_ = TextHash(f.sentences);
  std::vector<uint64_t> words;
  words.reserve(f.words.size());
  for (const ContentWord& w : f.words) words.push_back(XXH3_64bits(w.stem.data(), w.stem.size()));
  std::vector<uint32_t> names, numbers, stems, stem_ends;
  for (const std::string& n : f.names) names.push_back(Hash32(n));
  for (const std::string& n : f.numbers) numbers.push_back(Hash32(n));
  for (const auto& sentence : f.sentence_stems) {
    for (const std::string& st : sentence) stems.push_back(Hash32(st));
    stem_ends.push_back(static_cast<uint32_t>(stems.size()));
  }
  Assemble(words, names, numbers, stems, stem_ends);
}

Alignment Align(const CompactFeatures& fa, const CompactFeatures& fb, double min_similarity) {
  const size_t n = fa.sentences(), m = fb.sentences();
  // best[i][j]: the best total similarity aligning a[i..] with b[j..], keeping order.
  std::vector<double> best((n + 1) * (m + 1), 0.0);
  std::vector<double> sim(n * m, 0.0);
  auto B = [&best, m](size_t i, size_t j) -> double& { return best[i * (m + 1) + j]; };
  auto S = [&sim, m](size_t i, size_t j) -> double& { return sim[i * m + j]; };
  for (size_t i = 0; i < n; ++i) {
    auto si = fa.sentence_stems(i);
    if (si.size() < kMinStems) continue;
    for (size_t j = 0; j < m; ++j) {
      auto sj = fb.sentence_stems(j);
      if (sj.size() >= kMinStems) S(i, j) = Jaccard(si, sj);
    }
  }
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      double v = std::max(B(i + 1, j), B(i, j + 1));
      if (S(i, j) >= min_similarity) v = std::max(v, B(i + 1, j + 1) + S(i, j));
      B(i, j) = v;
    }
  }
  Alignment al;
  for (size_t i = 0, j = 0; i < n && j < m;) {
    if (S(i, j) >= min_similarity && B(i, j) == B(i + 1, j + 1) + S(i, j)) {
      al.pairs.push_back({i, j, S(i, j), false});
      ++i, ++j;
    } else if (B(i, j) == B(i + 1, j)) {
      ++i;
    } else {
      ++j;
    }
  }
  // Sentences the copy moved: the best remaining match of each left-over sentence.
  std::vector<bool> used_a(n, false), used_b(m, false);
  for (const auto& p : al.pairs) used_a[p.a] = used_b[p.b] = true;
  for (size_t i = 0; i < n; ++i) {
    if (used_a[i]) continue;
    size_t best_j = m;
    // A moved sentence is looked for a little more loosely: it has no neighbours to confirm it,
    // but only sentences left over by the ordered chain compete.
    double best_sim = 0.8 * min_similarity;
    for (size_t j = 0; j < m; ++j) {
      if (!used_b[j] && S(i, j) >= best_sim) {
        best_sim = S(i, j);
        best_j = j;
      }
    }
    if (best_j < m) {
      al.pairs.push_back({i, best_j, best_sim, true});
      used_a[i] = used_b[best_j] = true;
    }
  }
  std::sort(al.pairs.begin(), al.pairs.end(),
            [](const AlignedPair& x, const AlignedPair& y) { return x.a < y.a; });
  size_t comparable_a = 0, comparable_b = 0;
  for (size_t i = 0; i < n; ++i) comparable_a += fa.sentence_stems(i).size() >= kMinStems;
  for (size_t j = 0; j < m; ++j) comparable_b += fb.sentence_stems(j).size() >= kMinStems;
  size_t shorter = std::min(comparable_a, comparable_b);
  double total = 0;
  for (const auto& p : al.pairs) total += p.similarity;
  al.coverage = shorter == 0 ? 0 : std::min(1.0, static_cast<double>(al.pairs.size()) / shorter);
  al.mean_similarity = al.pairs.empty() ? 0 : total / static_cast<double>(al.pairs.size());
  return al;
}

CopyMatch Compare(const CompactFeatures& a, const CompactFeatures& b, const DedupOptions& options) {
  CopyMatch m;
  if (a.text_hash() == b.text_hash() && a.sentences() == b.sentences()) {
    m.relation = CopyRelation::kExact;
    m.similarity = 1;
    return m;
  }
  if (std::min(a.words(), b.words()) < options.min_content_words) return m;
  const auto sa = a.shingles(), sb = b.shingles();
  double j5 = 1.0;
  if (!sa.empty() || !sb.empty()) {
    size_t common = CountCommon(sa, sb);
    j5 = static_cast<double>(common) / static_cast<double>(sa.size() + sb.size() - common);
  }
  if (j5 >= options.near_threshold) {
    m.relation = CopyRelation::kNearDuplicate;
    m.similarity = j5;
    return m;
  }
  // Reworded copies keep their names and figures.
  if (Containment(a.names(), b.names()) < options.name_containment ||
      Containment(a.numbers(), b.numbers()) < options.number_containment) {
    return m;
  }
  Alignment al = Align(a, b, options.sentence_match);
  double similarity = al.coverage * al.mean_similarity;
  if (al.coverage >= 0.8 && al.mean_similarity >= 0.8) {
    // Nearly every sentence the same: a lightly edited, extended or truncated version.
    m.relation = CopyRelation::kNearDuplicate;
    m.similarity = similarity;
  } else if (al.coverage >= options.reword_coverage && similarity >= options.reword_similarity &&
             (similarity >= 0.4 || (al.coverage >= 0.7 && SameLength(a, b)))) {
    // A loosely reworded copy must still match sentence for sentence, at the same length:
    // articles that only share some sentences at this similarity are follow-ups on the same
    // story.
    m.relation = CopyRelation::kReworded;
    m.similarity = similarity;
  }
  return m;
}

}  // namespace dyad::dedup
