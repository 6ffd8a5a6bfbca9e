#include "ingest/warc.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "util/strings.h"

namespace dyad {

namespace {
constexpr size_t kChunk = 1 << 20;
constexpr size_t kMaxHeader = 64 << 10;

// Splits "Name: value" header lines of `head` (CRLF or LF) into lower-cased names and values.
std::vector<std::pair<std::string, std::string>> ParseHeaders(std::string_view head) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t p = 0;
  while (p < head.size()) {
    size_t eol = head.find('\n', p);
    std::string_view line = head.substr(p, eol == std::string_view::npos ? eol : eol - p);
    p = eol == std::string_view::npos ? head.size() : eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !out.empty()) {
      out.back().second += ' ';
      out.back().second += Trim(line);  // folded continuation
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    out.emplace_back(Lower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  }
  return out;
}

// Inflates gzip or zlib/deflate data; false when it is not.
bool Inflate(std::string_view in, bool raw_deflate, std::string* out) {
  z_stream zs{};
  if (inflateInit2(&zs, raw_deflate ? -15 : 15 + 32) != Z_OK) return false;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  out->clear();
  char buf[1 << 15];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out->append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END || (rc == Z_BUF_ERROR && !out->empty());
}

bool Dechunk(std::string_view in, std::string* out) {
  out->clear();
  size_t p = 0;
  while (p < in.size()) {
    size_t eol = in.find('\n', p);
    if (eol == std::string_view::npos) return false;
    std::string_view line = Trim(in.substr(p, eol - p));
    size_t semi = line.find(';');
    if (semi != std::string_view::npos) line = line.substr(0, semi);
    if (line.empty()) return false;
    size_t len = 0;
    for (char c : line) {
      int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
              : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                          : -1;
      if (v < 0 || len > (1u << 30)) return false;
      len = len * 16 + static_cast<size_t>(v);
    }
    p = eol + 1;
    if (len == 0) return true;
    if (p + len > in.size()) {
      out->append(in.substr(p));
      return true;  // a cut last chunk: keep what is there
    }
    out->append(in.substr(p, len));
    p += len;
    while (p < in.size() && (in[p] == '\r' || in[p] == '\n')) ++p;
  }
  return true;
}

}  // namespace

bool WarcReader::Fill(size_t want) {
  while (buf_.size() - pos_ < want && !eof_) {
    if (pos_ > 0 && pos_ >= buf_.size() / 2) {
      buf_.erase(0, pos_);
      consumed_ += pos_;
      pos_ = 0;
    }
    size_t old = buf_.size();
    buf_.resize(old + kChunk);
    auto got = lines_->Read(buf_.data() + old, kChunk);
    if (!got.ok()) {
      buf_.resize(old);
      eof_ = true;
      error_ = got.status().message();
      return false;
    }
    buf_.resize(old + *got);
    if (*got == 0) eof_ = true;
  }
  return buf_.size() - pos_ >= want;
}

WarcReader::Outcome WarcReader::Next(WarcRecord* rec) {
  // Skip the blank lines that end the previous record.
  for (;;) {
    if (!Fill(1)) {
      if (!error_.empty()) {
        error_ = "input damaged after record " + std::to_string(number_) + ": " + error_;
        ++number_;
        return Outcome::kBroken;
      }
      return Outcome::kEnd;
    }
    char c = buf_[pos_];
    if (c != '\r' && c != '\n') break;
    ++pos_;
  }
  ++number_;
  *rec = WarcRecord();
  rec->number = number_;
  rec->offset = consumed_ + pos_;
  // Header block up to the first empty line.
  size_t end = std::string::npos, body = 0;
  for (size_t want = 4096;; want *= 2) {
    Fill(std::min(want, kMaxHeader));
    std::string_view avail = std::string_view(buf_).substr(pos_);
    size_t crlf = avail.find("\r\n\r\n");
    size_t lf = avail.find("\n\n");
    if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
      end = crlf;
      body = crlf + 4;
    } else if (lf != std::string_view::npos) {
      end = lf;
      body = lf + 2;
    }
    if (end != std::string::npos || avail.size() >= kMaxHeader || eof_) break;
  }
  std::string_view avail = std::string_view(buf_).substr(pos_);
  if (avail.substr(0, 5) != "WARC/") {
    error_ = "record " + std::to_string(number_) + " at byte " + std::to_string(rec->offset) +
             ": does not start with WARC/ (corrupt data)";
    return Outcome::kBroken;
  }
  if (end == std::string::npos) {
    error_ = "record " + std::to_string(number_) + " at byte " + std::to_string(rec->offset) +
             (eof_ ? ": truncated inside its header" : ": header longer than 64 KiB") +
             (error_.empty() ? "" : " (" + error_ + ")");
    return Outcome::kBroken;
  }
  int64_t length = -1;
  for (auto& [name, value] : ParseHeaders(avail.substr(0, end))) {
    if (name == "warc-type") {
      rec->type = Lower(value);
    } else if (name == "warc-target-uri") {
      rec->target_uri = value;
      if (rec->target_uri.size() > 2 && rec->target_uri.front() == '<' &&
          rec->target_uri.back() == '>') {
        rec->target_uri = rec->target_uri.substr(1, rec->target_uri.size() - 2);
      }
    } else if (name == "warc-date") {
      rec->date = value;
    } else if (name == "warc-record-id") {
      rec->record_id = value;
    } else if (name == "content-type") {
      rec->content_type = value;
    } else if (name == "content-length") {
      char* e = nullptr;
      long long v = std::strtoll(value.c_str(), &e, 10);
      if (e != value.c_str() && v >= 0) length = v;
    }
  }
  if (length < 0) {
    error_ = "record " + std::to_string(number_) + " at byte " + std::to_string(rec->offset) +
             ": no valid Content-Length";
    return Outcome::kBroken;
  }
  pos_ += body;
  auto n = static_cast<uint64_t>(length);
  if (n > max_block_) {
    // Skip without keeping it.
    uint64_t left = n;
    while (left > 0) {
      if (!Fill(1)) break;
      size_t k = static_cast<size_t>(std::min<uint64_t>(left, buf_.size() - pos_));
      pos_ += k;
      left -= k;
    }
    if (left > 0) {
      error_ = "record " + std::to_string(number_) + " at byte " + std::to_string(rec->offset) +
               ": truncated (" + std::to_string(n - left) + " of " + std::to_string(n) + " bytes)" +
               (error_.empty() ? "" : ": " + error_);
      return Outcome::kBroken;
    }
    return Outcome::kTooLarge;
  }
  if (!Fill(static_cast<size_t>(n))) {
    error_ = "record " + std::to_string(number_) + " at byte " + std::to_string(rec->offset) +
             ": truncated (" + std::to_string(buf_.size() - pos_) + " of " + std::to_string(n) +
             " bytes)" + (error_.empty() ? "" : ": " + error_);
    return Outcome::kBroken;
  }
  rec->block.assign(buf_, pos_, static_cast<size_t>(n));
  pos_ += static_cast<size_t>(n);
  return Outcome::kRecord;
}

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

