// Compiled caches: binary images of what a slow load produced (the coder's dictionaries, the
// gazetteer), kept in a cache folder so that the next load reads the image instead of the
// sources. See docs/dictionaries.md and docs/geo.md.
//
// An image file is laid out (little-endian, as written):
//   magic (8 bytes) | u32 format version | str dyad version | u64 key | u64 payload size |
//   payload | u64 XXH3 of the payload
// The key is a hash of everything the payload depends on (its sources); the caller computes
// it. An image whose format, dyad version or key differ is stale; one whose magic, sizes or
// checksum are wrong is damaged. Images are written to a temporary file in the same folder and
// renamed into place, so concurrent processes never see half an image.
#ifndef DYAD_UTIL_CACHE_H_
#define DYAD_UTIL_CACHE_H_

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace dyad {

// Where compiled images are kept: $DYAD_CACHE_DIR ("off" disables the cache), else
// $XDG_CACHE_HOME/dyad, else ~/.cache/dyad. Empty when there is none.
std::string CacheDir();

// 16 lower-case hex digits.
std::string Hex64(uint64_t v);

// Appends values to a payload.
class ImageWriter {
 public:
  std::string out;
  void U8(uint8_t v) { out.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { Raw(v); }
  void I32(int32_t v) { Raw(v); }
  void I64(int64_t v) { Raw(v); }
  void U64(uint64_t v) { Raw(v); }
  void F64(double v) { Raw(v); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out.append(s);
  }
  void Strs(const std::vector<std::string>& v) {
    U32(static_cast<uint32_t>(v.size()));
    for (const auto& x : v) Str(x);
  }
  void Map(const std::map<std::string, std::string>& m) {
    U32(static_cast<uint32_t>(m.size()));
    for (const auto& [k, v] : m) {
      Str(k);
      Str(v);
    }
  }
  // An array of trivially copyable values, as its bytes.
  template <typename T>
  void Array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    U32(static_cast<uint32_t>(v.size()));
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }

 private:
  template <typename T>
  void Raw(T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
};

// Reads what ImageWriter wrote; every read checks the bounds, and any failure sticks (reads
// then return zeros and empty values).
class ImageReader {
 public:
  ImageReader(const char* p, size_t n) : p_(p), end_(p + n) {}
  explicit ImageReader(std::string_view b) : ImageReader(b.data(), b.size()) {}
  bool ok = true;
  bool Take(void* dst, size_t n) {
    if (!ok || static_cast<size_t>(end_ - p_) < n) return ok = false;
    std::memcpy(dst, p_, n);
    p_ += n;
    return true;
  }
  // A fixed-size value as ImageWriter wrote it (0 once a read failed).
  template <typename T>
  T Get() {
    T v = 0;
    Take(&v, sizeof v);
    return v;
  }
  uint8_t U8() { return Get<uint8_t>(); }
  uint32_t U32() { return Get<uint32_t>(); }
  int32_t I32() { return Get<int32_t>(); }
  int64_t I64() { return Get<int64_t>(); }
  uint64_t U64() { return Get<uint64_t>(); }
  double F64() { return Get<double>(); }
  // A count of items each at least `min_bytes` long: never more than the bytes left.
  uint32_t Count(size_t min_bytes) {
    uint32_t n = U32();
    if (ok && static_cast<size_t>(n) * min_bytes > static_cast<size_t>(end_ - p_)) ok = false;
    return ok ? n : 0;
  }
  std::string Str() {
    uint32_t n = Count(1);
    std::string s(p_, ok ? n : 0);
    if (ok) p_ += n;
    return s;
  }
  // As Str(), without a copy: valid while the image's bytes are.
  std::string_view View() {
    uint32_t n = Count(1);
    std::string_view s(p_, ok ? n : 0);
    if (ok) p_ += n;
    return s;
  }
  std::vector<std::string> Strs() {
    std::vector<std::string> v(Count(4));
    for (auto& x : v) x = Str();
    return v;
  }
  std::map<std::string, std::string> Map() {
    std::map<std::string, std::string> m;
    for (uint32_t n = Count(8); n-- > 0 && ok;) {
      std::string k = Str();
      m[k] = Str();
    }
    return m;
  }
  template <typename T>
  std::vector<T> Array() {
    static_assert(std::is_trivially_copyable_v<T>);
    std::vector<T> v(Count(sizeof(T)));
    if (!v.empty()) Take(v.data(), v.size() * sizeof(T));
    return v;
  }
  bool done() const { return ok && p_ == end_; }

 private:
  const char* p_;
  const char* end_;
};

enum class ImageState { kAbsent, kStale, kCorrupt, kOk };

// Reads the image at `path` into *buffer; when it is a valid image of `magic` (8 bytes),
// `format`, this dyad version and `key`, *payload views its payload inside *buffer.
ImageState ReadImage(const std::string& path, std::string_view magic, uint32_t format, uint64_t key,
                     std::string* buffer, std::string_view* payload);

// Writes an image atomically (creating its folder). Best effort: false when it could not be
// written, and nothing is left behind. Then prunes the folder (PruneImages) for the image's kind.
bool WriteImage(const std::string& path, std::string_view magic, uint32_t format, uint64_t key,
                std::string_view payload);

// A valid image's modification time is set when it is read (ReadImage), so it says when the
// image was last used. The cache folder stays bounded: of the images in `dir` named
// `<kind>-*.bin` that begin with `magic`, the most recently used stay while together they take
// at most `max_bytes` (the most recent one always stays) and the others go, as do those unused
// for `max_idle_days`; temporary files of `<kind>-` that a killed writer left (older than a day)
// go too. Files that are not such images are never touched. A process reading an image that is
// removed keeps its open file; the next load rebuilds it. Returns how many files were removed.
size_t PruneImages(const std::string& dir, std::string_view kind, std::string_view magic,
                   uint64_t max_bytes = uint64_t{512} << 20, int max_idle_days = 60);

}  // namespace dyad

#endif  // DYAD_UTIL_CACHE_H_
