// Unit tests of place-name recognition and resolution on our own sentences. They need the
// gazetteer (scripts/install-geo.sh) and skip without it.
#include <gtest/gtest.h>

#include <string>

#include "dyad/geo.h"

namespace dyad::geo {
namespace {

const Gazetteer* G() {
  auto g = Gazetteer::Default();
  return g.ok() ? *g : nullptr;
}

#define REQUIRE_GAZETTEER() \
  if (G() == nullptr) GTEST_SKIP() << "gazetteer not installed (install-geo.sh)"

struct Found {
  std::string text, name, country;
  PlaceKind kind;
};

std::vector<Found> Tag(std::string_view text, const TagOptions& o = {}) {
  std::vector<Found> out;
  for (const PlaceMention& m : TagPlaces(*G(), text, o)) {
    Found f{std::string(text.substr(m.begin, m.end - m.begin)), "", "", PlaceKind::kCity};
    if (m.place >= 0) {
      const Place& p = G()->place(static_cast<uint32_t>(m.place));
      f.name = p.name;
      f.country = p.country;
      f.kind = p.kind;
    }
    out.push_back(f);
  }
  return out;
}

TEST(GeoNormalise, FoldsCaseDiacriticsApostrophesAndAbbreviations) {
  EXPECT_EQ(NormaliseName("Nur-Sultan"), "nur sultan");
  EXPECT_EQ(NormaliseName("Xi\xE2\x80\x99"
                          "an"),
            "xian");
  EXPECT_EQ(NormaliseName("Z\xC3\xBCrich"), "zurich");
  EXPECT_EQ(NormaliseName("St. Louis"), "saint louis");
  EXPECT_EQ(NormaliseName("U.S."), "us");
  EXPECT_EQ(NormaliseName("\xC5\x81\xC3\xB3"
                          "d\xC5\xBA"),
            "lodz");
  EXPECT_EQ(NormaliseName(""), "");
  EXPECT_EQ(NormaliseName("\xFF\xFE broken"), "\xFF\xFE broken");
}

TEST(GeoDistance, KnownDistances) {
  EXPECT_NEAR(DistanceKm(0, 0, 0, 0), 0, 1e-9);
  EXPECT_NEAR(DistanceKm(51.18, 71.45, 43.25, 76.95), 1000, 60);  // Astana - Almaty
  EXPECT_NEAR(DistanceKm(0, 179.5, 0, -179.5), 111, 2);
}

TEST(GeoTag, CentralAsianCitiesAndCountries) {
  REQUIRE_GAZETTEER();
  auto f = Tag("Leaders met in Astana, Kazakhstan, before flying to Tashkent and Almaty.");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].text, "Astana");
  EXPECT_EQ(f[0].country, "KZ");
  EXPECT_EQ(f[1].text, "Kazakhstan");
  EXPECT_EQ(f[1].kind, PlaceKind::kCountry);
  EXPECT_EQ(f[2].country, "UZ");
  EXPECT_EQ(f[3].country, "KZ");
}

TEST(GeoTag, DivisionsOfUkraine) {
  REQUIRE_GAZETTEER();
  auto f = Tag("Russia annexed Crimea in 2014 and fighting continues in Donetsk.");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].kind, PlaceKind::kCountry);
  EXPECT_EQ(f[1].text, "Crimea");
  EXPECT_EQ(f[1].country, "UA");
  EXPECT_EQ(f[2].text, "Donetsk");
  EXPECT_EQ(f[2].country, "UA");
}

TEST(GeoTag, PavlodarInKazakhstan) {
  REQUIRE_GAZETTEER();
  auto f = Tag("Workers in Pavlodar joined the strike.");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].country, "KZ");
}

