// Unit tests for ingestion: header blocks, dates, formats, encodings and bad input.
#include <gtest/gtest.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "dyad/ingest.h"
#include "ingest/encoding.h"
#include "ingest/header.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing::Collected;
using testing::ReadAll;
using testing::ReadBytes;
using testing::TempDir;

TEST(NormalizeDate, AcceptsCommonForms) {
  EXPECT_EQ(NormalizeDate("2024-06-03"), "2024-06-03");
  EXPECT_EQ(NormalizeDate("2024-06-03T10:15:00Z"), "2024-06-03");
  EXPECT_EQ(NormalizeDate("2024/06/03"), "2024-06-03");
  EXPECT_EQ(NormalizeDate("20240603"), "2024-06-03");
  EXPECT_EQ(NormalizeDate("3 June 2024"), "2024-06-03");
  EXPECT_EQ(NormalizeDate("June 3, 2024"), "2024-06-03");
  EXPECT_EQ(NormalizeDate("Sept. 21, 2022"), "2022-09-21");
  EXPECT_EQ(NormalizeDate("Mon, 03 Jun 2024 10:00:00 GMT"), "2024-06-03");
  EXPECT_EQ(NormalizeDate("June 2024"), "2024-06");
  EXPECT_EQ(NormalizeDate("2024-06"), "2024-06");
  EXPECT_EQ(NormalizeDate("2024"), "2024");
}

