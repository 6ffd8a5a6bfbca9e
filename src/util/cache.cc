#include "util/cache.h"

#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "util/file.h"

namespace dyad {

namespace fs = std::filesystem;

std::string CacheDir() {
  if (const char* d = std::getenv("DYAD_CACHE_DIR"); d != nullptr && *d != '\0') {
    return std::string_view(d) == "off" ? std::string() : std::string(d);
  }
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x != '\0') {
    return std::string(x) + "/dyad";
  }
  if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') {
    return std::string(h) + "/.cache/dyad";
  }
  return {};
}

std::string Hex64(uint64_t v) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(v));
  return hex;
}

namespace {

constexpr size_t kMagicSize = 8;

// The header before the payload: magic, format, dyad version, key, payload size.
std::string Header(std::string_view magic, uint32_t format, uint64_t key, uint64_t size) {
  ImageWriter w;
  w.out.append(magic.substr(0, kMagicSize));
  w.out.resize(kMagicSize, '\0');
  w.U32(format);
  w.Str(DYAD_VERSION);
  w.U64(key);
  w.U64(size);
  return std::move(w.out);
}

}  // namespace

ImageState ReadImage(const std::string& path, std::string_view magic, uint32_t format, uint64_t key,
                     std::string* buffer, std::string_view* payload) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return ImageState::kAbsent;
  std::string& b = *buffer;
  if (!ReadFile(path, &b).ok()) return ImageState::kCorrupt;
  ImageReader r(b.data(), b.size());
  char m[kMagicSize] = {};
  r.Take(m, sizeof m);
  if (!r.ok || magic.size() < kMagicSize || std::memcmp(m, magic.data(), kMagicSize) != 0) {
    return ImageState::kCorrupt;
  }
  uint32_t f = r.U32();
  std::string version = r.Str();
  uint64_t k = r.U64();
  if (!r.ok) return ImageState::kCorrupt;
  if (f != format || version != DYAD_VERSION || k != key) return ImageState::kStale;
  uint64_t size = r.U64();
  size_t header = kMagicSize + 4 + 4 + version.size() + 8 + 8;
  if (!r.ok || b.size() < header + 8 || size != b.size() - header - 8) {
    return ImageState::kCorrupt;
  }
  std::string_view p(b.data() + header, size);
  uint64_t sum = 0;
  std::memcpy(&sum, b.data() + header + size, sizeof sum);
  if (XXH3_64bits(p.data(), p.size()) != sum) return ImageState::kCorrupt;
  *payload = p;
  // Last used now (PruneImages keeps the images used most recently).
  fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
  return ImageState::kOk;
}

bool WriteImage(const std::string& path, std::string_view magic, uint32_t format, uint64_t key,
                std::string_view payload) {
  std::error_code ec;
  fs::path dir = fs::path(path).parent_path();
  if (!dir.empty()) fs::create_directories(dir, ec);
  if (ec) return false;
  const std::string header = Header(magic, format, key, payload.size());
  const uint64_t sum = XXH3_64bits(payload.data(), payload.size());
  // A name no other process or thread uses at the same time.
  static std::atomic<uint64_t> counter{0};
  std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(counter.fetch_add(1)) + "." +
                    Hex64(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return false;
    f.write(header.data(), static_cast<std::streamsize>(header.size()));
    f.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    f.write(reinterpret_cast<const char*>(&sum), sizeof sum);
    f.flush();
    if (!f.good()) {
      f.close();
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return false;
  }
  // The kind: the file name up to its last '-' ("gazetteer-0123abcd.bin" -> "gazetteer").
  const std::string name = fs::path(path).filename().string();
  if (const size_t dash = name.rfind('-'); dash != std::string::npos && dash > 0) {
    PruneImages(dir.empty() ? "." : dir.string(), std::string_view(name).substr(0, dash), magic);
  }
  return true;
}

size_t PruneImages(const std::string& dir, std::string_view kind, std::string_view magic,
                   uint64_t max_bytes, int max_idle_days) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  const auto idle = std::chrono::hours(24) * max_idle_days;
  const std::string prefix = std::string(kind) + "-";
  struct Image {
    fs::file_time_type used;
    uint64_t bytes = 0;
    fs::path path;
  };
  std::vector<Image> images;
  size_t removed = 0;
  auto remove = [&](const fs::path& p) {
    std::error_code rec;
    if (fs::remove(p, rec)) ++removed;
  };
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const auto when = it->last_write_time(fec);
    if (fec) continue;
    if (name.find(".bin.tmp.") != std::string::npos) {  // WriteImage's temporary files
      if (now - when > std::chrono::hours(24)) remove(it->path());
      continue;
    }
    if (!name.ends_with(".bin")) continue;
    // Only dyad's images of this kind: the file begins with their magic.
    char m[kMagicSize] = {};
    {
      std::ifstream f(it->path(), std::ios::binary);
      if (!f.read(m, sizeof m)) continue;
    }
    if (magic.size() < kMagicSize || std::memcmp(m, magic.data(), kMagicSize) != 0) continue;
    const uint64_t bytes = it->file_size(fec);
    if (fec) continue;
    images.push_back({when, bytes, it->path()});
  }
  std::sort(images.begin(), images.end(), [](const Image& a, const Image& b) {
    return a.used > b.used;  // most recently used first
  });
  uint64_t total = 0;
  for (size_t i = 0; i < images.size(); ++i) {
    total += images[i].bytes;
    if ((i > 0 && total > max_bytes) || now - images[i].used > idle) remove(images[i].path);
  }
  return removed;
}

}  // namespace dyad
