// A read-only map from 32-bit ids to lists of 32-bit values, for the coder's hot lookups (a
// token's word id -> the phrases or patterns to try): one flat open-addressing table (linear
// probing, multiplicative hash, load <= 1/2) whose slots hold the key and its list's range in
// one array of values, so a lookup costs no division and no pointer chasing; a small bit
// filter answers most lookups of absent keys.
#ifndef DYAD_CODING_ID_LISTS_H_
#define DYAD_CODING_ID_LISTS_H_

#include <cstdint>
#include <map>
#include <span>
#include <vector>

namespace dyad::tabari {

class IdLists {
 public:
  IdLists() = default;
  // Each key's values in the order given.
  explicit IdLists(const std::map<uint32_t, std::vector<uint32_t>>& lists) {
    if (lists.empty()) return;
    size_t size = 4;
    while (size < lists.size() * 2) size <<= 1;
    bits_ = 0;
    while ((size_t{1} << bits_) < size) ++bits_;
    slots_.assign(size, Slot{kFree, 0, 0});
    for (const auto& [key, values] : lists) {
      size_t i = Home(key);
      while (slots_[i].key != kFree) i = (i + 1) & (size - 1);
      slots_[i].key = key;
      slots_[i].begin = static_cast<uint32_t>(values_.size());
      values_.insert(values_.end(), values.begin(), values.end());
      slots_[i].end = static_cast<uint32_t>(values_.size());
      const size_t b = FilterBit(key);
      filter_[b / 64] |= uint64_t{1} << (b % 64);
    }
  }

  bool empty() const { return slots_.empty(); }

  // The values of `key` (empty when it has none).
  std::span<const uint32_t> Find(uint32_t key) const {
    const size_t b = FilterBit(key);
    if (!(filter_[b / 64] >> (b % 64) & 1) || key == kFree) return {};
    const size_t mask = slots_.size() - 1;
    for (size_t i = Home(key);; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.key == key) return {values_.data() + s.begin, values_.data() + s.end};
      if (s.key == kFree) return {};
    }
  }

 private:
  static constexpr uint32_t kFree = 0xFFFFFFFF;
  struct Slot {
    uint32_t key, begin, end;
  };
  size_t Home(uint32_t key) const {
    return static_cast<size_t>((static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ull) >>
                               (64 - bits_));
  }
  // A 256-bit filter of the keys: most absent keys are told without touching the table.
  static size_t FilterBit(uint32_t key) {
    return static_cast<size_t>((static_cast<uint64_t>(key) * 0xD6E8FEB86659FD93ull) >> 56);
  }
  uint64_t filter_[4] = {0, 0, 0, 0};
  std::vector<Slot> slots_;
  std::vector<uint32_t> values_;
  unsigned bits_ = 1;
};

}  // namespace dyad::tabari

#endif  // DYAD_CODING_ID_LISTS_H_
