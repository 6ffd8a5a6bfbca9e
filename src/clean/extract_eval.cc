// EvaluateExtraction: the trafilatura evaluation set (evaldata.json + html/*.html.gz).
//
// The pages are stored under opaque names, so each page is matched to its evaldata entry by
// what the page says about itself: the entry URL among the page's own links (canonical,
// og:url, hrefs), the title, and the entry's must-keep snippets in the page's full text.
// Candidates come from indexes (URL keys; hashes of each snippet's first words), so matching
// stays linear in the size of the set.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "dyad/html.h"
#include "ingest/line_reader.h"
#include "util/strings.h"

namespace dyad {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// host + path without scheme, "www.", query and trailing slash, lower-cased host.
std::string UrlKey(std::string_view u) {
  u = Trim(u);
  size_t scheme = u.find("://");
  if (scheme != std::string_view::npos) {
    u.remove_prefix(scheme + 3);
  } else if (u.starts_with("//")) {
    u.remove_prefix(2);
  } else {
    return "";
  }
  size_t q = u.find_first_of("?#");
  if (q != std::string_view::npos) u = u.substr(0, q);
  size_t slash = u.find('/');
  std::string host = Lower(u.substr(0, slash));
  if (host.starts_with("www.")) host.erase(0, 4);
  std::string path(slash == std::string_view::npos ? "" : u.substr(slash));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return host + path;
}

// URL keys of every href= / content= / src= value in the page.
std::unordered_set<std::string> PageKeys(std::string_view html) {
  std::unordered_set<std::string> keys;
  for (std::string_view attr : {"href=", "content="}) {
    size_t p = 0;
    while ((p = html.find(attr, p)) != std::string_view::npos) {
      p += attr.size();
      if (p >= html.size()) break;
      char q = html[p];
      size_t b = p, e;
      if (q == '"' || q == '\'') {
        ++b;
        e = html.find(q, b);
      } else {
        e = html.find_first_of(" >", b);
      }
      if (e == std::string_view::npos || e - b > 2000) continue;
      std::string k = UrlKey(html.substr(b, e - b));
      if (!k.empty()) keys.insert(std::move(k));
    }
  }
  return keys;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> w;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\n') ++i;
    if (i > b) w.push_back(s.substr(b, i - b));
    while (i < s.size() && s[i] == '\n') ++i;
  }
  return w;
}

size_t GramHash(const std::vector<std::string_view>& w, size_t i, size_t n) {
  size_t h = 1469598103934665603ull;
  for (size_t k = i; k < i + n; ++k) {
    h ^= std::hash<std::string_view>()(w[k]) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  }
  return h * 31 + n;
}

struct Entry {
  std::string url, key, title, date;
  std::vector<std::string> with, without;
};

struct Page {
  std::string file;
  std::string html;
  HtmlExtraction ex;
  LanguageGuess lang;
  std::string all_text;  // collapsed, lines joined by spaces
  size_t size = 0;       // bytes of decoded HTML
};

Result<std::string> ReadGz(const std::string& path) {
  auto in = InputFile::Open(path);
  if (!in.ok()) return in.status();
  std::string out;
  char buf[1 << 16];
  for (;;) {
    auto n = in->Read(buf, sizeof buf);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    out.append(buf, *n);
  }
  return out;
}

}  // namespace