TEST(NormalizeDate, RejectsImpossibleDates) {
  EXPECT_EQ(NormalizeDate("February 30, 2023"), "");
  EXPECT_EQ(NormalizeDate("2023-02-29"), "");
  EXPECT_EQ(NormalizeDate("2024-02-29"), "2024-02-29");
  EXPECT_EQ(NormalizeDate("2024-13-01"), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
  EXPECT_EQ(NormalizeDate(""), "");
}

TEST(TextHeader, KeyValueBlock) {
  std::string t = "date 2022-01-06\ntitle Troops arrive\nsource: Sample Wire\n\nBody here.\n";
  TextHeader h = ParseTextHeader(t);
  ASSERT_EQ(h.fields.size(), 3u);
  EXPECT_EQ(h.fields[0].first, "date");
  EXPECT_EQ(h.fields[1].second, "Troops arrive");
  EXPECT_EQ(h.fields[2].first, "source");
  EXPECT_EQ(h.fields[2].second, "Sample Wire");
  EXPECT_EQ(t.substr(h.body_offset), "Body here.\n");
}

TEST(TextHeader, BareDateWithBodyOnSameLine) {
  std::string t = " date 2024-06-03 One was the refusal of the offer.\n\nMore.";
  TextHeader h = ParseTextHeader(t);
  ASSERT_EQ(h.fields.size(), 1u);
  EXPECT_EQ(h.fields[0].second, "2024-06-03");
  EXPECT_EQ(t.substr(h.body_offset, 3), "One");
}

TEST(TextHeader, HeadlineIsNotAField) {
  // Capitalised words followed by text are a headline, not "key value".
  std::string t = "Kazakhstan asks bloc for troops\n\nThe president asked.";
  EXPECT_TRUE(ParseTextHeader(t).fields.empty());
  EXPECT_EQ(ParseTextHeader(t).body_offset, 0u);
  // "date" followed by a non-date is prose.
  EXPECT_TRUE(ParseTextHeader("date night was cancelled.\n").fields.empty());
  // An unknown "key:" alone does not start a header.
  EXPECT_TRUE(ParseTextHeader("Warning: troops massed.\n\nMore.").fields.empty());
}

TEST(TextHeader, UnknownColonKeysAfterKnownOnes) {
  std::string t = "title: X\nreviewer: someone\n\nBody";
  TextHeader h = ParseTextHeader(t);
  ASSERT_EQ(h.fields.size(), 2u);
  EXPECT_EQ(h.fields[1].first, "reviewer");
}

TEST(Encoding, Utf8PassesAndBomIsStripped) {
  DecodedText d;
  std::string reason;
  ASSERT_TRUE(DecodeText("\xEF\xBB\xBFMicha\xC3\xABl", &d, &reason));
  EXPECT_EQ(d.text, "Micha\xC3\xABl");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_TRUE(d.note.empty());
}

TEST(Encoding, Windows1252IsConverted) {
  DecodedText d;
  std::string reason;
  ASSERT_TRUE(DecodeText("Micha\xEBl said \x93no\x94", &d, &reason));
  EXPECT_EQ(d.text, "Micha\xC3\xABl said \xE2\x80\x9Cno\xE2\x80\x9D");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_NE(d.note.find("converted from Windows-1252"), std::string::npos);
}

TEST(Encoding, BinaryAndUndecodableAreRejected) {
  DecodedText d;
  std::string reason;
  size_t at = 0;
  EXPECT_FALSE(DecodeText(std::string("abc\0def", 7), &d, &reason, &at));
  EXPECT_NE(reason.find("NUL byte at offset 3"), std::string::npos);
  EXPECT_EQ(at, 3u);
  // Invalid UTF-8 that is also not Windows-1252 text (0x81 is undefined there).
  EXPECT_FALSE(DecodeText("ok \x81\x81 bad", &d, &reason, &at));
  EXPECT_NE(reason.find("invalid UTF-8 at byte offset 3"), std::string::npos);
  std::string noise;
  for (int i = 0; i < 200; ++i) noise.push_back(static_cast<char>(1 + i % 8));
  EXPECT_FALSE(DecodeText(noise, &d, &reason));
  EXPECT_NE(reason.find("control characters"), std::string::npos);
}

TEST(ReadBuffer, TextFileWithHeader) {
  Collected c = ReadBytes("a.txt",
                          "date 2022-01-06\ntitle T\nurl https://example.org/a\nid A-1\n"
                          "language en\n\nBody.\n");
  ASSERT_EQ(c.records.size(), 1u);
  const SourceRecord& r = c.records[0];
  EXPECT_EQ(r.published, "2022-01-06");
  EXPECT_EQ(r.title, "T");
  EXPECT_EQ(r.url, "https://example.org/a");
  EXPECT_EQ(r.external_id, "A-1");
  EXPECT_EQ(r.format, "text");
  EXPECT_EQ(nlohmann::json::parse(r.metadata_json)["language"], "en");
  EXPECT_EQ(r.original.substr(r.body_offset), "Body.\n");
}

// JSON Lines records are parsed by simdjson, and by nlohmann::json when simdjson does not
// take them: either way a record reads as one JSON object does -- the last of repeated keys,
// fields in key order (the first of "publisher", "source", "source_domain" in that order
// names the source), other fields kept as metadata as nlohmann::json writes them.
TEST(ReadBuffer, JsonLinesReadTheSameWhicheverParserTakesThem) {
  std::string data =
      "{\"title\": \"first\", \"text\": \"One.\", \"title\": \"second\", \"source\": \"S\", "
      "\"publisher\": \"P\", \"score\": 1e2, \"tags\": [1, {\"a\": null}], \"lang\": \"\\u00e9\"}\n"
      // 2^64 + 1: too large for simdjson's integers, so nlohmann::json reads this one.
      "{\"text\": \"Two.\", \"id\": 18446744073709551617, \"source\": \"S\", \"publisher\": \"P\", "
      "\"score\": 1e2, \"tags\": [1, {\"a\": null}], \"title\": \"first\", \"title\": \"second\", "
      "\"lang\": \"\\u00e9\"}\n"
      "{\"text\": \"Three.\", \"id\": 7, \"url\": 2.5, \"date\": null}\n";
  Collected c = ReadBytes("feed.jsonl", data);
  ASSERT_EQ(c.records.size(), 3u);
  for (int i = 0; i < 2; ++i) {
    const SourceRecord& r = c.records[static_cast<size_t>(i)];
    EXPECT_EQ(r.title, "second") << i;
    EXPECT_EQ(r.source, "P") << i;
    auto meta = nlohmann::json::parse(r.metadata_json);
    EXPECT_EQ(meta["score"].dump(), "100.0") << i;
    EXPECT_EQ(meta["tags"].dump(), "[1,{\"a\":null}]") << i;
    EXPECT_EQ(meta["lang"], "\xC3\xA9") << i;
  }
  EXPECT_EQ(c.records[0].external_id, "");
  EXPECT_EQ(nlohmann::json::parse(c.records[1].metadata_json)["id"].dump(),
            "1.8446744073709552e+19");
  EXPECT_EQ(c.records[2].external_id, "7");
  EXPECT_EQ(c.records[2].url, "");
  EXPECT_EQ(c.records[2].metadata_json, "{\"url\":2.5}");
  EXPECT_EQ(c.skipped(), 0);
}

TEST(ReadBuffer, JsonLinesKeepsGoodRecordsAroundBadOnes) {
  std::string data =
      "{\"id\": \"a1\", \"text\": \"First.\", \"published\": \"2022-09-30\", \"lang\": \"en\"}\n"
      "{\"id\": 2, \"text\": \"Second.\"\n"  // malformed: unterminated object
      "[1, 2, 3]\n"                          // not an object
      "{\"id\": \"a4\", \"text\": 42}\n"     // wrong type
      "{\"id\": \"a5\"}\n"                   // no text
      "\n"                                   // blank lines are fine
      "{\"id\": 6, \"text\": \"Sixth.\", \"date\": \"February 30, 2023\"}\n";
  Collected c = ReadBytes("feed.jsonl", data);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].external_id, "a1");
  EXPECT_EQ(c.records[0].origin, "feed.jsonl:1");
  EXPECT_EQ(c.records[0].published, "2022-09-30");
  EXPECT_EQ(nlohmann::json::parse(c.records[0].metadata_json)["lang"], "en");
  EXPECT_EQ(c.records[1].external_id, "6");
  EXPECT_EQ(c.records[1].origin, "feed.jsonl:7");
  EXPECT_EQ(c.records[1].published, "");
  ASSERT_EQ(c.skipped(), 4);
  std::vector<std::string> msgs;
  for (const auto& d : c.diags) msgs.push_back(d.ToString());
  EXPECT_NE(msgs[0].find("feed.jsonl:2: malformed JSON"), std::string::npos) << msgs[0];
  EXPECT_EQ(msgs[1], "feed.jsonl:3: expected a JSON object, got an array");
  EXPECT_EQ(msgs[2], "feed.jsonl:4: \"text\" is a number, expected a string");
  EXPECT_EQ(msgs[3], "feed.jsonl:5: no \"text\" field");
  // The impossible date is a note, and the record is kept.
  EXPECT_NE(msgs[4].find("feed.jsonl:7: \"date\" value \"February 30, 2023\" is not a valid"),
            std::string::npos)
      << msgs[4];
}

