#include <algorithm>
#include <cstring>

#include "dyad/clean.h"

namespace dyad {

void OffsetMap::Append(uint32_t orig_begin, uint32_t clean_len, uint32_t orig_len, bool exact) {
  if (clean_len == 0 && orig_len == 0) return;
  exact = exact && clean_len == orig_len;
  uint32_t clean_begin = clean_size();
  if (exact && !segments_.empty()) {
    Segment& last = segments_.back();
    if (last.exact && last.orig_begin + last.orig_len == orig_begin) {
      last.clean_len += clean_len;
      last.orig_len += orig_len;
      return;
    }
  }
  segments_.push_back({clean_begin, orig_begin, clean_len, orig_len, exact});
}

uint32_t OffsetMap::clean_size() const {
  if (segments_.empty()) return 0;
  const Segment& s = segments_.back();
  return s.clean_begin + s.clean_len;
}

namespace {
// Index of the segment holding cleaned offset c (the last segment for c at or past the end).
size_t Find(const std::vector<OffsetMap::Segment>& segs, uint32_t c) {
  auto it =
      std::upper_bound(segs.begin(), segs.end(), c,
                       [](uint32_t v, const OffsetMap::Segment& s) { return v < s.clean_begin; });
  return it == segs.begin() ? 0 : static_cast<size_t>(it - segs.begin()) - 1;
}
}  // namespace

uint32_t OffsetMap::ToOriginal(uint32_t c) const {
  if (segments_.empty()) return c;
  const Segment& s = segments_[Find(segments_, c)];
  uint32_t d = c - std::min(c, s.clean_begin);
  if (s.exact) return s.orig_begin + std::min(d, s.orig_len);
  return d >= s.clean_len ? s.orig_begin + s.orig_len : s.orig_begin;
}

uint32_t OffsetMap::ToOriginalEnd(uint32_t c) const {
  if (segments_.empty()) return c;
  if (c == 0) return segments_.front().orig_begin;
  const Segment& s = segments_[Find(segments_, c - 1)];
  uint32_t d = c - s.clean_begin;  // >= 1
  if (s.exact) return s.orig_begin + std::min(d, s.orig_len);
  return s.orig_begin + s.orig_len;
}

OffsetMap OffsetMap::Compose(const OffsetMap& outer, const OffsetMap& inner) {
  OffsetMap m;
  const std::vector<Segment>& in = inner.segments_;
  for (const Segment& o : outer.segments_) {
    if (!o.exact || in.empty()) {
      uint32_t b = inner.ToOriginal(o.orig_begin);
      uint32_t e = o.orig_len == 0 ? b : inner.ToOriginalEnd(o.orig_begin + o.orig_len);
      if (e < b) e = b;
      m.Append(b, o.clean_len, e - b, false);
      continue;
    }
    // An exact outer segment: follow the inner segments it spans.
    uint32_t mid = o.orig_begin, left = o.clean_len;
    size_t k = Find(in, mid);
    while (left > 0) {
      if (k >= in.size()) {
        uint32_t b = inner.ToOriginal(mid);
        m.Append(b, left, 0, false);
        break;
      }
      const Segment& s = in[k];
      uint32_t seg_end = s.clean_begin + s.clean_len;
      if (mid >= seg_end) {
        ++k;
        continue;
      }
      uint32_t take = std::min(left, seg_end - mid);
      if (s.exact) {
        m.Append(s.orig_begin + (mid - s.clean_begin), take, take, true);
      } else {
        // Part of a replacing segment: the whole replaced range when the piece starts it,
        // else an empty range at its end (so ranges never overlap).
        bool starts = mid == s.clean_begin;
        m.Append(starts ? s.orig_begin : s.orig_begin + s.orig_len, take, starts ? s.orig_len : 0,
                 false);
      }
      mid += take;
      left -= take;
    }
  }
  return m;
}

std::string OffsetMap::Serialize() const {
  // A byte replaced by one byte (a line break by a space) maps byte for byte like copied text,
  // so it is written as part of the copied run around it: wrapped text such as wire copy has a
  // segment per line otherwise (a third of the stored maps' size).
  auto bytewise = [](const Segment& s) { return s.exact || (s.clean_len == 1 && s.orig_len == 1); };
  std::vector<Segment> runs;
  runs.reserve(segments_.size());
  for (const Segment& s : segments_) {
    if (!runs.empty() && bytewise(s) && runs.back().exact &&
        runs.back().orig_begin + runs.back().orig_len == s.orig_begin) {
      runs.back().clean_len += s.clean_len;
      runs.back().orig_len += s.orig_len;
      continue;
    }
    runs.push_back(s);
    runs.back().exact = bytewise(s);
  }
  std::string out;
  out.resize(runs.size() * 16);
  char* p = out.data();
  for (const Segment& s : runs) {
    uint32_t olen = s.orig_len | (s.exact ? 0u : 0x80000000u);
    for (uint32_t v : {s.clean_begin, s.orig_begin, s.clean_len, olen}) {
      for (int b = 0; b < 4; ++b) *p++ = static_cast<char>((v >> (8 * b)) & 0xFF);
    }
  }
  return out;
}

Result<OffsetMap> OffsetMap::Deserialize(std::string_view bytes) {
  if (bytes.size() % 16 != 0) return Status::Corruption("offset map size not a multiple of 16");
  OffsetMap m;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  uint32_t expect = 0;
  for (size_t i = 0; i < bytes.size(); i += 16) {
    uint32_t v[4];
    for (int k = 0; k < 4; ++k) {
      v[k] = 0;
      for (int b = 0; b < 4; ++b) v[k] |= static_cast<uint32_t>(p[i + 4 * k + b]) << (8 * b);
    }
    if (v[0] != expect) return Status::Corruption("offset map segments not contiguous");
    expect = v[0] + v[2];
    bool exact = (v[3] & 0x80000000u) == 0;
    uint32_t olen = v[3] & 0x7FFFFFFFu;
    if (exact && olen != v[2])
      return Status::Corruption("offset map: exact segment lengths differ");
    m.segments_.push_back({v[0], v[1], v[2], olen, exact});
  }
  return m;
}

}  // namespace dyad
