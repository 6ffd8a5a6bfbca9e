// Clean(): furniture removal, Unicode and whitespace normalisation, with an offset map.
//
// One pass over the kept lines of the body emits the cleaned text. Each emitted piece is
// recorded in the OffsetMap together with the original bytes it came from, so every later
// stage can point at exact spans of what was read.
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>

#include "clean/furniture.h"
#include "dyad/clean.h"
#include "util/utf8.h"

namespace dyad {

namespace {

enum : uint8_t { kPlain = 0, kSpace = 1, kControl = 2, kNonAscii = 3 };

struct ByteClasses {
  uint8_t c[256];
  constexpr ByteClasses() : c{} {
    for (int i = 0; i < 256; ++i) {
      if (i >= 0x80) {
        c[i] = kNonAscii;
      } else if (i == ' ' || i == '\t' || i == '\f' || i == '\v' || i == '\r') {
        c[i] = kSpace;
      } else if (i < 0x20 || i == 0x7F) {
        c[i] = kControl;
      } else {
        c[i] = kPlain;
      }
    }
  }
};
constexpr ByteClasses kClass;

// What a non-ASCII code point becomes: a replacement, a space, or nothing.
enum class Action { kKeep, kReplace, kSpace, kDrop };

Action MapCodePoint(uint32_t cp, const char** repl) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
      *repl = "'";
      return Action::kReplace;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      *repl = "\"";
      return Action::kReplace;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2212:
      *repl = "-";
      return Action::kReplace;
    case 0x2014:
    case 0x2015:
      *repl = "--";
      return Action::kReplace;
    case 0x2026:
      *repl = "...";
      return Action::kReplace;
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x2028:
    case 0x2029:
    case 0x0085:
      return Action::kSpace;
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
    case 0x00AD:
      return Action::kDrop;
    default:
      if (cp >= 0x2000 && cp <= 0x200A) return Action::kSpace;
      if (cp >= 0x80 && cp < 0xA0) return Action::kSpace;  // C1 controls
      return Action::kKeep;
  }
}

bool IsClosingPunct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']';
}

// True when `s` (UTF-8) is already in NFC. ASCII is always NFC.
bool IsNfc(std::string_view s, std::u16string* scratch) {
  bool ascii = true;
  for (unsigned char c : s) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return true;
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&err);
  if (U_FAILURE(err)) return true;
  int32_t len = 0;
  scratch->resize(s.size() + 1);
  u_strFromUTF8(scratch->data(), static_cast<int32_t>(scratch->size()), &len, s.data(),
                static_cast<int32_t>(s.size()), &err);
  if (U_FAILURE(err)) return true;
  UBool ok = unorm2_isNormalized(nfc, scratch->data(), len, &err);
  return U_FAILURE(err) || ok;
}

std::string ToNfc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&err);
  std::u16string src(s.size() + 1, u'\0');
  int32_t len = 0;
  u_strFromUTF8(src.data(), static_cast<int32_t>(src.size()), &len, s.data(),
                static_cast<int32_t>(s.size()), &err);
  std::u16string dst(static_cast<size_t>(len) * 3 + 16, u'\0');
  int32_t dlen =
      unorm2_normalize(nfc, src.data(), len, dst.data(), static_cast<int32_t>(dst.size()), &err);
  std::string out(static_cast<size_t>(dlen) * 3 + 4, '\0');
  int32_t olen = 0;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &olen, dst.data(), dlen, &err);
  if (U_FAILURE(err)) return std::string(s);
  out.resize(static_cast<size_t>(olen));
  return out;
}

class Emitter {
 public:
  Emitter(CleanedText* out) : out_(out) {}

