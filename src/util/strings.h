// Small ASCII string helpers shared by the readers.
#ifndef DYAD_UTIL_STRINGS_H_
#define DYAD_UTIL_STRINGS_H_

#include <cctype>
#include <string>
#include <string_view>

namespace dyad {

// The deepest bracket nesting of JSON text outside strings: what a recursive parser would
// recurse, checked before parsing so that deep documents are refused, not a stack overflow.
inline int JsonNesting(std::string_view s) {
  int depth = 0, max = 0;
  bool in_str = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_str) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_str = false;
      }
    } else if (c == '"') {
      in_str = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max) max = depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return max;
}

// `s` without leading and trailing ASCII whitespace.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

inline std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `s` without any whitespace at all.
inline std::string Compact(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

}  // namespace dyad

#endif  // DYAD_UTIL_STRINGS_H_
