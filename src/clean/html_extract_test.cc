// Unit tests for HTML extraction: main text vs furniture, the offset map into the page,
// metadata and date precedence, charsets.
#include "clean/html_extract.h"

#include <gtest/gtest.h>

#include "dyad/clean.h"
#include "dyad/html.h"

namespace dyad {
namespace {

// Every exact segment copies the page's bytes; every segment lies inside the page.
void ExpectMapHolds(std::string_view text, const OffsetMap& map, std::string_view page) {
  ASSERT_EQ(map.clean_size(), text.size());
  for (const OffsetMap::Segment& s : map.segments()) {
    ASSERT_LE(s.orig_begin + s.orig_len, page.size());
    if (s.exact) {
      EXPECT_EQ(text.substr(s.clean_begin, s.clean_len), page.substr(s.orig_begin, s.orig_len))
          << "at clean offset " << s.clean_begin;
    }
  }
}

std::string Para(const std::string& words, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += words + (i + 1 < n ? ", " : ".");
  return out;
}

const std::string kBody1 = Para("The minister met his counterpart in the capital on Tuesday", 3);
const std::string kBody2 = Para("Talks on the border agreement will continue next month", 3);

std::string Page(const std::string& head_extra, const std::string& article_extra = "") {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Talks | The "
         "Paper</title>" +
         head_extra +
         "</head><body>\n<header class=\"site-header\"><nav><a href=\"/\">Home</a> <a "
         "href=\"/world\">World</a></nav></header>\n<div id=\"main\"><article><h1>Ministers "
         "meet</h1>\n<div class=\"byline\">By Jane Doe</div>" +
         article_extra + "<p>" + kBody1 + "</p>\n<p>" + kBody2 +
         "</p>\n<div class=\"share-bar\"><a href=\"#\">Share on Twitter</a></div>"
         "</article>\n<aside class=\"related\"><h3>Related</h3><ul><li><a href=\"/a\">Other "
         "story about ministers and talks</a></li></ul></aside>\n<div id=\"comments\"><p>Great "
         "article, I really enjoyed reading this, thank you.</p></div></div>\n<footer>&copy; "
         "2024 The Paper. All rights reserved.</footer>\n<div class=\"cookie-notice\">We use "
         "cookies to improve your experience, accept them.</div></body></html>";
}

TEST(HtmlExtract, KeepsArticleDropsFurniture) {
  std::string page = Page("");
  HtmlExtraction ex = ExtractHtml(page);
  ASSERT_TRUE(ex.parsed);
  EXPECT_NE(ex.text.find(kBody1), std::string::npos) << ex.text;
  EXPECT_NE(ex.text.find(kBody2), std::string::npos);
  EXPECT_NE(ex.text.find("Ministers meet"), std::string::npos);
  EXPECT_NE(ex.text.find(kBody1 + "\n\n" + kBody2), std::string::npos);
  for (const char* bad : {"Home", "By Jane Doe", "Share on Twitter", "Other story", "Great article",
                          "rights reserved", "cookies"}) {
    EXPECT_EQ(ex.text.find(bad), std::string::npos) << bad << " in:\n" << ex.text;
  }
  ExpectMapHolds(ex.text, ex.map, page);
  EXPECT_EQ(ex.meta.html_lang, "en");
}

TEST(HtmlExtract, MapsEntitiesAndWhitespaceBackToThePage) {
  std::string page =
      "<html><body><article><p>Caf&eacute; &amp; bar:   \n  &ldquo;quoted&rdquo;&nbsp;text "
      "with <b>bold</b> and a<br>break, long enough to be prose in this test.</p>"
      "<p>Second paragraph, also long enough to count as prose for the scorer.</p>"
      "</article></body></html>";
  HtmlExtraction ex = ExtractHtml(page);
  EXPECT_EQ(ex.text,
            "Caf\xC3\xA9 & bar: \xE2\x80\x9Cquoted\xE2\x80\x9D text with bold and a\nbreak, "
            "long enough to be prose in this test.\n\nSecond paragraph, also long enough to "
            "count as prose for the scorer.");
  ExpectMapHolds(ex.text, ex.map, page);
  // "quoted" maps to its bytes in the page.
  size_t q = ex.text.find("quoted");
  EXPECT_EQ(page.substr(ex.map.ToOriginal(static_cast<uint32_t>(q)), 6), "quoted");
  // The entity maps to the whole entity.
  size_t e = ex.text.find("\xC3\xA9");
  uint32_t ob = ex.map.ToOriginal(static_cast<uint32_t>(e));
  uint32_t oe = ex.map.ToOriginalEnd(static_cast<uint32_t>(e + 2));
  EXPECT_EQ(page.substr(ob, oe - ob), "&eacute;");

  // Through the cleaner: the composed map still lands on the page's bytes.
  CleanedText c = Clean(ex.text);
  OffsetMap composed = OffsetMap::Compose(c.map, ex.map);
  ASSERT_EQ(composed.clean_size(), c.text.size());
  size_t s = c.text.find("Second paragraph");
  ASSERT_NE(s, std::string::npos);
  EXPECT_EQ(page.substr(composed.ToOriginal(static_cast<uint32_t>(s)), 16), "Second paragraph");
  size_t quote = c.text.find("\"quoted");
  ASSERT_NE(quote, std::string::npos) << c.text;
  uint32_t qb = composed.ToOriginal(static_cast<uint32_t>(quote));
  EXPECT_EQ(page.substr(qb, 7), "&ldquo;");
  ExpectMapHolds(c.text, composed, page);
}

TEST(HtmlExtract, MetadataFromTheMostTrustedSource) {
  std::string ld =
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":"
      "\"NewsArticle\",\"headline\":\"Ministers meet at last\",\"datePublished\":"
      "\"2022-10-03T08:00:00+02:00\",\"dateModified\":\"2022-10-04\",\"author\":{\"@type\":"
      "\"Person\",\"name\":\"Jane Doe\"},\"publisher\":{\"name\":\"The Paper\"}}</script>";
  std::string og =
      "<meta property=\"article:published_time\" content=\"2022-09-30T10:00:00Z\">"
      "<meta property=\"og:site_name\" content=\"The Paper Online\">"
      "<link rel=\"canonical\" href=\"https://paper.example/2022/09/29/talks\">";
  HtmlExtraction a = ExtractHtml(Page(ld + og));
  EXPECT_EQ(a.meta.published, "2022-10-03");
  EXPECT_EQ(a.meta.published_source, "json-ld");
  EXPECT_EQ(a.meta.modified, "2022-10-04");
  EXPECT_EQ(a.meta.title, "Ministers meet at last");
  EXPECT_EQ(a.meta.author, "Jane Doe");
  EXPECT_EQ(a.meta.site_name, "The Paper Online");
  EXPECT_EQ(a.meta.canonical_url, "https://paper.example/2022/09/29/talks");

  HtmlExtraction b = ExtractHtml(Page(og));
  EXPECT_EQ(b.meta.published, "2022-09-30");
  EXPECT_EQ(b.meta.published_source, "meta");

  std::string time = "<time datetime=\"2022-09-28\">28 September</time>";
  HtmlExtraction c =
      ExtractHtml(Page("<link rel=\"canonical\" href=\"https://x.example/2022/09/27/t\">", time));
  EXPECT_EQ(c.meta.published, "2022-09-28");
  EXPECT_EQ(c.meta.published_source, "time");

  HtmlExtraction d =
      ExtractHtml(Page("<link rel=\"canonical\" href=\"https://x.example/2022/09/27/t\">"));
  EXPECT_EQ(d.meta.published, "2022-09-27");
  EXPECT_EQ(d.meta.published_source, "url");

  HtmlExtraction e = ExtractHtml(Page("", "<p class=\"when\">Published 26 September 2022</p>"));
  EXPECT_EQ(e.meta.published, "2022-09-26");
  EXPECT_EQ(e.meta.published_source, "text");
  EXPECT_EQ(e.meta.title, "Ministers meet");
}

std::string JsonLd(const std::string& published, const std::string& modified) {
  return "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":"
         "[{\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\",\"datePublished\":\"" +
         published + "\",\"dateModified\":\"" + modified + "\"}]}</script>";
}

TEST(HtmlExtract, MicrodataDateInAbbrTitle) {
  HtmlExtraction a = ExtractHtml(Page("",
                                      "<p><abbr class=\"published\" itemprop=\"datePublished\" "
                                      "title=\"2019-10-16T14:33:00-07:00\">2:33 PM</abbr></p>"));
  EXPECT_EQ(a.meta.published, "2019-10-16");
  EXPECT_EQ(a.meta.published_source, "meta");
}

TEST(HtmlExtract, ShownModifiedDateWinsOverDeclaredPublication) {
  std::string ld = JsonLd("2019-06-17T00:00:00+00:00", "2020-06-04T16:41:46+00:00");
  // The page shows its readers the revision date: that is the date it goes by.
  HtmlExtraction a = ExtractHtml(
      Page(ld, "<p class=\"when\">Last updated 04 Jun 2020, first written 17 Jun 2019</p>"));
  EXPECT_EQ(a.meta.published, "2020-06-04");
  EXPECT_EQ(a.meta.published_source, "text");
  EXPECT_EQ(a.meta.modified, "2020-06-04");
  // Showing the publication date, or a date that is neither, keeps the declared one.
  HtmlExtraction b = ExtractHtml(Page(ld, "<p class=\"when\">June 17, 2019</p>"));
  EXPECT_EQ(b.meta.published, "2019-06-17");
  EXPECT_EQ(b.meta.published_source, "json-ld");
  HtmlExtraction c = ExtractHtml(Page(ld, "<p class=\"when\">Seen 1 May 2021</p>"));
  EXPECT_EQ(c.meta.published, "2019-06-17");
  // Nothing shown: the declared publication date, never the modification date.
  HtmlExtraction d = ExtractHtml(Page(ld));
  EXPECT_EQ(d.meta.published, "2019-06-17");
  EXPECT_EQ(d.meta.published_source, "json-ld");
}

TEST(HtmlExtract, UtcTimestampTakesTheLocalDayOfTheSameMoment) {
  std::string ld = JsonLd("2023-11-09T05:30:59Z", "2023-11-09T05:30:59Z");
  // <time> without a zone, same clock minutes six hours earlier: the local day.
  HtmlExtraction a =
      ExtractHtml(Page(ld, "<p>Published <time datetime=\"2023-11-08 23:30:59\">Nov 8</time></p>"));
  EXPECT_EQ(a.meta.published, "2023-11-08");
  EXPECT_EQ(a.meta.published_source, "time");
  // A <time> of another moment (a related story) changes nothing.
  HtmlExtraction b = ExtractHtml(
      Page(ld, "<p>Earlier: <time datetime=\"2023-11-08T10:02:00-06:00\">Nov 8</time></p>"));
  EXPECT_EQ(b.meta.published, "2023-11-09");
  EXPECT_EQ(b.meta.published_source, "json-ld");
  // The date in the URL, when some zone puts the moment on that day.
  std::string canon = "<link rel=\"canonical\" href=\"https://x.example/2023/11/08/story\">";
  HtmlExtraction c = ExtractHtml(Page(ld + canon));
  EXPECT_EQ(c.meta.published, "2023-11-08");
  EXPECT_EQ(c.meta.published_source, "url");
  // 20:00 UTC is on the 8th nowhere west of UTC-12: the URL's day is not this moment's.
  HtmlExtraction d = ExtractHtml(Page(JsonLd("2023-11-09T20:00:00Z", "") + canon));
  EXPECT_EQ(d.meta.published, "2023-11-09");
  EXPECT_EQ(d.meta.published_source, "json-ld");
  // A declared local time (with its own offset) is already the local day.
  HtmlExtraction e = ExtractHtml(Page(JsonLd("2023-11-09T05:30:59+01:00", "") + canon));
  EXPECT_EQ(e.meta.published, "2023-11-09");
}

TEST(HtmlDates, MomentsAndZones) {
  EXPECT_TRUE(html::IsUtcTimestamp("2020-02-25T02:25:54Z"));
  EXPECT_TRUE(html::IsUtcTimestamp("2020-02-25T02:25:54.000+00:00"));
  EXPECT_TRUE(html::IsUtcTimestamp("2020-02-25 02:25 GMT"));
  EXPECT_FALSE(html::IsUtcTimestamp("2020-02-25T02:25:54-05:00"));
  EXPECT_FALSE(html::IsUtcTimestamp("2020-02-25"));
  EXPECT_TRUE(html::SameMoment("2020-02-25T02:25:54Z", "2020-02-24T21:25:54-05:00"));
  EXPECT_TRUE(html::SameMoment("2020-02-25T02:25:54Z", "2020-02-24T20:55"));  // UTC-05:30
  EXPECT_FALSE(html::SameMoment("2020-02-25T02:25:54Z", "2020-02-24T20:41"));
  EXPECT_FALSE(html::SameMoment("2020-02-25T02:25:54Z", "2020-02-24T21:25:54-06:00"));
  EXPECT_FALSE(html::SameMoment("2020-02-25", "2020-02-24T21:25"));
  EXPECT_TRUE(html::LocalDateFits("2020-02-25T02:25:54Z", "2020-02-24"));
  EXPECT_TRUE(html::LocalDateFits("2020-02-24T23:00:00Z", "2020-02-25"));
  EXPECT_FALSE(html::LocalDateFits("2020-02-25T13:00:00Z", "2020-02-24"));
  EXPECT_FALSE(html::LocalDateFits("2020-02-24T08:00:00Z", "2020-02-25"));
  EXPECT_EQ(html::DaysBetween("2020-02-28", "2020-03-01"), 2);
  EXPECT_EQ(html::DaysBetween("2019-12-31", "2020-01-01"), 1);
  EXPECT_EQ(html::DaysBetween("2020-02-30", "2020-03-01"), -1);
}

TEST(HtmlDates, UrlTextAndMetaForms) {
  EXPECT_EQ(html::DateFromUrl("https://a.example/2022/10/03/story"), "2022-10-03");
  EXPECT_EQ(html::DateFromUrl("https://a.example/news/2022-10-03-story"), "2022-10-03");
  EXPECT_EQ(html::DateFromUrl("https://a.example/20221003/story"), "2022-10-03");
  EXPECT_EQ(html::DateFromUrl("https://a.example/2022/13/03/story"), "");
  EXPECT_EQ(html::DateFromUrl("https://a.example/item/12345678"), "");
  EXPECT_EQ(html::DateInText("Posted on October 3, 2022 by admin"), "2022-10-03");
  EXPECT_EQ(html::DateInText("3rd Oct 2022"), "2022-10-03");
  EXPECT_EQ(html::DateInText("am 3. Oktober 2022"), "2022-10-03");
  EXPECT_EQ(html::DateInText("Stand: 03.10.2022, 10:00"), "2022-10-03");
  EXPECT_EQ(html::DateInText("no date here, 2022 only"), "");
  EXPECT_EQ(html::MetaDate("Mon, 03 Oct 2022 10:00:00 GMT"), "2022-10-03");
  EXPECT_EQ(html::MetaDate("1850-01-01"), "");
}

TEST(HtmlCharset, HeadersThenMetaThenDetection) {
  EXPECT_EQ(html::CharsetFromContentType("text/html; charset=ISO-8859-1"), "iso-8859-1");
  EXPECT_EQ(html::CharsetFromContentType("text/html;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(html::CharsetFromMeta("<head><meta charset=\"windows-1251\">"), "windows-1251");
  EXPECT_EQ(html::CharsetFromMeta(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"),
            "koi8-r");
  std::string out, enc, note, reason;
  // Windows-1251 "Привет" declared in a meta tag.
  std::string cyr =
      "<html><head><meta "
      "charset=\"windows-1251\"></head><body>\xCF\xF0\xE8\xE2\xE5\xF2</body></html>";
  ASSERT_TRUE(DecodeHtml(cyr, "", &out, &enc, &note, &reason)) << reason;
  EXPECT_EQ(enc, "windows-1251");
  EXPECT_NE(out.find("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"), std::string::npos);
  // The HTTP header wins over the meta tag.
  std::string latin = "<html><head><meta charset=\"utf-8\"></head><body>caf\xE9</body></html>";
  ASSERT_TRUE(DecodeHtml(latin, "text/html; charset=iso-8859-1", &out, &enc, &note, &reason));
  EXPECT_EQ(enc, "windows-1252");
  EXPECT_NE(out.find("caf\xC3\xA9"), std::string::npos);
  // Undeclared: UTF-8 or Windows-1252 as the text reader decides.
  ASSERT_TRUE(DecodeHtml("<p>caf\xE9</p>", "", &out, &enc, &note, &reason));
  EXPECT_EQ(enc, "windows-1252");
  EXPECT_FALSE(DecodeHtml(std::string("<p>a\0b</p>", 10), "", &out, &enc, &note, &reason));
}

TEST(Language, IdentifiesEnglishAndGerman) {
  EXPECT_EQ(IdentifyLanguage("The government announced on Tuesday that the talks with the "
                             "neighbouring country would resume next week in the capital.")
                .code,
            "en");
  EXPECT_EQ(IdentifyLanguage("Die Regierung hat am Dienstag angekündigt, dass die Gespräche mit "
                             "dem Nachbarland nächste Woche in der Hauptstadt fortgesetzt werden.")
                .code,
            "de");
  EXPECT_EQ(IdentifyLanguage("", "fr-FR").code, "fr");
}

TEST(HtmlExtract, GarbageNeverCrashes) {
  for (std::string s : {std::string(""), std::string("<"), std::string("<html><body><p>&"),
                        std::string("<p>&#xFFFFFFFF; &#0; &bogus; <![CDATA[x]]></p>"),
                        std::string(5000, '<'), std::string("<div>") + std::string(3000, 'x')}) {
    HtmlExtraction ex = ExtractHtml(s);
    ExpectMapHolds(ex.text, ex.map, s);
  }
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {
TEST(HtmlExtract, SentenceStartsMapThroughTheCleaner) {
  std::string page =
      "<html><body><article><h2>Heading here</h2>\n<p>First paragraph is long enough, with "
      "commas, to be prose.</p>\n<p>We have not reported on benchmarks against &#8220;JSON for "
      "Modern C++&#8221; because we knew, as it was, that it was not designed for speed.</p>"
      "<pre><code>simdjson</code></pre></article></body></html>";
  HtmlExtraction ex = ExtractHtml(page);
  ExpectMapHolds(ex.text, ex.map, page);
  CleanedText c = Clean(ex.text);
  OffsetMap composed = OffsetMap::Compose(c.map, ex.map);
  for (const char* w : {"We have", "First paragraph", "simdjson", "Heading"}) {
    size_t at = c.text.find(w);
    ASSERT_NE(at, std::string::npos) << w << " in " << c.text;
    EXPECT_EQ(page.substr(composed.ToOriginal(static_cast<uint32_t>(at)), strlen(w)), w);
  }
}
}  // namespace
}  // namespace dyad

namespace dyad {
namespace {
// Nesting a parser would build 100,000 deep, spelt in the ways that hide it from a naive
// count, is refused before parsing (the tree walk recurses per level); wide pages are not.
TEST(HtmlExtract, DeepNestingIsRefusedBeforeParsing) {
  auto page = [](const std::string& unit, int n, bool numbered = false) {
    std::string p = "<!doctype html><html><body>";
    for (int i = 0; i < n; ++i) {
      std::string u = unit;
      if (numbered) u.replace(u.find('N'), 1, std::to_string(i));
      p += u;
    }
    return p + "<p>Leaders met in Dushanbe on Friday to sign a border agreement.</p></body></html>";
  };
  for (const auto& [unit, numbered] :
       std::vector<std::pair<std::string, bool>>{{"<div>", false},
                                                 {"<div/>", false},
                                                 {"<div></span>", false},
                                                 {"<div><b id=N></div>", true},
                                                 {"<b>", false},
                                                 {"<svg><g/>", false},
                                                 {"<table><tr><td>", false}}) {
    HtmlExtraction ex = ExtractHtml(page(unit, 100000, numbered));
    EXPECT_FALSE(ex.parsed) << unit;
    EXPECT_EQ(ex.error, "elements nested more than 1000 deep") << unit;
  }
  for (const char* unit : {"<div></div>", "<p>x", "<li>x", "<br/>", "<svg><g/></svg>"}) {
    HtmlExtraction ex = ExtractHtml(page(unit, 100000));
    EXPECT_TRUE(ex.parsed) << unit;
  }
  EXPECT_TRUE(ExtractHtml(page("<div>", 900)).parsed);
}
}  // namespace
}  // namespace dyad