Result<ExtractEval> EvaluateExtraction(const std::string& dir) {
  auto t0 = std::chrono::steady_clock::now();
  auto raw = ReadGz(dir + "/evaldata.json");
  if (!raw.ok()) return Status::NotFound(dir + "/evaldata.json: " + raw.status().message());
  json data = json::parse(*raw, nullptr, false);
  if (data.is_discarded() || !data.is_object()) {
    return Status::Corruption(dir + "/evaldata.json: not a JSON object");
  }
  std::vector<Entry> entries;
  for (auto it = data.begin(); it != data.end(); ++it) {
    Entry e;
    e.url = it.key();
    e.key = UrlKey(e.url);
    const json& v = it.value();
    if (!v.is_object()) continue;
    auto strs = [&](const char* k, std::vector<std::string>* out) {
      auto f = v.find(k);
      if (f == v.end() || !f->is_array()) return;
      for (const json& s : *f) {
        if (s.is_string()) out->push_back(Collapse(s.get<std::string>()));
      }
    };
    strs("with", &e.with);
    strs("without", &e.without);
    if (auto f = v.find("title"); f != v.end() && f->is_string())
      e.title = Collapse(f->get<std::string>());
    if (auto f = v.find("date"); f != v.end() && f->is_string()) e.date = f->get<std::string>();
    entries.push_back(std::move(e));
  }
  // Indexes: URL key -> entries; hash of a snippet's first words -> entries.
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  std::unordered_map<size_t, std::vector<size_t>> by_gram;
  for (size_t i = 0; i < entries.size(); ++i) {
    by_key[entries[i].key].push_back(i);
    for (const std::string& s : entries[i].with) {
      auto w = Words(s);
      if (w.empty()) continue;
      by_gram[GramHash(w, 0, std::min<size_t>(3, w.size()))].push_back(i);
    }
  }

  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir + "/html", ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.ends_with(".html.gz") || name.ends_with(".html")) files.push_back(it->path().string());
  }
  if (ec) return Status::IOError(dir + "/html: " + ec.message());
  std::sort(files.begin(), files.end());

  ExtractEval ev;
  ev.pages = static_cast<int>(files.size());
  struct Cand {
    double score;
    size_t page, entry;
  };
  std::vector<Cand> cands;
  std::vector<Page> pages(files.size());
  for (size_t p = 0; p < files.size(); ++p) {
    Page& pg = pages[p];
    pg.file = files[p];
    auto bytes = ReadGz(files[p]);
    if (!bytes.ok()) continue;
    std::string enc, note, reason;
    if (!DecodeHtml(*bytes, "", &pg.html, &enc, &note, &reason)) continue;
    HtmlExtractOptions opt;
    opt.all_text = true;
    pg.size = pg.html.size();
    pg.ex = ExtractHtml(pg.html, opt);
    pg.lang = IdentifyLanguage(pg.ex.text, pg.ex.meta.html_lang);
    pg.all_text = Collapse(pg.ex.all_text);
    pg.ex.all_text.clear();
    // Candidate entries.
    std::unordered_set<size_t> cand;
    for (const std::string& k : PageKeys(pg.html)) {
      if (auto f = by_key.find(k); f != by_key.end())
        cand.insert(f->second.begin(), f->second.end());
    }
    auto w = Words(pg.all_text);
    for (size_t i = 0; i < w.size(); ++i) {
      for (size_t n = 1; n <= 3 && i + n <= w.size(); ++n) {
        if (auto f = by_gram.find(GramHash(w, i, n)); f != by_gram.end()) {
          cand.insert(f->second.begin(), f->second.end());
        }
      }
    }
    std::unordered_set<std::string> keys = PageKeys(pg.html);
    for (size_t e : cand) {
      const Entry& en = entries[e];
      double s = keys.count(en.key) ? 2 : 0;
      int found = 0;
      for (const std::string& snip : en.with) found += pg.all_text.find(snip) != std::string::npos;
      s += en.with.empty() ? 0 : static_cast<double>(found) / static_cast<double>(en.with.size());
      if (!en.title.empty() && Collapse(pg.ex.meta.title) == en.title) s += 0.5;
      if (s >= 1) cands.push_back({s, p, e});
    }
    pg.html.clear();
    pg.html.shrink_to_fit();
  }
  // One-to-one, best scores first.
  std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.page != b.page) return a.page < b.page;
    return a.entry < b.entry;
  });
  std::vector<int> page_entry(files.size(), -1);
  std::vector<bool> entry_used(entries.size(), false);
  for (const Cand& c : cands) {
    if (page_entry[c.page] >= 0 || entry_used[c.entry]) continue;
    page_entry[c.page] = static_cast<int>(c.entry);
    entry_used[c.entry] = true;
  }
  for (size_t p = 0; p < files.size(); ++p) {
    if (page_entry[p] < 0) continue;
    ++ev.matched;
    const Page& pg = pages[p];
    if (pg.lang.code != "en") continue;
    const Entry& en = entries[static_cast<size_t>(page_entry[p])];
    ++ev.english;
    ev.html_bytes += pg.size;
    ExtractEvalPage r;
    r.file = fs::path(pg.file).filename().string();
    r.url = en.url;
    r.language = pg.lang.code;
    std::string text = Collapse(pg.ex.text);
    for (const std::string& s : en.with) {
      ++r.keep_total;
      if (text.find(s) != std::string::npos) {
        ++r.keep_ok;
      } else {
        r.kept_missing.push_back(s);
      }
    }
    for (const std::string& s : en.without) {
      ++r.drop_total;
      if (text.find(s) == std::string::npos) {
        ++r.drop_ok;
      } else {
        r.dropped_wrong.push_back(s);
      }
    }
    r.gold_date = en.date;
    r.date = pg.ex.meta.published;
    r.date_source = pg.ex.meta.published_source;
    ev.keep_total += r.keep_total;
    ev.keep_ok += r.keep_ok;
    ev.drop_total += r.drop_total;
    ev.drop_ok += r.drop_ok;
    if (!r.gold_date.empty()) {
      ++ev.dates_gold;
      if (r.date == r.gold_date) ++ev.dates_ok;
    }
    ev.english_pages.push_back(std::move(r));
  }
  ev.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return ev;
}

}  // namespace dyad
