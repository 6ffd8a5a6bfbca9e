// Event exports: dyad's columns (CSV, TSV, JSON Lines) and GDELT 2.0 / ICEWS-style tables.

#include "dyad/export.h"

#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <vector>

#include "dyad/cameo.h"
#include "serve/json.h"
#include "util/strings.h"

namespace dyad {
namespace {

// CAMEO role (sector) codes and the names ICEWS-style tables use for them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 33> kRoles = {{
    {"GOV", "Government"},
    {"MIL", "Military"},
    {"COP", "Police"},
    {"JUD", "Judiciary"},
    {"LEG", "Legislative"},
    {"OPP", "Opposition"},
    {"REB", "Rebels"},
    {"INS", "Insurgents"},
    {"SEP", "Separatists"},
    {"UAF", "Unaligned Armed Forces"},
    {"SPY", "Intelligence"},
    {"PTY", "Political Party"},
    {"BUS", "Business"},
    {"CVL", "Civilians"},
    {"MED", "Media"},
    {"EDU", "Education"},
    {"HLH", "Health"},
    {"LAB", "Labor"},
    {"REF", "Refugees"},
    {"ELI", "Elites"},
    {"AGR", "Agriculture"},
    {"CRM", "Criminals"},
    {"HRI", "Human Rights"},
    {"ENV", "Environment"},
    {"REL", "Religious"},
    {"RAD", "Radicals"},
    {"MOD", "Moderates"},
    {"IGO", "International Organization"},
    {"NGO", "Non-Governmental Organization"},
    {"NGM", "Non-Governmental Movement"},
    {"MNC", "Multinational Corporation"},
    {"IMG", "International Militarized Group"},
    {"DEV", "Development"},
}};

bool IsBodyPrefix(std::string_view c) {
  return c == "IGO" || c == "NGO" || c == "IMG" || c == "MNC";
}

// A CAMEO actor code split into GDELT's parts: country, known group, and up to three roles.
struct ActorParts {
  std::string country, group;
  std::vector<std::string> roles;
};

ActorParts SplitActor(std::string_view code) {
  ActorParts p;
  size_t i = 0;
  if (code.size() >= 3 && IsBodyPrefix(code.substr(0, 3))) {
    p.group = std::string(code.substr(0, std::min<size_t>(6, code.size())));
    i = p.group.size();
  } else if (code.size() >= 3 && CameoRoleName(code.substr(0, 3)).empty()) {
    p.country = std::string(code.substr(0, 3));
    i = 3;
  }
  for (; i + 3 <= code.size() && p.roles.size() < 3; i += 3) {
    std::string_view r = code.substr(i, 3);
    if (!CameoRoleName(r).empty()) p.roles.emplace_back(r);
  }
  return p;
}

std::string Sectors(std::string_view code) {
  std::string out;
  for (const auto& r : SplitActor(code).roles) {
    if (!out.empty()) out += ',';
    out += CameoRoleName(r);
  }
  return out;
}

std::string Field(std::string_view s, char sep) {
  // CSV quoting; for tab-separated output, tabs and newlines become spaces (GDELT and ICEWS
  // files have no quoting).
  if (sep == '\t') {
    std::string out(s);
    for (char& c : out) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    return out;
  }
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void Row(std::ostream& out, const std::vector<std::string>& fields, char sep) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out << sep;
    out << Field(fields[i], sep);
  }
  out << '\n';
}

std::string JsonScalar(const ojson& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
  return v.dump();
}

std::string Num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// GDELT's date forms from an ISO date: YYYYMMDD, YYYYMM, YYYY and YYYY.FFFF.
struct GdeltDate {
  std::string day, month, year, fraction;
};
GdeltDate ToGdelt(const std::string& iso) {
  GdeltDate g;
  if (iso.size() < 4) return g;
  g.year = iso.substr(0, 4);
  int m = iso.size() >= 7 ? std::atoi(iso.substr(5, 2).c_str()) : 0;
  int d = iso.size() >= 10 ? std::atoi(iso.substr(8, 2).c_str()) : 0;
  if (m > 0) g.month = g.year + iso.substr(5, 2);
  if (d > 0) g.day = g.month + iso.substr(8, 2);
  // GDELT's own approximation: (month * 30 + day) / 365.
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.4f", std::atoi(g.year.c_str()) + (m * 30 + d) / 365.0);
  g.fraction = buf;
  return g;
}

