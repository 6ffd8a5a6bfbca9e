#include "ingest/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace dyad {

namespace {
constexpr size_t kBlock = 1 << 20;
}

Result<InputFile> InputFile::Open(const std::string& path) {
  InputFile f;
  f.fd_ = path == "-" ? dup(STDIN_FILENO) : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f.fd_ < 0) return Status::IOError(std::strerror(errno));
  DYAD_RETURN_IF_ERROR(f.DetectCompression());
  return f;
}

Result<InputFile> InputFile::FromBytes(std::string_view bytes) {
  InputFile f;
  f.pending_.assign(bytes);
  f.raw_offset_ = bytes.size();
  f.raw_eof_ = true;
  DYAD_RETURN_IF_ERROR(f.DetectCompression());
  return f;
}

Status InputFile::DetectCompression() {
  // Read ahead far enough to see the gzip magic bytes.
  while (pending_.size() < 2) {
    char c;
    auto r = ReadRaw(&c, 1);
    if (!r.ok()) return r.status();
    if (*r == 0) break;
    pending_.push_back(c);
  }
  if (pending_.size() >= 2 && static_cast<unsigned char>(pending_[0]) == 0x1f &&
      static_cast<unsigned char>(pending_[1]) == 0x8b) {
    zs_ = std::make_unique<z_stream>();
    if (inflateInit2(zs_.get(), 15 + 16) != Z_OK) return Status::Internal("inflateInit2 failed");
    compressed_ = true;
    in_ = std::move(pending_);
    pending_.clear();
    zs_->next_in = reinterpret_cast<Bytef*>(in_.data());
    zs_->avail_in = static_cast<uInt>(in_.size());
  }
  return Status::OK();
}

InputFile::InputFile(InputFile&& o) noexcept
    : fd_(o.fd_),
      compressed_(o.compressed_),
      raw_eof_(o.raw_eof_),
      stream_done_(o.stream_done_),
      raw_offset_(o.raw_offset_),
      pending_(std::move(o.pending_)),
      zs_(std::move(o.zs_)) {
  // zs_->next_in points into in_; keep it valid across the move.
  size_t consumed = zs_ != nullptr && zs_->next_in != nullptr
                        ? static_cast<size_t>(reinterpret_cast<char*>(zs_->next_in) - o.in_.data())
                        : 0;
  in_ = std::move(o.in_);
  if (zs_ != nullptr) zs_->next_in = reinterpret_cast<Bytef*>(in_.data() + consumed);
  o.fd_ = -1;
  o.compressed_ = false;
}

InputFile::~InputFile() {
  if (zs_ != nullptr) inflateEnd(zs_.get());
  if (fd_ >= 0) close(fd_);
}

Result<size_t> InputFile::ReadRaw(char* buf, size_t n) {
  if (raw_eof_ || fd_ < 0) return static_cast<size_t>(0);
  for (;;) {
    ssize_t got = read(fd_, buf, n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Status::IOError(std::strerror(errno));
    if (got == 0) raw_eof_ = true;
    raw_offset_ += static_cast<uint64_t>(got);
    return static_cast<size_t>(got);
  }
}

Result<size_t> InputFile::Read(char* buf, size_t n) {
  if (!compressed_) {
    if (!pending_.empty()) {
      size_t k = std::min(n, pending_.size());
      std::memcpy(buf, pending_.data(), k);
      pending_.erase(0, k);
      return k;
    }
    return ReadRaw(buf, n);
  }
  zs_->next_out = reinterpret_cast<Bytef*>(buf);
  zs_->avail_out = static_cast<uInt>(n);
  while (zs_->avail_out > 0) {
    if (zs_->avail_in == 0) {
      in_.resize(kBlock);
      auto got = ReadRaw(in_.data(), in_.size());
      if (!got.ok()) return got.status();
      in_.resize(*got);
      zs_->next_in = reinterpret_cast<Bytef*>(in_.data());
      zs_->avail_in = static_cast<uInt>(in_.size());
      if (*got == 0) {
        size_t produced = n - zs_->avail_out;
        if (produced > 0) return produced;  // deliver what we have; report on the next call
        if (stream_done_) return static_cast<size_t>(0);
        return Status::Corruption("truncated gzip stream");
      }
    }
    if (stream_done_) {
      // Another gzip member follows (multi-member files, as WARC.gz uses).
      inflateReset(zs_.get());
      stream_done_ = false;
    }
    int rc = inflate(zs_.get(), Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      stream_done_ = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      size_t produced = n - zs_->avail_out;
      if (produced > 0) return produced;
      return Status::Corruption(std::string("corrupt gzip data: ") +
                                (zs_->msg != nullptr ? zs_->msg : "inflate error"));
    }
  }
  return n - zs_->avail_out;
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + kBlock);
  auto got = in_->Read(buf_.data() + old, kBlock);
  if (!got.ok()) {
    buf_.resize(old);
    status_ = got.status();
    eof_ = true;
    return false;
  }
  buf_.resize(old + *got);
  if (*got == 0) eof_ = true;
  return *got > 0;
}