TEST(GeoTag, CountryContextChoosesAmongNamesakes) {
  REQUIRE_GAZETTEER();
  // Paris: France by population; Paris, Texas with a Texan context.
  auto a = Tag("The delegation arrived in Paris on Monday.");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].country, "FR");
  auto b = Tag("Police in Paris, Texas, said the road near Dallas was closed.");
  ASSERT_GE(b.size(), 2u);
  EXPECT_EQ(b[0].text, "Paris");
  EXPECT_EQ(b[0].country, "US");
  // Minas: the Cuban town alone, but Uruguay's with Montevideo named.
  auto c = Tag("Troops left Montevideo for Minas on Friday.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].country, "UY");
}

TEST(GeoTag, OutsideContextCountries) {
  REQUIRE_GAZETTEER();
  TagOptions o;
  o.context_countries = {"US"};
  auto f = Tag("The fire started near Alexandria overnight.", o);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].country, "US");
}

TEST(GeoTag, AbbreviatedStateAfterATown) {
  REQUIRE_GAZETTEER();
  auto f = Tag("He grew up in Paris, Tenn., and moved away.");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[1].text, "Tenn.");
  EXPECT_EQ(f[0].country, "US");
}

TEST(GeoTag, PeopleDemonymsAndCommonWordsAreNotPlaces) {
  REQUIRE_GAZETTEER();
  EXPECT_TRUE(Tag("President Jackson spoke to Mr Lincoln.").empty());
  EXPECT_TRUE(Tag("Russian and Kazakh officials met.").empty());
  EXPECT_TRUE(Tag("March was cold. In March the talks resumed.").empty());
  // A surname once seen in a full name is the person afterwards.
  auto f = Tag("Michael Jones said the plan works. Jones added that it was cheap.");
  EXPECT_TRUE(f.empty()) << f[0].text;
  // "Reading" is a town only where the text says so.
  EXPECT_TRUE(Tag("Reading the report, she frowned. He was reading it too.").empty());
  EXPECT_EQ(Tag("She was reading the news in Reading.").size(), 1u);
}

TEST(GeoTag, DemonymsOnRequestAndAsContext) {
  REQUIRE_GAZETTEER();
  TagOptions o;
  o.demonyms = true;
  auto f = Tag("Georgian troops withdrew.", o);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].country, "GE");
}

TEST(GeoTag, BadInputNeverCrashes) {
  REQUIRE_GAZETTEER();
  EXPECT_TRUE(Tag("").empty());
  std::string junk = "\xFF\xC3 Astana\xE2\x80 \xE2 ,,, U.S.A. St. St";
  for (int i = 0; i < 256; ++i) junk += static_cast<char>(i);
  (void)Tag(junk);
  std::vector<std::pair<uint32_t, uint32_t>> spans = {{5, 2}, {0, 1000}, {3, 3}, {40, 50}, {9, 2}};
  auto r = ResolveSpans(*G(), "short", spans);
  ASSERT_EQ(r.size(), 5u);
  for (const auto& m : r) EXPECT_EQ(m.place, -1);
}

TEST(GeoGazetteer, CodesAndRenamedPlaces) {
  REQUIRE_GAZETTEER();
  EXPECT_EQ(G()->Alpha2("KAZ"), "KZ");
  EXPECT_EQ(G()->Alpha3("KZ"), "KAZ");
  ASSERT_NE(G()->Country("KZ"), nullptr);
  // A renamed capital answers to both names.
  bool astana = false, nur = false;
  for (uint32_t i : G()->Lookup("Astana")) astana |= G()->place(i).feature_code == "PPLC";
  for (uint32_t i : G()->Lookup("Nur-Sultan")) nur |= G()->place(i).feature_code == "PPLC";
  EXPECT_TRUE(astana);
  EXPECT_TRUE(nur);
  // An older spelling from names.tsv.
  bool kiev = false;
  for (uint32_t i : G()->Lookup("Kiev")) kiev |= G()->place(i).country == "UA";
  EXPECT_TRUE(kiev);
  EXPECT_FALSE(
      Gazetteer::Load({"/nonexistent/a.pbf", "/nonexistent", "/nonexistent", "", ""}).ok());
}

}  // namespace
}  // namespace dyad::geo
