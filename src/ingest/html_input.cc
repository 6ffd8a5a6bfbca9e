// HTML bytes to UTF-8 (charset from HTTP headers, then meta declarations, then detection),
// and language identification with CLD2.
#include <cstdio>  // before CLD2, whose header needs FILE

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/ucnv.h>

#include <cstring>

#include "clean/html_extract.h"
#include "dyad/html.h"
#include "ingest/encoding.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace dyad {

namespace {

// Charsets browsers read as Windows-1252 (the WHATWG encoding standard's labels).
bool IsLatin1Label(const std::string& cs) {
  return cs == "iso-8859-1" || cs == "latin1" || cs == "latin-1" || cs == "us-ascii" ||
         cs == "ascii" || cs == "windows-1252" || cs == "cp1252" || cs == "iso8859-1" ||
         cs == "l1" || cs == "x-cp1252";
}

bool IsUtf8Label(const std::string& cs) { return cs == "utf-8" || cs == "utf8"; }

// Converts with ICU; false when ICU does not know the charset or the conversion fails.
bool IcuToUtf8(std::string_view bytes, const std::string& charset, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t need = ucnv_convert("UTF-8", charset.c_str(), nullptr, 0, bytes.data(),
                              static_cast<int32_t>(bytes.size()), &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return false;
  err = U_ZERO_ERROR;
  out->assign(static_cast<size_t>(need) + 1, '\0');
  int32_t got =
      ucnv_convert("UTF-8", charset.c_str(), out->data(), static_cast<int32_t>(out->size()),
                   bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return false;
  out->resize(static_cast<size_t>(got));
  return true;
}

}  // namespace

bool DecodeHtml(std::string_view bytes, std::string_view http_content_type, std::string* out,
                std::string* encoding, std::string* note, std::string* reason) {
  note->clear();
  std::string cs = html::CharsetFromContentType(http_content_type);
  std::string from = cs.empty() ? "" : "HTTP header";
  if (cs.empty()) {
    cs = html::CharsetFromMeta(bytes.substr(0, 4096));
    if (!cs.empty()) from = "meta declaration";
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") cs = "utf-8";
  DecodedText dec;
  if (cs.empty() || IsUtf8Label(cs) || IsLatin1Label(cs)) {
    if (IsLatin1Label(cs) && FindInvalidUtf8(bytes) != std::string_view::npos) {
      if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) {
        *reason = "binary data: NUL byte in HTML";
        return false;
      }
      Cp1252ToUtf8(bytes, out);
      *encoding = "windows-1252";
      return true;
    }
    if (!DecodeText(bytes, &dec, reason)) return false;
    *out = std::move(dec.text);
    *encoding = dec.encoding;
    if (!dec.note.empty()) {
      *note = dec.note;
      if (IsUtf8Label(cs)) *note += " (the " + from + " said utf-8)";
    }
    return true;
  }
  if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr &&
      cs.find("16") == std::string::npos && cs.find("32") == std::string::npos) {
    *reason = "binary data: NUL byte in HTML";
    return false;
  }
  if (IcuToUtf8(bytes, cs, out)) {
    *encoding = cs;
    *note = "converted from " + cs + " (" + from + ")";
    return true;
  }
  if (!DecodeText(bytes, &dec, reason)) return false;
  *out = std::move(dec.text);
  *encoding = dec.encoding;
  *note = "unknown charset \"" + cs + "\" in the " + from + "; read as " + dec.encoding;
  return true;
}

LanguageGuess IdentifyLanguage(std::string_view text, std::string_view html_lang_hint) {
  LanguageGuess g;
  if (!text.empty() && FindInvalidUtf8(text) == std::string_view::npos) {
    CLD2::Language lang3[3];
    int percent3[3];
    int text_bytes = 0;
    bool reliable = false;
    CLD2::Language l = CLD2::DetectLanguageSummary(
        text.data(), static_cast<int>(std::min<size_t>(text.size(), 1u << 20)), true, "",
        CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE, lang3, percent3, &text_bytes, &reliable);
    if (l != CLD2::UNKNOWN_LANGUAGE && text_bytes >= 20) {
      g.code = CLD2::LanguageCode(l);
      g.reliable = reliable;
      g.percent = percent3[0];
    }
  }
  if (g.code.empty() && !html_lang_hint.empty()) {
    std::string hint = Lower(html_lang_hint);
    size_t dash = hint.find_first_of("-_");
    g.code = hint.substr(0, dash);
  }
  return g;
}

}  // namespace dyad
