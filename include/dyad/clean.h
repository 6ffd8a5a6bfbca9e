// Cleaning: from article text as read to the normalised text every later stage works on.
//
// The cleaner (1) drops site furniture at the start and end of the body (app adverts,
// newsletter and donation appeals, share buttons, section labels) and "read also" links
// anywhere, (2) keeps declared provenance ("This article was republished from ...",
// "Source: ...") and author bios as notices rather than text, (3) normalises Unicode to NFC,
// maps typographic quotes/dashes/ellipses/odd spaces to ASCII, (4) repairs whitespace
// (collapses runs, removes a space before closing punctuation, joins hard-wrapped lines) —
// and records an OffsetMap from every byte of the cleaned text back to the original bytes.
#ifndef DYAD_CLEAN_H_
#define DYAD_CLEAN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// Maps byte offsets in cleaned text to byte offsets in the original.
//
// Stored as segments. An exact segment is a verbatim copy: the mapping is byte for byte. A
// replacing segment (e.g. U+2019 -> ', a tab -> a space, a paragraph break) maps its start to
// the start and its end to the end of the original bytes it replaced.
class OffsetMap {
 public:
  struct Segment {
    uint32_t clean_begin;
    uint32_t orig_begin;
    uint32_t clean_len;
    uint32_t orig_len;
    bool exact;
  };

  // Original offset of the byte at cleaned offset `c` (use for span starts).
  uint32_t ToOriginal(uint32_t c) const;
  // Original offset just past cleaned offset `c` - 1 (use for exclusive span ends).
  uint32_t ToOriginalEnd(uint32_t c) const;

  // Appends a mapping: the next `clean_len` cleaned bytes come from `orig_len` original bytes
  // starting at `orig_begin`, copied verbatim when `exact` (then the lengths must agree).
  // Adjacent exact segments that are contiguous in both texts are merged.
  void Append(uint32_t orig_begin, uint32_t clean_len, uint32_t orig_len, bool exact);

  const std::vector<Segment>& segments() const { return segments_; }

  // The map a -> c from maps a -> b (`outer`) and b -> c (`inner`): exact where both are,
  // otherwise replacing segments covering the inner bytes involved.
  static OffsetMap Compose(const OffsetMap& outer, const OffsetMap& inner);
  uint32_t clean_size() const;

  // Compact little-endian binary form stored in the articles table: per segment four uint32
  // (clean_begin, orig_begin, clean_len, orig_len | 0x80000000 when not exact). A one-byte
  // replacement is written as part of the exact run around it (it maps the same way), so
  // a map read back can have fewer, longer exact segments with the same ToOriginal results.
  std::string Serialize() const;
  static Result<OffsetMap> Deserialize(std::string_view bytes);

 private:
  std::vector<Segment> segments_;
};

// A part of the original the cleaner removed or set aside, with why.
struct RemovedSpan {
  uint32_t orig_begin = 0;
  uint32_t orig_end = 0;
  std::string kind;  // "furniture", "read-also", "section-label", "provenance", "author-bio",
                     // "duplicate-headline"
  std::string text;  // the removed text, trimmed (for provenance and bios: the notice itself)
};

struct CleanedText {
  std::string text;  // NFC, ASCII punctuation, '\n' line breaks, no trailing newline
  OffsetMap map;     // cleaned -> original
  std::vector<RemovedSpan> removed;
  std::string headline;       // first body line when it looks like a headline, else ""
  std::string headline_site;  // a " - Site" / " | Site" suffix split off the headline
};

struct CleanOptions {
  bool remove_furniture = true;
  bool join_wrapped_lines = true;
};

// Cleans `original[body_offset:]`; offsets in the result refer to `original`.
CleanedText Clean(std::string_view original, uint32_t body_offset = 0,
                  const CleanOptions& options = {});

}  // namespace dyad

#endif  // DYAD_CLEAN_H_
