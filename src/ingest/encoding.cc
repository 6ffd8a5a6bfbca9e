#include "ingest/encoding.h"

#include <cstring>

#include "util/utf8.h"

namespace dyad {

bool DecodeText(std::string_view bytes, DecodedText* out, std::string* reason, size_t* bad_offset) {
  size_t bom = 0;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    bom = 3;
  }
  size_t unused;
  if (bad_offset == nullptr) bad_offset = &unused;
  *bad_offset = std::string_view::npos;
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size()); nul != nullptr) {
    size_t at = static_cast<const char*>(nul) - bytes.data();
    *bad_offset = at + bom;
    *reason = "binary data: NUL byte at offset " + std::to_string(at);
    return false;
  }
  size_t controls = 0;
  for (unsigned char c : bytes) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++controls;
  }
  // A few stray control characters occur in real wire text (Reuters ends bodies with ETX);
  // many mean binary data.
  if (controls > 16 && controls * 100 > bytes.size()) {
    *reason = "binary data: " + std::to_string(controls) + " control characters";
    return false;
  }
  size_t bad = FindInvalidUtf8(bytes);
  if (bad == std::string_view::npos) {
    out->text.assign(bytes);
    out->encoding = "utf-8";
    out->note.clear();
    return true;
  }
  if (Cp1252ToUtf8(bytes, &out->text)) {
    out->encoding = "windows-1252";
    out->note =
        "not valid UTF-8 (byte offset " + std::to_string(bad) + "); converted from Windows-1252";
    return true;
  }
  *bad_offset = bad + bom;
  *reason = "invalid UTF-8 at byte offset " + std::to_string(bad + bom) +
            " and not Windows-1252 text; not decoded";
  return false;
}

}  // namespace dyad