  // Emits one line's content: `src` is the text to read (the original line, or its NFC form),
  // `orig_begin` its original offset. With `coarse`, src is not the original (it was
  // normalised), so the whole line maps as one replaced segment.
  void Line(std::string_view src, uint32_t orig_begin, bool coarse) {
    const size_t start_size = out_->text.size();
    bool pending_space = false;
    uint32_t space_at = 0;
    size_t i = 0;
    const size_t n = src.size();
    // The run of whitespace a pending space stands for: its start, length, and whether it
    // was a single ' ' (then the space is an exact copy).
    uint32_t space_len = 0;
    bool space_exact = false;
    auto note_space = [&](uint32_t at, uint32_t len, bool plain) {
      if (!pending_space) {
        space_at = at;
        space_len = 0;
        space_exact = true;
      }
      space_len = at + len - space_at;
      space_exact = space_exact && plain && space_len == 1;
      pending_space = true;
    };
    auto put = [&](const char* p, size_t len, uint32_t o, uint32_t olen, bool exact) {
      if (pending_space) {
        bool drop =
            out_->text.size() == start_size || (len > 0 && IsClosingPunct(p[0]) && PrevIsWordish());
        if (!drop) {
          out_->text.push_back(' ');
          if (!coarse) out_->map.Append(space_at, 1, space_len, space_exact);
        }
        pending_space = false;
      }
      out_->text.append(p, len);
      if (!coarse) out_->map.Append(o, static_cast<uint32_t>(len), olen, exact);
    };
    while (i < n) {
      uint8_t cls = kClass.c[static_cast<unsigned char>(src[i])];
      if (cls == kPlain) {
        // A run of plain ASCII, single spaces included when a plain character that is not
        // closing punctuation follows them: most lines are copied in one piece.
        size_t j = i + 1;
        for (;;) {
          while (j < n && kClass.c[static_cast<unsigned char>(src[j])] == kPlain) ++j;
          if (j + 1 < n && src[j] == ' ' &&
              kClass.c[static_cast<unsigned char>(src[j + 1])] == kPlain &&
              !IsClosingPunct(src[j + 1])) {
            j += 2;
            continue;
          }
          break;
        }
        put(src.data() + i, j - i, orig_begin + static_cast<uint32_t>(i),
            static_cast<uint32_t>(j - i), true);
        i = j;
      } else if (cls == kSpace || cls == kControl) {
        note_space(orig_begin + static_cast<uint32_t>(i), 1, src[i] == ' ');
        ++i;
      } else {
        int len = 1;
        uint32_t cp = DecodeUtf8(src, i, &len);
        const char* repl = nullptr;
        switch (MapCodePoint(cp, &repl)) {
          case Action::kKeep:
            put(src.data() + i, static_cast<size_t>(len), orig_begin + static_cast<uint32_t>(i),
                static_cast<uint32_t>(len), true);
            break;
          case Action::kReplace:
            put(repl, std::char_traits<char>::length(repl), orig_begin + static_cast<uint32_t>(i),
                static_cast<uint32_t>(len), false);
            break;
          case Action::kSpace:
            note_space(orig_begin + static_cast<uint32_t>(i), static_cast<uint32_t>(len), false);
            break;
          case Action::kDrop:
            break;
        }
        i += static_cast<size_t>(len);
      }
    }
    if (coarse) {
      out_->map.Append(orig_begin, static_cast<uint32_t>(out_->text.size() - start_size),
                       static_cast<uint32_t>(n), false);
    }
  }

  // Emits a line break (or the space that joins a wrapped line) standing for the original
  // bytes `gap` that start at `at` (the line end, blank or removed lines, indentation).
  void Break(const char* s, uint32_t at, std::string_view gap) {
    size_t len = std::char_traits<char>::length(s);
    out_->text.append(s, len);
    out_->map.Append(at, static_cast<uint32_t>(len), static_cast<uint32_t>(gap.size()),
                     gap == std::string_view(s, len));
  }

  bool empty() const { return out_->text.empty(); }

 private:
  bool PrevIsWordish() const {
    if (out_->text.empty()) return false;
    unsigned char c = static_cast<unsigned char>(out_->text.back());
    return std::isalnum(c) || c >= 0x80 || c == '"' || c == '\'' || c == ')';
  }
  CleanedText* out_;
};

struct RawLine {
  uint32_t begin;  // untrimmed line bounds in the original, '\n' excluded
  uint32_t end;
  uint32_t indent;  // leading whitespace bytes
  uint32_t trimmed_len;
  bool blank;
  bool removed;
};

bool EndsWithTerminal(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
    t.remove_suffix(1);
  while (!t.empty() && (t.back() == '"' || t.back() == '\'' || t.back() == ')')) t.remove_suffix(1);
  return !t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?' || t.back() == ':');
}

// True when `next` continues the sentence of `prev`: prev does not end a sentence and next
// starts with a lower-case letter.
bool ContinuesSentence(std::string_view text, const RawLine& prev, const RawLine& next) {
  std::string_view p = text.substr(prev.begin + prev.indent, prev.trimmed_len);
  unsigned char first = static_cast<unsigned char>(text[next.begin + next.indent]);
  return !EndsWithTerminal(p) && first >= 'a' && first <= 'z';
}

// Detects hard-wrapped text (lines cut at a fixed width, as in wire copy) and returns the wrap
// width, or 0 when lines are paragraphs.
uint32_t WrapWidth(std::string_view text, const std::vector<RawLine>& lines) {
  std::vector<uint32_t> lens;
  int unterminated = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const RawLine& l = lines[i];
    if (l.blank || lines[i + 1].blank) continue;
    lens.push_back(l.end - l.begin);
    if (!EndsWithTerminal(text.substr(l.begin, l.end - l.begin))) ++unterminated;
  }
  if (lens.size() < 3) return 0;
  std::sort(lens.begin(), lens.end());
  uint32_t p90 = lens[lens.size() * 9 / 10];
  uint32_t median = lens[lens.size() / 2];
  if (p90 > 100 || median < 35) return 0;
  if (unterminated * 2 < static_cast<int>(lens.size())) return 0;
  return p90;
}

}  // namespace

