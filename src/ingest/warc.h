// A streaming WARC reader (WARC/1.0 and 1.1, plain or gzip: one member per record, or several
// records in one member), and the HTTP response parser for `response` records.
#ifndef DYAD_INGEST_WARC_H_
#define DYAD_INGEST_WARC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/line_reader.h"

namespace dyad {

struct WarcRecord {
  int64_t number = 0;   // 1-based position in the file
  uint64_t offset = 0;  // byte offset of the record in the (decompressed) stream
  std::string type;     // WARC-Type, lower-case: response, resource, request, warcinfo, ...
  std::string target_uri;
  std::string date;  // WARC-Date
  std::string record_id;
  std::string content_type;  // the record's Content-Type header
  std::string block;         // the content block (Content-Length bytes)
};

class WarcReader {
 public:
  // Reads from `lines` (which may already hold bytes peeked from the input). Blocks larger
  // than `max_block` are skipped (kTooLarge) without being kept in memory.
  WarcReader(LineReader* lines, size_t max_block) : lines_(lines), max_block_(max_block) {}

  enum class Outcome {
    kRecord,    // *rec holds the next record
    kTooLarge,  // the next record's block is over the limit; skipped (rec has its headers)
    kEnd,       // no more records
    kBroken,    // truncated or corrupt from here on; error() says what; stop reading
  };
  Outcome Next(WarcRecord* rec);
  const std::string& error() const { return error_; }
  // Records started so far (the number of the record a kBroken outcome concerns).
  int64_t records() const { return number_; }

 private:
  bool Fill(size_t want);  // ensures `want` bytes are buffered if the input has them
  std::string buf_;
  size_t pos_ = 0;
  uint64_t consumed_ = 0;  // stream offset of buf_[0]
  bool eof_ = false;
  LineReader* lines_;
  size_t max_block_;
  int64_t number_ = 0;
  std::string error_;
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;  // de-chunked and decompressed (gzip/deflate Content-Encoding)
  std::string Header(std::string_view name) const;
};

// Parses an HTTP/1.x response (status line, headers, body). False with *reason when the block
// is not one.
bool ParseHttpResponse(std::string_view block, HttpResponse* out, std::string* reason);

}  // namespace dyad

#endif  // DYAD_INGEST_WARC_H_