const std::vector<std::string>& GdeltColumns() {
  static const std::vector<std::string> kCols = [] {
    std::vector<std::string> c = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"};
    for (const char* a : {"Actor1", "Actor2"}) {
      for (const char* f :
           {"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code"}) {
        c.push_back(std::string(a) + f);
      }
    }
    for (const char* f :
         {"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"}) {
      c.push_back(f);
    }
    for (const char* g : {"Actor1Geo", "Actor2Geo", "ActionGeo"}) {
      for (const char* f : {"_Type", "_FullName", "_CountryCode", "_ADM1Code", "_ADM2Code", "_Lat",
                            "_Long", "_FeatureID"}) {
        c.push_back(std::string(g) + f);
      }
    }
    c.push_back("DATEADDED");
    c.push_back("SOURCEURL");
    return c;
  }();
  return kCols;
}

// GDELT's ActionGeo_* fields from the event's place (docs/export.md): type 1 country,
// 2 US state, 3 US city, 4 world city, 5 world state (division); the country is ISO alpha-3
// (GDELT uses FIPS 10-4) and the feature id the GeoNames id.
std::vector<std::string> ActionGeo(const EventRow& e) {
  if (!e.has_place) return std::vector<std::string>(8, "");
  bool us = e.place_country == "USA";
  std::string type = e.place_kind == "country"  ? "1"
                     : e.place_kind == "admin1" ? (us ? "2" : "5")
                     : e.place_kind == "region" ? ""
                     : us                       ? "3"
                                                : "4";
  std::string full = e.place;
  if (!e.place_admin1.empty() && e.place_admin1 != e.place) full += ", " + e.place_admin1;
  std::string cname = e.place_country.empty() ? "" : CountryName(e.place_country);
  if (e.place_kind != "country" && !cname.empty()) full += ", " + cname;
  return {
      type, full,       e.place_country, "",
      "",   Num(e.lat), Num(e.lon),      e.geonames_id > 0 ? std::to_string(e.geonames_id) : ""};
}

std::vector<std::string> GdeltRow(const EventRow& e) {
  std::vector<std::string> r;
  GdeltDate d = ToGdelt(e.date);
  r = {std::to_string(e.id), d.day, d.month, d.year, d.year.empty() ? "" : d.fraction};
  for (int side = 0; side < 2; ++side) {
    const std::string& code = side == 0 ? e.source : e.target;
    const std::string& name = side == 0 ? e.source_text : e.target_text;
    ActorParts p = SplitActor(code);
    p.roles.resize(3);
    r.insert(r.end(), {code, Upper(name), p.country, p.group, "", "", "", p.roles[0], p.roles[1],
                       p.roles[2]});
  }
  std::string base = e.code.substr(0, std::min<size_t>(3, e.code.size()));
  r.insert(r.end(), {e.sentence_index == 0 ? "1" : "0", e.code, base, e.cameo_root,
                     e.quad_class > 0 ? std::to_string(e.quad_class) : "",
                     e.has_goldstein ? Num(e.goldstein) : "", std::to_string(e.mentions),
                     std::to_string(e.sources), std::to_string(e.sources), ""});
  r.insert(r.end(), 16, "");  // actors' own places: not geocoded
  std::vector<std::string> action = ActionGeo(e);
  r.insert(r.end(), action.begin(), action.end());
  r.push_back(d.day.empty() ? "" : d.day + "000000");
  r.push_back(e.url.empty() ? e.origin : e.url);
  return r;
}

const std::vector<std::string>& IcewsColumns() {
  static const std::vector<std::string> kCols = {
      "Event ID",       "Event Date", "Source Name",     "Source Sectors", "Source Country",
      "Event Text",     "CAMEO Code", "Intensity",       "Target Name",    "Target Sectors",
      "Target Country", "Story ID",   "Sentence Number", "Publisher",      "City",
      "District",       "Province",   "Country",         "Latitude",       "Longitude"};
  return kCols;
}

