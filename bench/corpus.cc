#include "corpus.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/encoding.h"
#include "ingest/header.h"

namespace dyad::bench {

namespace fs = std::filesystem;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ToUtf8(const std::string& bytes) {
  DecodedText d;
  std::string reason;
  return DecodeText(bytes, &d, &reason) ? d.text : std::string();
}

// Decodes the SGML entities Reuters uses (&lt; &gt; &amp; &#N;), dropping control characters.
std::string Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 8) {
      out.push_back('&');
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "lt") {
      out.push_back('<');
    } else if (ent == "gt") {
      out.push_back('>');
    } else if (ent == "amp") {
      out.push_back('&');
    } else if (!ent.empty() && ent[0] == '#') {
      int v = std::atoi(std::string(ent.substr(1)).c_str());
      if (v >= 32 && v < 127) out.push_back(static_cast<char>(v));
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
  return out;
}

std::string_view Between(std::string_view s, std::string_view open, std::string_view close) {
  size_t a = s.find(open);
  if (a == std::string_view::npos) return {};
  a += open.size();
  size_t b = s.find(close, a);
  if (b == std::string_view::npos) return {};
  return s.substr(a, b - a);
}

}  // namespace

std::vector<Doc> LoadBbc(const std::string& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".txt" &&
        it->path().filename() != "README.TXT") {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Doc> docs;
  for (const auto& f : files) {
    Doc d;
    d.id = f.parent_path().filename().string() + "/" + f.filename().string();
    d.text = ToUtf8(Slurp(f));
    d.title = d.text.substr(0, d.text.find('\n'));
    if (!d.text.empty()) docs.push_back(std::move(d));
  }
  return docs;
}

std::vector<Doc> LoadReuters(const std::string& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with("reut2-") && name.ends_with(".sgm")) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Doc> docs;
  for (const auto& f : files) {
    std::string all = ToUtf8(Slurp(f));
    std::string_view s = all;
    size_t pos = 0;
    while ((pos = s.find("<REUTERS", pos)) != std::string_view::npos) {
      size_t end = s.find("</REUTERS>", pos);
      if (end == std::string_view::npos) break;
      std::string_view story = s.substr(pos, end - pos);
      pos = end;
      std::string_view body = Between(story, "<BODY>", "</BODY>");
      if (body.empty()) continue;
      Doc d;
      d.id = std::string(Between(story, "NEWID=\"", "\""));
      // "26-FEB-1987 15:01:01.79" -> 1987-02-26.
      std::string date(Between(story, "<DATE>", "</DATE>"));
      std::replace(date.begin(), date.end(), '-', ' ');
      d.date = NormalizeDate(date.substr(0, std::min<size_t>(date.size(), 11)));
      d.title = Unescape(Between(story, "<TITLE>", "</TITLE>"));
      d.text = Unescape(body);
      docs.push_back(std::move(d));
    }
  }
  return docs;
}

size_t TotalBytes(const std::vector<Doc>& docs) {
  size_t n = 0;
  for (const auto& d : docs) n += d.text.size();
  return n;
}

PrivateCacheDir::PrivateCacheDir(const std::string& name)
    : path_((fs::temp_directory_path() /
             ("dyad-bench-" + name + "-cache-" + std::to_string(::getpid())))
                .string()) {
  ::setenv("DYAD_CACHE_DIR", path_.c_str(), 1);
}

PrivateCacheDir::~PrivateCacheDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace dyad::bench
