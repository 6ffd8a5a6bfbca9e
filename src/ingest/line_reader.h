// Streaming input for the readers: files (plain or gzip, detected from the magic bytes by
// zlib) and stdin, read in large blocks, split into lines with a cap on line length.
#ifndef DYAD_INGEST_LINE_READER_H_
#define DYAD_INGEST_LINE_READER_H_

#include <zlib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad {

class InputFile {
 public:
  // Opens `path` ("-" for stdin) for reading. gzip input (detected from its magic bytes) is
  // decompressed as it is read, member after member; a truncated or corrupt stream yields
  // everything before the damage and then an error.
  static Result<InputFile> Open(const std::string& path);
  // The same over bytes in memory (copied), for ReadBuffer and tests.
  static Result<InputFile> FromBytes(std::string_view bytes);
  InputFile(InputFile&& o) noexcept;
  InputFile& operator=(InputFile&&) = delete;
  InputFile(const InputFile&) = delete;
  ~InputFile();

  // Reads up to `n` bytes; returns the count (0 at end of input) or an error.
  Result<size_t> Read(char* buf, size_t n);
  bool compressed() const { return compressed_; }
  // Raw (compressed) bytes consumed so far, for progress against the file size.
  uint64_t raw_offset() const { return raw_offset_; }

 private:
  InputFile() = default;
  // Reads ahead to detect gzip and sets up decompression.
  Status DetectCompression();
  Result<size_t> ReadRaw(char* buf, size_t n);
  int fd_ = -1;  // -1 for in-memory input (all of it in pending_)
  bool compressed_ = false;
  bool raw_eof_ = false;
  bool stream_done_ = false;  // the current gzip member ended
  uint64_t raw_offset_ = 0;
  std::string pending_;  // raw bytes read ahead to detect the format
  std::string in_;       // compressed input buffer
  // Heap-allocated: zlib's state points back at its z_stream, so it must not move.
  std::unique_ptr<z_stream> zs_;
};

// Splits an InputFile into lines ('\n' removed, a trailing '\r' kept for the caller).
class LineReader {
 public:
  LineReader(InputFile* in, size_t max_line) : in_(in), max_line_(max_line) {}

  enum class Outcome { kLine, kTooLong, kEnd, kError };
  // kLine: *line holds the next line. kTooLong: the line exceeded max_line bytes; *line holds
  // its first max_line bytes, *full_size its real length, and the rest was skipped.
  // kEnd: no more input. kError: a read error (message in status()).
  Outcome Next(std::string* line, uint64_t* full_size);
  // Appends everything not yet returned to *out. Returns false when more than `cap` bytes
  // remain (then *total is at least cap + 1 and the input was read to its end).
  bool ReadRest(std::string* out, size_t cap, uint64_t* total);
  const Status& status() const { return status_; }
  uint64_t line_number() const { return line_no_; }
  // Bytes of input seen so far (the first block is read before any line is returned).
  std::string_view Peek(size_t n);
  // Reads up to `n` bytes not yet returned (buffered ones first): the count, 0 at the end, or
  // an error (then status() holds it too).
  Result<size_t> Read(char* out, size_t n);
  uint64_t raw_offset() const { return in_->raw_offset(); }

 private:
  bool Fill();
  InputFile* in_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  uint64_t line_no_ = 0;
  Status status_;
};

}  // namespace dyad

#endif  // DYAD_INGEST_LINE_READER_H_
