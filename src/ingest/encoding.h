// Deciding how to read a record's bytes as text.
#ifndef DYAD_INGEST_ENCODING_H_
#define DYAD_INGEST_ENCODING_H_

#include <string>
#include <string_view>

namespace dyad {

struct DecodedText {
  std::string text;      // UTF-8, without a byte-order mark
  std::string encoding;  // "utf-8" or "windows-1252"
  std::string note;      // set when the text was converted: what and why
};

// Decodes `bytes` as UTF-8, or as Windows-1252 when they are not valid UTF-8 but are plain
// text in that encoding. Returns false with *reason set for data that is not text: NUL bytes,
// many control characters, or bytes valid in neither encoding; *bad_offset is then the offset
// of the first offending byte in `bytes` (or npos when the problem is not one place).
bool DecodeText(std::string_view bytes, DecodedText* out, std::string* reason,
                size_t* bad_offset = nullptr);

}  // namespace dyad

#endif  // DYAD_INGEST_ENCODING_H_