bool ParseHttpResponse(std::string_view block, HttpResponse* out, std::string* reason) {
  if (block.substr(0, 5) != "HTTP/") {
    *reason = "response record without an HTTP status line";
    return false;
  }
  size_t eol = block.find('\n');
  std::string_view status = block.substr(0, eol);
  size_t sp = status.find(' ');
  if (sp == std::string_view::npos || sp + 4 > status.size() ||
      !std::isdigit(static_cast<unsigned char>(status[sp + 1]))) {
    *reason = "malformed HTTP status line";
    return false;
  }
  out->status = std::atoi(std::string(status.substr(sp + 1, 3)).c_str());
  size_t crlf = block.find("\r\n\r\n");
  size_t lf = block.find("\n\n");
  size_t end, body;
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
    end = crlf;
    body = crlf + 4;
  } else if (lf != std::string_view::npos) {
    end = lf;
    body = lf + 2;
  } else {
    end = block.size();
    body = block.size();
  }
  out->headers =
      ParseHeaders(eol == std::string_view::npos ? "" : block.substr(eol + 1, end - eol - 1));
  std::string_view payload = block.substr(std::min(body, block.size()));
  std::string tmp;
  if (Lower(out->Header("transfer-encoding")).find("chunked") != std::string::npos &&
      Dechunk(payload, &tmp)) {
    out->body = std::move(tmp);
  } else {
    out->body.assign(payload);
  }
  std::string ce = Lower(out->Header("content-encoding"));
  if (ce == "gzip" || ce == "x-gzip" || ce == "deflate") {
    if (Inflate(out->body, false, &tmp) || (ce == "deflate" && Inflate(out->body, true, &tmp))) {
      out->body = std::move(tmp);
    }
  }
  return true;
}

}  // namespace dyad