bool LineReader::ReadRest(std::string* out, size_t cap, uint64_t* total) {
  while (buf_.size() - pos_ <= cap && Fill()) {
  }
  *total = buf_.size() - pos_;
  if (*total > cap) {
    // Drain and count the rest without keeping it.
    while (true) {
      buf_.clear();
      pos_ = 0;
      if (!Fill()) break;
      *total += buf_.size();
    }
    buf_.clear();
    return false;
  }
  out->append(buf_, pos_, std::string::npos);
  pos_ = buf_.size();
  return true;
}

Result<size_t> LineReader::Read(char* out, size_t n) {
  if (pos_ < buf_.size()) {
    size_t k = std::min(n, buf_.size() - pos_);
    std::memcpy(out, buf_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  if (eof_) {
    if (!status_.ok()) return status_;
    return static_cast<size_t>(0);
  }
  auto got = in_->Read(out, n);
  if (!got.ok()) {
    status_ = got.status();
    eof_ = true;
    return got.status();
  }
  if (*got == 0) eof_ = true;
  return *got;
}

std::string_view LineReader::Peek(size_t n) {
  while (buf_.size() - pos_ < n && Fill()) {
  }
  return std::string_view(buf_).substr(pos_, n);
}

LineReader::Outcome LineReader::Next(std::string* line, uint64_t* full_size) {
  size_t scanned = pos_;
  for (;;) {
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(buf_.data() + scanned, '\n', buf_.size() - scanned);
    if (nl != nullptr) {
      size_t len = static_cast<const char*>(nl) - start;
      ++line_no_;
      *full_size = len;
      if (len > max_line_) {
        line->assign(start, max_line_);
        pos_ += len + 1;
        return Outcome::kTooLong;
      }
      line->assign(start, len);
      pos_ += len + 1;
      return Outcome::kLine;
    }
    size_t pending = buf_.size() - pos_;
    if (pending > max_line_) {
      // Over-long line: keep its head, then discard until the next newline.
      ++line_no_;
      line->assign(start, max_line_);
      uint64_t total = pending;
      pos_ = buf_.size();
      for (;;) {
        buf_.clear();
        pos_ = 0;
        if (!Fill()) {
          *full_size = total + buf_.size();
          return status_.ok() ? Outcome::kTooLong : Outcome::kError;
        }
        const void* e = std::memchr(buf_.data(), '\n', buf_.size());
        if (e != nullptr) {
          size_t rest = static_cast<const char*>(e) - buf_.data();
          total += rest;
          pos_ = rest + 1;
          *full_size = total;
          return Outcome::kTooLong;
        }
        total += buf_.size();
      }
    }
    scanned = buf_.size();
    size_t before = pos_;
    if (!Fill()) {
      if (!status_.ok()) return Outcome::kError;
      if (buf_.size() > pos_) {
        ++line_no_;
        line->assign(buf_.data() + pos_, buf_.size() - pos_);
        *full_size = line->size();
        pos_ = buf_.size();
        return Outcome::kLine;
      }
      return Outcome::kEnd;
    }
    // Fill() compacted the buffer: rebase the scan position.
    scanned -= before;
  }
}

}  // namespace dyad