std::vector<std::string> IcewsRow(const EventRow& e) {
  const CameoCode* c = LookupCameo(e.code);
  auto country = [](const std::string& code) {
    ActorParts p = SplitActor(code);
    return p.country.empty() ? std::string() : CountryName(p.country);
  };
  return {std::to_string(e.id),
          e.date,
          e.source_text,
          Sectors(e.source),
          country(e.source),
          c ? c->label : "",
          e.code,
          e.has_goldstein ? Num(e.goldstein) : "",
          e.target_text,
          Sectors(e.target),
          country(e.target),
          std::to_string(e.article_id),
          std::to_string(e.sentence_index + 1),
          e.publisher,
          e.has_place && e.place_kind == "city" ? e.place : "",
          e.has_place && e.place_kind == "admin2" ? e.place : "",
          !e.has_place               ? ""
          : e.place_kind == "admin1" ? e.place
                                     : e.place_admin1,
          e.has_place && !e.place_country.empty() ? CountryName(e.place_country) : "",
          e.has_place ? Num(e.lat) : "",
          e.has_place ? Num(e.lon) : ""};
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "tsv") return ExportFormat::kTsv;
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "gdelt") return ExportFormat::kGdelt;
  if (name == "icews") return ExportFormat::kIcews;
  return Status::InvalidArgument("export format must be csv, tsv, jsonl, gdelt or icews, not '" +
                                 std::string(name) + "'");
}

std::string_view CameoRoleName(std::string_view role) {
  for (const auto& [code, name] : kRoles) {
    if (code == role) return name;
  }
  return {};
}

std::string CountryName(std::string_view alpha3) {
  static std::once_flag once;
  static std::map<std::string, std::string, std::less<>>* names = nullptr;
  std::call_once(once, [] {
    names = new std::map<std::string, std::string, std::less<>>();
    std::ifstream in("/usr/share/iso-codes/json/iso_3166-1.json");
    if (!in) return;
    std::stringstream buf;
    buf << in.rdbuf();
    auto j = nlohmann::json::parse(buf.str(), nullptr, false);
    if (j.is_discarded() || !j.contains("3166-1")) return;
    for (const auto& c : j["3166-1"]) {
      if (!c.contains("alpha_3") || !c.contains("name")) continue;
      // Prefer the common name ("Russia" over "Russian Federation") where iso-codes has one.
      std::string name = c.contains("common_name") ? c["common_name"].get<std::string>()
                                                   : c["name"].get<std::string>();
      (*names)[c["alpha_3"].get<std::string>()] = name;
    }
  });
  auto it = names->find(alpha3);
  return it == names->end() ? std::string() : it->second;
}

Result<int64_t> ExportEvents(const Store& store, const Store::EventFilter& filter,
                             const ExportOptions& o, std::ostream& out) {
  int64_t n = 0;
  const char sep = o.format == ExportFormat::kCsv ? ',' : '\t';
  if (o.format == ExportFormat::kCsv || o.format == ExportFormat::kTsv) {
    if (o.header) {
      std::vector<std::string> names;
      for (const auto& c : EventColumns(EventRow{})) names.emplace_back(c.first);
      Row(out, names, sep);
    }
  } else if (o.format == ExportFormat::kGdelt && o.gdelt_header) {
    Row(out, GdeltColumns(), '\t');
  } else if (o.format == ExportFormat::kIcews && o.header) {
    Row(out, IcewsColumns(), '\t');
  }
  Status s = store.ForEachEvent(filter, [&](const EventRow& e) {
    switch (o.format) {
      case ExportFormat::kJsonl:
        out << EventJson(e).dump() << '\n';
        break;
      case ExportFormat::kCsv:
      case ExportFormat::kTsv: {
        std::vector<std::string> fields;
        for (const auto& c : EventColumns(e)) fields.push_back(JsonScalar(c.second));
        Row(out, fields, sep);
        break;
      }
      case ExportFormat::kGdelt:
        Row(out, GdeltRow(e), '\t');
        break;
      case ExportFormat::kIcews:
        Row(out, IcewsRow(e), '\t');
        break;
    }
    ++n;
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  if (!out) return Status::IOError("cannot write the export (disk full or closed pipe?)");
  return n;
}

}  // namespace dyad