TEST(ReadBuffer, DeeplyNestedJsonIsRejectedNotParsed) {
  std::string deep =
      "{\"text\": \"x\", \"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}\n";
  Collected c = ReadBytes("deep.jsonl", deep);
  EXPECT_TRUE(c.records.empty());
  ASSERT_EQ(c.skipped(), 1);
  EXPECT_NE(c.diags[0].reason.find("nested deeper"), std::string::npos);
}

TEST(ReadInputs, DirectoryWalkSkipsHiddenAndCorpusDocs) {
  TempDir dir;
  dir.Write("b.txt", "Second article.");
  dir.Write("a.txt", "First article.");
  dir.Write("sub/c.txt", "Third article.");
  dir.Write(".hidden.txt", "Hidden.");
  dir.Write("README.md", "About this corpus.");
  Collected c = ReadAll({dir.path()});
  ASSERT_EQ(c.records.size(), 3u);
  EXPECT_TRUE(c.records[0].origin.ends_with("/a.txt"));
  EXPECT_TRUE(c.records[1].origin.ends_with("/b.txt"));
  EXPECT_TRUE(c.records[2].origin.ends_with("/sub/c.txt"));
  EXPECT_EQ(c.records[0].origin.front(), '/');  // origins are absolute
  EXPECT_EQ(c.skipped(), 0);
}

TEST(ReadInputs, EmptyDirectoryIsReported) {
  TempDir dir;
  dir.Write("sub/.hidden", "x");
  Collected c = ReadAll({dir.File("sub")});
  EXPECT_TRUE(c.records.empty());
  ASSERT_EQ(c.skipped(), 1);
  EXPECT_EQ(c.diags[0].reason, "directory holds no input files");
}

