// The gazetteer's internals: what a loaded gazetteer holds, its flat name tables, and its
// compiled image (the gazetteer cache, docs/geo.md). Used by gazetteer.cc, gazetteer_cache.cc
// and their tests.
#ifndef DYAD_GEO_GAZETTEER_IMPL_H_
#define DYAD_GEO_GAZETTEER_IMPL_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/geo.h"
#include "util/cache.h"

namespace dyad::geo {

// A read-only map from strings to lists of numbers in a few flat arrays: the keys in one text
// buffer, the lists in one array, and an open-addressing table of entries. Built once (Add,
// then Finish), then only looked up; its arrays are what the compiled image holds, so loading
// it is a copy, not a rebuild.
class NameTable {
 public:
  struct Entry {
    uint32_t hash;  // low 32 bits of the key's hash
    uint32_t key_begin, key_size;
    uint32_t values_begin, values_size;
  };
  // Adds a key (which must not be in the table yet) and its values.
  void Add(std::string_view key, std::span<const uint32_t> values);
  // Builds the lookup table; call once after the last Add.
  void Finish();
  std::span<const uint32_t> Find(std::string_view key) const;
  size_t size() const { return entries_.size(); }
  std::string_view key(size_t i) const {
    return std::string_view(keys_).substr(entries_[i].key_begin, entries_[i].key_size);
  }
  std::span<const uint32_t> values(size_t i) const {
    return std::span<const uint32_t>(values_).subspan(entries_[i].values_begin,
                                                      entries_[i].values_size);
  }
  void Write(ImageWriter* w) const;
  // Reads what Write wrote; false (and an empty table) when it is inconsistent or a value is
  // `limit` or more.
  bool Read(ImageReader* r, uint32_t limit);

 private:
  static uint64_t Hash(std::string_view key);
  std::string keys_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> values_;
  std::vector<uint32_t> slots_;  // entry + 1, 0 for an empty slot; a power of two in size
};

struct Gazetteer::Impl {
  std::vector<Place> places;
  NameTable index;              // normalised name -> places
  NameTable words_after_first;  // first word -> {longest name (in words) starting with it}
  std::unordered_map<std::string, uint32_t> countries;  // alpha-2 -> place
  std::unordered_map<std::string, uint32_t> admin1;     // "CC.code" -> place
  std::unordered_map<std::string, std::string> a3to2, a2to3;
  std::unordered_map<std::string, std::vector<uint32_t>> abbreviations;
  std::unordered_map<std::string, std::string> demonyms;
  double load_seconds = 0;
  int max_words = 1;
  bool from_cache = false;  // read from a compiled image rather than built from the sources
};

// Access to a gazetteer's internals (for the cache's tests).
struct GazetteerInternals {
  static const Gazetteer::Impl& Of(const Gazetteer& g) { return *g.impl_; }
};

// The compiled image's payload of a gazetteer, and back (false when it is inconsistent).
std::string SerializeGazetteer(const Gazetteer::Impl& g);
bool DeserializeGazetteer(std::string_view payload, Gazetteer::Impl* g);

// The cache file for these paths ("" when the cache is off), and the key of an image of the
// sources as they are now: the format version, and each input's path, size and mtime.
std::string GazetteerCachePath(const GazetteerPaths& paths);
uint64_t GazetteerSourceKey(const GazetteerPaths& paths);

// The gazetteer's image in the cache, if there is a valid one for `key`.
bool ReadGazetteerCache(const std::string& path, uint64_t key, Gazetteer::Impl* g);
void WriteGazetteerCache(const std::string& path, uint64_t key, const Gazetteer::Impl& g);

}  // namespace dyad::geo

#endif  // DYAD_GEO_GAZETTEER_IMPL_H_