CleanedText Clean(std::string_view original, uint32_t body_offset, const CleanOptions& options) {
  CleanedText out;
  if (body_offset > original.size()) body_offset = static_cast<uint32_t>(original.size());
  out.text.reserve(original.size() - body_offset);

  // Lines of the body; whether they are hard-wrapped; then the furniture among them.
  std::vector<RawLine> lines;
  {
    size_t p = body_offset;
    while (p <= original.size()) {
      size_t eol = original.find('\n', p);
      size_t end = eol == std::string_view::npos ? original.size() : eol;
      RawLine l{static_cast<uint32_t>(p), static_cast<uint32_t>(end), 0, 0, true, false};
      size_t b = p;
      while (b < end && kClass.c[static_cast<unsigned char>(original[b])] >= kSpace &&
             kClass.c[static_cast<unsigned char>(original[b])] != kNonAscii) {
        ++b;
      }
      size_t e = end;
      while (e > b && kClass.c[static_cast<unsigned char>(original[e - 1])] == kSpace) --e;
      l.indent = static_cast<uint32_t>(b - p);
      l.trimmed_len = static_cast<uint32_t>(e - b);
      l.blank = e == b;
      lines.push_back(l);
      if (eol == std::string_view::npos) break;
      p = eol + 1;
    }
  }
  const uint32_t wrap = WrapWidth(original, lines);
  if (options.remove_furniture) out.removed = FindFurniture(original, body_offset, wrap > 0);
  size_t r = 0;
  for (RawLine& l : lines) {
    if (l.blank) continue;
    uint32_t b = l.begin + l.indent, e = b + l.trimmed_len;
    while (r < out.removed.size() && out.removed[r].orig_end <= l.begin) ++r;
    if (r < out.removed.size() && out.removed[r].orig_begin < e && out.removed[r].orig_end > b) {
      const RemovedSpan& rs = out.removed[r];
      if (rs.orig_begin <= b) {
        l.removed = true;
      } else {
        // A span that starts inside the line removes its tail (a headline's site suffix).
        size_t cut = rs.orig_begin;
        while (cut > b && kClass.c[static_cast<unsigned char>(original[cut - 1])] == kSpace) --cut;
        l.trimmed_len = static_cast<uint32_t>(cut - b);
      }
    }
  }
  const uint32_t join_width = options.join_wrapped_lines ? wrap : 0;
  Emitter emit(&out);
  std::u16string scratch;
  std::string nfc;
  bool gap = false;  // a blank or removed line since the last emitted line
  const RawLine* prev = nullptr;
  for (const RawLine& l : lines) {
    if (l.blank || l.removed) {
      gap = true;
      continue;
    }
    if (prev != nullptr) {
      // Everything between the previous line's kept text and this line's text.
      uint32_t at = prev->begin + prev->indent + prev->trimmed_len;
      std::string_view between = original.substr(at, l.begin + l.indent - at);
      if (gap) {
        emit.Break("\n\n", at, between);
      } else if ((join_width > 0 && l.indent == 0 && prev->trimmed_len * 10 >= join_width * 6) ||
                 (ContinuesSentence(original, *prev, l) && !out.text.empty())) {
        emit.Break(" ", at, between);  // a wrapped line continues the paragraph
      } else {
        emit.Break("\n", at, between);
      }
    }
    std::string_view src = original.substr(l.begin + l.indent, l.trimmed_len);
    uint32_t ob = l.begin + l.indent;
    if (IsNfc(src, &scratch)) {
      emit.Line(src, ob, false);
    } else {
      nfc = ToNfc(src);
      emit.Line(nfc, ob, true);
    }
    prev = &l;
    gap = false;
  }

  // Headline: the first line of the cleaned text when it reads like one.
  size_t eol = out.text.find('\n');
  if (eol != std::string::npos && eol > 0) {
    std::string_view first(out.text.data(), eol);
    int words = 1;
    for (char c : first) words += c == ' ';
    bool period = first.back() == '.' && !(first.size() > 2 && first[first.size() - 2] == '.');
    if (words <= 25 && !period) out.headline = std::string(first);
  }
  for (const RemovedSpan& span : out.removed) {
    if (span.kind == "site-suffix") out.headline_site = span.text;
  }
  return out;
}

}  // namespace dyad
