// UTF-8 validation and Windows-1252 conversion.
#ifndef DYAD_UTIL_UTF8_H_
#define DYAD_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dyad {

// Returns the byte offset of the first invalid UTF-8 sequence (overlongs, surrogates and
// code points above U+10FFFF are invalid), or std::string_view::npos if `s` is valid.
size_t FindInvalidUtf8(std::string_view s);

// Decodes one code point at s[i]; stores its length in *len (1 for an invalid byte, in which
// case U+FFFD is returned).
uint32_t DecodeUtf8(std::string_view s, size_t i, int* len);

// Appends the UTF-8 encoding of code point `cp`.
void AppendUtf8(uint32_t cp, std::string* out);

// Converts Windows-1252 bytes to UTF-8. Returns false (and leaves *out unspecified) when the
// input holds bytes that are control characters in that encoding (C0 other than tab, CR, LF,
// form feed; or the five undefined bytes 0x81 0x8D 0x8F 0x90 0x9D): such input is not text.
// Upper-cases UTF-8 text for dictionary matching: every letter (Erdoğan -> ERDOĞAN, via
// ICU's simple case mapping) and the typographic apostrophe read as ASCII "'" (Tokayev’s ->
// TOKAYEV'S). Invalid bytes are kept as they are.
std::string UpperForMatching(std::string_view s);

bool Cp1252ToUtf8(std::string_view in, std::string* out);

}  // namespace dyad

#endif  // DYAD_UTIL_UTF8_H_
