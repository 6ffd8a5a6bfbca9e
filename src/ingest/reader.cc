// ReadInputs: walks paths, detects each file's format from its content, and turns files and
// JSON Lines records into SourceRecords. See include/dyad/ingest.h for the contract.
#include <simdjson.h>
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "dyad/html.h"
#include "dyad/ingest.h"
#include "ingest/encoding.h"
#include "ingest/header.h"
#include "ingest/line_reader.h"
#include "ingest/warc.h"
#include "util/strings.h"

namespace dyad {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

enum class Format { kText, kJsonl, kHtml, kWarc, kEmpty };

std::string Extension(std::string_view name) {
  std::string lower = Lower(name);
  if (lower.size() > 3 && lower.ends_with(".gz")) lower.resize(lower.size() - 3);
  size_t dot = lower.rfind('.');
  size_t slash = lower.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return lower.substr(dot + 1);
}

std::string_view SkipSpace(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

// Detects the format from the first bytes of (decompressed) content; the extension only
// breaks ties.
Format Detect(std::string_view head, std::string_view name) {
  std::string_view s = SkipSpace(head);
  if (s.empty()) return Format::kEmpty;
  std::string ext = Extension(name);
  if (s.substr(0, 5) == "WARC/") return Format::kWarc;
  if (s.front() == '<') {
    std::string lower = Lower(s.substr(0, 2048));
    if (lower.find("<html") != std::string::npos || lower.find("<!doctype html") == 0 ||
        ext == "html" || ext == "htm") {
      return Format::kHtml;
    }
  }
  if (ext == "jsonl" || ext == "ndjson") return Format::kJsonl;
  if (s.front() == '{') {
    // A JSON object on the first line makes it JSON Lines. A first line that looks like an
    // object but does not parse still does (its error is reported per line).
    size_t eol = s.find('\n');
    std::string_view first = s.substr(0, eol);
    while (!first.empty() && std::isspace(static_cast<unsigned char>(first.back()))) {
      first.remove_suffix(1);
    }
    if (!first.empty() && first.back() == '}') return Format::kJsonl;
    if (json::accept(first)) return Format::kJsonl;
    if (ext == "json") return Format::kJsonl;
  }
  return Format::kText;
}

size_t LineOf(std::string_view bytes, size_t offset) {
  if (offset == std::string_view::npos || offset > bytes.size()) return 0;
  return 1 + std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(offset), '\n');
}

constexpr int kMaxJsonNesting = 64;

// A JSON type name for a message: "a number", "an array", "null".
std::string WithArticle(std::string_view type) {
  if (type == "null") return "null";
  bool vowel = !type.empty() && std::string_view("aeiou").find(type[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(type);
}

class Reader {
 public:
  Reader(const IngestOptions& opt, const RecordSink& sink, DiagnosticSink& diag)
      : opt_(opt), sink_(sink), diag_(diag) {}

  // Reads one input (a file, stdin, or bytes in memory). `display` names it in diagnostics.
  Status ReadInput(Result<InputFile> in, const std::string& origin, const std::string& display,
                   const std::function<void(uint64_t)>& on_bytes) {
    if (!in.ok()) {
      diag_.Skipped(display, 0, "cannot open: " + in.status().message());
      return Status::OK();
    }
    LineReader lines(&*in, opt_.max_record_bytes);
    std::string_view head = lines.Peek(64 * 1024);
    if (!lines.status().ok() && head.empty()) {
      diag_.Skipped(display, 0, "cannot read: " + lines.status().message());
      return Status::OK();
    }
    std::string fmt_suffix = in->compressed() ? "+gzip" : "";
    const Format format = Detect(head, display);
    switch (format) {
      case Format::kEmpty:
        if (lines.status().ok()) diag_.Skipped(display, 0, "empty file");
        return Status::OK();
      case Format::kHtml:
        break;
      case Format::kWarc:
        return ReadWarc(&lines, origin, display, "warc" + fmt_suffix, on_bytes);
      case Format::kJsonl:
        return ReadJsonl(&lines, origin, display, "jsonl" + fmt_suffix, on_bytes, &*in);
      case Format::kText:
        break;
    }
    std::string bytes;
    uint64_t total = 0;
    bool fits = lines.ReadRest(&bytes, opt_.max_record_bytes, &total);
    if (!lines.status().ok()) {
      diag_.Skipped(display, 0,
                    "cannot read: " + lines.status().message() +
                        (bytes.empty() ? "" : " (partial text not ingested)"));
      return Status::OK();
    }
    if (!fits) {
      diag_.Skipped(display, 0,
                    "file is " + std::to_string(total) + " bytes, over the " +
                        std::to_string(opt_.max_record_bytes) + "-byte limit for one article");
      return Status::OK();
    }
    if (on_bytes) on_bytes(in->raw_offset());
    if (format == Format::kHtml) {
      return ReadHtml(bytes, "", origin, display, 0, "html" + fmt_suffix, "", json::object());
    }
    return ReadText(bytes, origin, display, "text" + fmt_suffix);
  }

  // One HTML page (a file or a WARC payload): decode, extract, identify the language.
  Status ReadHtml(std::string_view bytes, std::string_view content_type, const std::string& origin,
                  const std::string& display, int64_t line, const std::string& format,
                  const std::string& url, json meta) {
    SourceRecord rec;
    std::string note, reason;
    if (!DecodeHtml(bytes, content_type, &rec.original, &rec.encoding, &note, &reason)) {
      diag_.Skipped(display, line, reason);
      return Status::OK();
    }
    if (!note.empty()) diag_.Note(display, line, note);
    HtmlExtractOptions eo;
    eo.url = url;
    HtmlExtraction ex = ExtractHtml(rec.original, eo);
    if (!ex.parsed) {
      diag_.Skipped(display, line,
                    "could not parse the HTML" + (ex.error.empty() ? "" : ": " + ex.error));
      return Status::OK();
    }
    if (SkipSpace(ex.text).empty()) {
      diag_.Skipped(display, line, "no main text found in the HTML page");
      return Status::OK();
    }
    LanguageGuess lang = IdentifyLanguage(ex.text, ex.meta.html_lang);
    rec.origin = origin;
    rec.format = format;
    rec.url = !url.empty() ? url : ex.meta.canonical_url;
    rec.source = ex.meta.site_name;
    rec.title = ex.meta.title;
    rec.published = ex.meta.published;
    rec.published_source = ex.meta.published_source;
    rec.extracted = true;
    rec.text = std::move(ex.text);
    rec.text_map = std::move(ex.map);
    if (!lang.code.empty()) meta["language"] = lang.code;
    meta["language_reliable"] = lang.reliable;
    if (!ex.meta.author.empty()) meta["author"] = ex.meta.author;
    if (!ex.meta.canonical_url.empty()) meta["canonical_url"] = ex.meta.canonical_url;
    if (!ex.meta.site_name.empty()) meta["site_name"] = ex.meta.site_name;
    if (!ex.meta.modified.empty()) meta["modified"] = ex.meta.modified;
    if (!ex.meta.html_lang.empty()) meta["html_lang"] = ex.meta.html_lang;
    rec.metadata_json = meta.dump();
    return sink_(std::move(rec));
  }

  static bool LooksHtml(std::string_view content_type, std::string_view body) {
    std::string ct = Lower(content_type);
    if (ct.find("html") != std::string::npos) return true;
    if (!ct.empty() && ct.find("text/plain") == std::string::npos &&
        ct.find("octet-stream") == std::string::npos) {
      return false;
    }
    std::string head = Lower(SkipSpace(body).substr(0, 1024));
    return head.starts_with("<!doctype html") || head.find("<html") != std::string::npos;
  }

  Status ReadWarc(LineReader* lines, const std::string& origin, const std::string& display,
                  const std::string& format, const std::function<void(uint64_t)>& on_bytes) {
    WarcReader warc(lines, opt_.max_record_bytes);
    WarcRecord r;
    for (;;) {
      WarcReader::Outcome o = warc.Next(&r);
      if (o == WarcReader::Outcome::kEnd) break;
      if (o == WarcReader::Outcome::kBroken) {
        diag_.Skipped(display, warc.records(), warc.error() + "; the records before it were read");
        break;
      }
      if (on_bytes && (r.number & 15) == 0) on_bytes(lines->raw_offset());
      if (r.type != "response" && r.type != "resource") continue;  // request, warcinfo, ...
      if (o == WarcReader::Outcome::kTooLarge) {
        diag_.Skipped(display, r.number,
                      "WARC record over the " + std::to_string(opt_.max_record_bytes) +
                          "-byte limit (" + r.target_uri + ")");
        continue;
      }
      json meta = json::object();
      meta["warc_date"] = r.date;
      if (!r.record_id.empty()) meta["warc_record_id"] = r.record_id;
      meta["warc_file"] = display;
      meta["warc_record"] = r.number;
      std::string content_type = r.content_type;
      std::string_view body = r.block;
      HttpResponse http;
      if (r.type == "response") {
        if (Lower(r.content_type).find("application/http") == std::string::npos &&
            !r.block.starts_with("HTTP/")) {
          continue;  // e.g. a DNS response
        }
        std::string reason;
        if (!ParseHttpResponse(r.block, &http, &reason)) {
          diag_.Skipped(display, r.number, reason + " (" + r.target_uri + ")");
          continue;
        }
        meta["http_status"] = http.status;
        if (std::string lm = http.Header("last-modified"); !lm.empty()) meta["last_modified"] = lm;
        if (std::string d = http.Header("date"); !d.empty()) meta["http_date"] = d;
        content_type = http.Header("content-type");
        body = http.body;
        if (http.status < 200 || http.status >= 300) {
          diag_.Note(display, r.number,
                     "HTTP status " + std::to_string(http.status) + " for " + r.target_uri +
                         "; not an article, skipped");
          continue;
        }
      }
      if (!content_type.empty()) meta["content_type"] = content_type;
      if (!LooksHtml(content_type, body)) {
        diag_.Note(display, r.number,
                   "not HTML (" + (content_type.empty() ? std::string("no type") : content_type) +
                       ") for " + r.target_uri + "; skipped");
        continue;
      }
      std::string rec_origin =
          !r.target_uri.empty() ? r.target_uri : origin + "#" + std::to_string(r.number);
      DYAD_RETURN_IF_ERROR(ReadHtml(body, content_type, rec_origin, display, r.number, format,
                                    r.target_uri, std::move(meta)));
    }
    if (on_bytes) on_bytes(lines->raw_offset());
    return Status::OK();
  }

  Status ReadText(std::string_view bytes, const std::string& origin, const std::string& display,
                  const std::string& format) {
    DecodedText dec;
    std::string reason;
    size_t bad = std::string_view::npos;
    if (!DecodeText(bytes, &dec, &reason, &bad)) {
      diag_.Skipped(display, static_cast<int64_t>(LineOf(bytes, bad)), reason);
      return Status::OK();
    }
    if (!dec.note.empty()) diag_.Note(display, 0, dec.note);
    SourceRecord rec;
    rec.origin = origin;
    rec.format = format;
    rec.encoding = dec.encoding;
    TextHeader header = ParseTextHeader(dec.text);
    json meta = json::object();
    for (auto& [key, value] : header.fields) {
      if (key == "date" || key == "published" || key == "pubdate") {
        rec.published = NormalizeDate(value);
        if (rec.published.empty() && !value.empty()) {
          // A date that does not exist ("February 30") is reported, never guessed.
          diag_.Note(
              display, 0,
              "\"" + key + "\" value \"" + value + "\" is not a valid date; kept as metadata");
          meta[key] = value;
        }
      } else if (key == "title" || key == "headline") {
        rec.title = value;
      } else if (key == "url" || key == "link") {
        rec.url = value;
      } else if (key == "source" || key == "publisher") {
        rec.source = value;
      } else if (key == "id") {
        rec.external_id = value;
      } else {
        meta[key] = value;
      }
    }
    rec.body_offset = header.body_offset;
    if (SkipSpace(std::string_view(dec.text).substr(header.body_offset)).empty()) {
      diag_.Skipped(display, 0, header.fields.empty() ? "empty file" : "no text after the header");
      return Status::OK();
    }
    rec.metadata_json = meta.dump();
    rec.original = std::move(dec.text);
    return sink_(std::move(rec));
  }

  Status ReadJsonl(LineReader* lines, const std::string& origin, const std::string& display,
                   const std::string& format, const std::function<void(uint64_t)>& on_bytes,
                   InputFile* in) {
    std::string line;
    uint64_t full = 0;
    for (;;) {
      LineReader::Outcome o = lines->Next(&line, &full);
      int64_t n = static_cast<int64_t>(lines->line_number());
      if (o == LineReader::Outcome::kEnd) break;
      if (o == LineReader::Outcome::kError) {
        diag_.Skipped(display, n + 1,
                      "cannot read further: " + lines->status().message() +
                          "; records after this point are lost");
        break;
      }
      if (o == LineReader::Outcome::kTooLong) {
        diag_.Skipped(display, n,
                      "record is " + std::to_string(full) + " bytes, over the " +
                          std::to_string(opt_.max_record_bytes) + "-byte limit");
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (SkipSpace(line).empty()) continue;
      DYAD_RETURN_IF_ERROR(
          ReadJsonRecord(line, origin + ":" + std::to_string(n), display, n, format));
      if (on_bytes && (n & 255) == 0) on_bytes(in->raw_offset());
    }
    if (on_bytes) on_bytes(in->raw_offset());
    return Status::OK();
  }

  Status ReadJsonRecord(std::string_view bytes, const std::string& origin,
                        const std::string& display, int64_t line, const std::string& format) {
    DecodedText dec;
    std::string reason;
    if (!DecodeText(bytes, &dec, &reason)) {
      diag_.Skipped(display, line, reason);
      return Status::OK();
    }
    if (!dec.note.empty()) diag_.Note(display, line, dec.note);
    if (JsonNesting(dec.text) > kMaxJsonNesting) {
      diag_.Skipped(display, line,
                    "JSON nested deeper than " + std::to_string(kMaxJsonNesting) + " levels");
      return Status::OK();
    }
    // simdjson parses the record (several times faster than nlohmann::json, and the reader
    // runs on the thread that also writes the store). Whatever it does not accept as an
    // object -- a syntax error, a number too large for 64 bits, another type -- is parsed
    // again by nlohmann::json, whose verdicts and messages are the reference.
    simdjson::dom::object object;
    if (json_parser_.parse(dec.text).get_object().get(object) == simdjson::SUCCESS) {
      fields_.clear();
      for (auto [key, value] : object) fields_.push_back({key, FieldOf(value)});
      // As nlohmann::json's objects: in key order, the last of repeated keys.
      std::stable_sort(fields_.begin(), fields_.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      size_t kept = 0;
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i + 1 < fields_.size() && fields_[i + 1].first == fields_[i].first) continue;
        fields_[kept++] = fields_[i];
      }
      fields_.resize(kept);
      return RecordFromFields(origin, display, line, format, dec.encoding);
    }
    json j;
    // nlohmann::json reports syntax errors by exception; it is caught here, at the library's
    // edge, and becomes a diagnostic.
    try {
      j = json::parse(dec.text);
    } catch (const json::parse_error& e) {
      std::string what = e.what();
      size_t colon = what.find("parse error");
      diag_.Skipped(display, line,
                    "malformed JSON: " + (colon == std::string::npos ? what : what.substr(colon)));
      return Status::OK();
    }
    if (!j.is_object()) {
      diag_.Skipped(display, line, "expected a JSON object, got " + WithArticle(j.type_name()));
      return Status::OK();
    }
    fields_.clear();
    for (auto it = j.begin(); it != j.end(); ++it) fields_.push_back({it.key(), FieldOf(*it)});
    return RecordFromFields(origin, display, line, format, dec.encoding);
  }

 private:
  // A record's field as the reader needs it, from either parser.
  struct FieldValue {
    const char* type = "null";  // nlohmann::json's type names: "string", "number", ...
    std::string_view string;    // when type is "string"
    bool integer = false;       // a whole number (read as int64_t, as nlohmann's get does)
    int64_t number = 0;
    const json* tree = nullptr;      // the value (nlohmann::json's parse) ...
    simdjson::dom::element element;  // ... or this one (simdjson's)
    json ToJson() const {
      if (tree != nullptr) return *tree;
      return json::parse(simdjson::minify(element));
    }
  };

  static FieldValue FieldOf(const json& v) {
    FieldValue f;
    f.type = v.type_name();
    if (v.is_string()) f.string = v.get_ref<const std::string&>();
    f.integer = v.is_number_integer();
    if (f.integer) f.number = v.get<int64_t>();
    f.tree = &v;
    return f;
  }

  static FieldValue FieldOf(simdjson::dom::element v) {
    FieldValue f;
    f.element = v;
    switch (v.type()) {
      case simdjson::dom::element_type::STRING:
        f.type = "string";
        f.string = v.get_string().value_unsafe();
        break;
      case simdjson::dom::element_type::INT64:
        f.type = "number";
        f.integer = true;
        f.number = v.get_int64().value_unsafe();
        break;
      case simdjson::dom::element_type::UINT64:
        f.type = "number";
        f.integer = true;
        f.number = static_cast<int64_t>(v.get_uint64().value_unsafe());
        break;
      case simdjson::dom::element_type::DOUBLE:
        f.type = "number";
        break;
      case simdjson::dom::element_type::BOOL:
        f.type = "boolean";
        break;
      case simdjson::dom::element_type::ARRAY:
        f.type = "array";
        break;
      case simdjson::dom::element_type::OBJECT:
        f.type = "object";
        break;
      case simdjson::dom::element_type::NULL_VALUE:
        f.type = "null";
        break;
    }
    return f;
  }

  // The SourceRecord from a JSON object's fields (fields_: in key order, each key once).
  Status RecordFromFields(const std::string& origin, const std::string& display, int64_t line,
                          const std::string& format, const std::string& encoding) {
    SourceRecord rec;
    rec.origin = origin;
    rec.format = format;
    rec.encoding = encoding;
    auto find = [&](std::string_view k) -> const FieldValue* {
      auto it = std::lower_bound(fields_.begin(), fields_.end(), k,
                                 [](const auto& f, std::string_view key) { return f.first < key; });
      return it != fields_.end() && it->first == k ? &it->second : nullptr;
    };
    const FieldValue* text = nullptr;
    std::string_view text_key;
    for (std::string_view k : {"text", "body", "content", "maintext"}) {
      if ((text = find(k)) != nullptr) {
        text_key = k;
        break;
      }
    }
    if (text == nullptr) {
      diag_.Skipped(display, line, "no \"text\" field");
      return Status::OK();
    }
    if (std::string_view(text->type) != "string") {
      diag_.Skipped(display, line,
                    "\"text\" is " + WithArticle(text->type) + ", expected a string");
      return Status::OK();
    }
    rec.original = std::string(text->string);
    if (SkipSpace(rec.original).empty()) {
      diag_.Skipped(display, line, "\"text\" is empty");
      return Status::OK();
    }
    json meta = json::object();
    auto take_string = [&](const FieldValue& v, std::string* out, std::string_view key) -> bool {
      if (std::string_view(v.type) == "string") {
        *out = std::string(v.string);
      } else if (v.integer) {
        *out = std::to_string(v.number);
      } else if (std::string_view(v.type) != "null") {
        diag_.Note(
            display, line,
            "field \"" + std::string(key) + "\" is " + WithArticle(v.type) + "; kept as metadata");
        meta[std::string(key)] = v.ToJson();
        return false;
      }
      return true;
    };
    for (const auto& [k, v] : fields_) {
      if (k == text_key) continue;
      if (k == "id") {
        take_string(v, &rec.external_id, k);
      } else if (k == "url" || k == "link") {
        take_string(v, &rec.url, k);
      } else if (k == "source" || k == "publisher" || k == "source_domain") {
        if (rec.source.empty()) take_string(v, &rec.source, k);
      } else if (k == "title" || k == "headline") {
        take_string(v, &rec.title, k);
      } else if (k == "published" || k == "date" || k == "date_publish" || k == "pubdate") {
        std::string raw;
        if (take_string(v, &raw, k) && !raw.empty() && rec.published.empty()) {
          rec.published = NormalizeDate(raw);
          if (rec.published.empty()) {
            diag_.Note(display, line,
                       "\"" + std::string(k) + "\" value \"" + raw +
                           "\" is not a valid date; kept as metadata");
            meta[std::string(k)] = raw;
          }
        }
      } else {
        meta[std::string(k)] = v.ToJson();
      }
    }
    rec.metadata_json = meta.dump();
    return sink_(std::move(rec));
  }

  simdjson::dom::parser json_parser_;  // reused: its buffers grow to the largest record
  std::vector<std::pair<std::string_view, FieldValue>> fields_;
  const IngestOptions& opt_;
  const RecordSink& sink_;
  DiagnosticSink& diag_;
};

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Files in a corpus directory that describe the corpus rather than hold an article.
bool IsCorpusDoc(const fs::path& p) {
  std::string name = Lower(p.filename().string());
  return name.starts_with("readme") || name.starts_with("license") || name.starts_with("licence") ||
         name.starts_with("copying");
}

}  // namespace

std::vector<InputFileEntry> ListInputFiles(const std::vector<std::string>& paths,
                                           const IngestOptions& options, DiagnosticSink& diag) {
  std::vector<InputFileEntry> files;
  for (const std::string& p : paths) {
    if (p == "-") {
      files.push_back({"-", "<stdin>", 0});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      diag.Skipped(p, 0, "no such file or directory");
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<InputFileEntry> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::directory_entry& e = *it;
        if (options.skip_hidden && IsHidden(e.path())) {
          if (e.is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (!e.is_regular_file(ec) || IsCorpusDoc(e.path())) continue;
        found.push_back({e.path().string(), e.path().string(), e.file_size(ec)});
      }
      if (ec) {
        diag.Skipped(p, 0, "cannot list directory: " + ec.message());
      } else if (found.empty()) {
        diag.Skipped(p, 0, "directory holds no input files");
      }
      std::sort(found.begin(), found.end(),
                [](const auto& a, const auto& b) { return a.path < b.path; });
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(st)) {
      files.push_back({p, p, static_cast<uint64_t>(fs::file_size(p, ec))});
    } else {
      diag.Skipped(p, 0, "not a regular file or directory");
    }
  }
  return files;
}

Status ReadInputs(const std::vector<std::string>& paths, const IngestOptions& options,
                  const RecordSink& sink, DiagnosticSink& diag, const ProgressFn& progress) {
  std::vector<InputFileEntry> files = ListInputFiles(paths, options, diag);
  uint64_t total = 0;
  for (const auto& f : files) total += f.size;
  uint64_t done = 0;
  Reader reader(options, sink, diag);
  for (const auto& f : files) {
    std::string origin = "-";
    if (f.path != "-") {
      std::error_code ec;
      fs::path canon = fs::weakly_canonical(fs::absolute(f.path, ec), ec);
      origin = ec ? f.path : canon.string();
    }
    auto on_bytes = [&](uint64_t raw) {
      if (progress) progress(done + std::min(raw, f.size ? f.size : raw), total);
    };
    DYAD_RETURN_IF_ERROR(reader.ReadInput(InputFile::Open(f.path), origin, f.display, on_bytes));
    done += f.size;
    if (progress) progress(done, total);
  }
  return Status::OK();
}

Status ReadBuffer(std::string_view name, std::string_view bytes, const IngestOptions& options,
                  const RecordSink& sink, DiagnosticSink& diag) {
  Reader reader(options, sink, diag);
  std::string n(name);
  return reader.ReadInput(InputFile::FromBytes(bytes), n, n, nullptr);
}

}  // namespace dyad