TEST(ReadInputs, BadFilesAreReportedWithNameAndLine) {
  TempDir dir;
  std::string empty = dir.Write("empty.txt", "  \n\n");
  std::string nul = dir.Write("nul.txt", std::string("line one\nline\0two\n", 18));
  std::string bad = dir.Write("bad.txt", "good line\nsecond \x81\x8D line\n");
  std::string latin = dir.Write("latin.txt", "Caf\xE9 in Astana.\n");
  std::string html =
      dir.Write("page.html", "<!DOCTYPE html><html><body><nav>Home</nav></body></html>");
  Collected c = ReadAll({empty, nul, bad, latin, html, dir.File("missing.txt")});
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].original, "Caf\xC3\xA9 in Astana.\n");
  EXPECT_EQ(c.records[0].encoding, "windows-1252");
  std::vector<std::string> msgs;
  for (const auto& d : c.diags) msgs.push_back(d.ToString());
  ASSERT_EQ(msgs.size(), 6u);
  // Missing paths are reported when the inputs are listed, before any file is read.
  EXPECT_EQ(msgs[0], dir.File("missing.txt") + ": no such file or directory");
  EXPECT_EQ(msgs[1], empty + ": empty file");
  EXPECT_EQ(msgs[2], nul + ":2: binary data: NUL byte at offset 13");
  EXPECT_NE(msgs[3].find(bad + ":2: invalid UTF-8"), std::string::npos) << msgs[3];
  EXPECT_NE(msgs[4].find("note: " + latin + ": not valid UTF-8"), std::string::npos) << msgs[4];
  EXPECT_NE(msgs[5].find("no main text found in the HTML page"), std::string::npos) << msgs[5];
  EXPECT_EQ(c.skipped(), 5);
}

TEST(ReadInputs, OverlongLinesAreSkippedAndReadingContinues) {
  TempDir dir;
  IngestOptions opt;
  opt.max_record_bytes = 1000;
  std::string big = "{\"text\": \"" + std::string(5000, 'a') + "\"}";
  std::string path = dir.Write(
      "big.jsonl", "{\"text\": \"one\"}\n" + big + "\n" + "{\"text\": \"three\"}\n" + big);
  Collected c = ReadAll({path}, opt);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[1].original, "three");
  EXPECT_EQ(c.records[1].origin.substr(c.records[1].origin.size() - 2), ":3");
  ASSERT_EQ(c.skipped(), 2);
  EXPECT_EQ(c.diags[0].ToString(), path + ":2: record is 5012 bytes, over the 1000-byte limit");
  EXPECT_EQ(c.diags[1].line, 4);
  // A single-line text file over the limit.
  std::string text = dir.Write("huge.txt", std::string(3000, 'x'));
  Collected t = ReadAll({text}, opt);
  EXPECT_TRUE(t.records.empty());
  ASSERT_EQ(t.skipped(), 1);
  EXPECT_NE(t.diags[0].reason.find("3000 bytes, over the 1000-byte limit"), std::string::npos);
}

std::string Gzip(const std::string& data, bool truncate) {
  std::string out(compressBound(static_cast<uLong>(data.size())) + 64, '\0');
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (truncate) out.resize(out.size() / 2);
  return out;
}

TEST(ReadInputs, MultiMemberGzip) {
  TempDir dir;
  std::string path = dir.Write(
      "two.jsonl.gz", Gzip("{\"text\": \"one\"}\n", false) + Gzip("{\"text\": \"two\"}\n", false));
  Collected c = ReadAll({path});
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[1].original, "two");
  EXPECT_EQ(c.skipped(), 0);
}

TEST(ReadInputs, GzipJsonLinesAndTruncatedGzip) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 2000; ++i) {
    lines += "{\"id\": " + std::to_string(i) + ", \"text\": \"Article number " +
             std::to_string(i * 7919) + " says something.\"}\n";
  }
  std::string good = dir.Write("feed.jsonl.gz", Gzip(lines, false));
  Collected c = ReadAll({good});
  ASSERT_EQ(c.records.size(), 2000u);
  EXPECT_EQ(c.records[0].format, "jsonl+gzip");
  EXPECT_EQ(c.skipped(), 0);
  std::string cut = dir.Write("cut.jsonl.gz", Gzip(lines, true));
  Collected t = ReadAll({cut});
  EXPECT_GT(t.records.size(), 0u);
  EXPECT_LT(t.records.size(), 2000u);
  ASSERT_GE(t.skipped(), 1);
  bool reported = false;
  for (const auto& d : t.diags) {
    reported = reported || d.reason.find("truncated gzip") != std::string::npos;
  }
  EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace dyad
