// WARC input: records in gzip members (one each, and several in one), request and metadata
// records skipped, non-HTML payloads noted, a truncated tail reported once with every record
// before it kept; HTTP responses parsed (chunked, gzip content encoding).
#include "ingest/warc.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "dyad/ingest.h"
#include "test_util.h"

namespace dyad {
namespace {

std::string Gzip(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Record(const std::string& type, const std::string& uri, const std::string& ctype,
                   const std::string& block) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-06-03T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:" +
         uri.substr(uri.size() - 1) + ">\r\nContent-Type: " + ctype +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Article(const std::string& title, const std::string& sentence) {
  std::string p;
  for (int i = 0; i < 3; ++i)
    p += "<p>" + sentence + ", said officials on " + std::to_string(i + 2) + " June.</p>\n";
  return "<!DOCTYPE html><html lang=\"en\"><head><title>" + title +
         "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>" + title + "</h1>" +
         p + "</article><footer>Copyright footer text</footer></body></html>";
}

std::string Response(const std::string& uri, const std::string& html,
                     const std::string& extra_headers = "", int status = 200) {
  std::string http = "HTTP/1.1 " + std::to_string(status) +
                     " OK\r\nContent-Type: text/html; charset=utf-8\r\nDate: Mon, 03 Jun 2024 "
                     "09:00:00 GMT\r\nLast-Modified: Sun, 02 Jun 2024 08:00:00 GMT\r\n" +
                     extra_headers + "\r\n" + html;
  return Record("response", uri, "application/http; msgtype=response", http);
}

// warcinfo, request, 2 responses (own members), a member holding a response and a metadata
// record, a PNG resource, an HTML resource, and a truncated last record.
std::string BuildWarcGz() {
  std::string out;
  out += Gzip(Record("warcinfo", "urn:x:0", "application/warc-fields", "software: test\r\n"));
  out += Gzip(Record("request", "https://news.example/a1", "application/http; msgtype=request",
                     "GET /a1 HTTP/1.1\r\nHost: news.example\r\n\r\n"));
  out += Gzip(Response("https://news.example/2024/06/03/a1",
                       Article("Ministers meet in Astana", "The ministers met in Astana")));
  out += Gzip(Response("https://news.example/a2",
                       Article("Border talks resume", "Border talks resumed on Monday")));
  out += Gzip(Response("https://news.example/a3",
                       Article("Trade deal signed", "A trade deal was signed in Geneva")) +
              Record("metadata", "https://news.example/a3", "application/warc-fields",
                     "fetchTimeMs: 12\r\n"));
  out += Gzip(Record("resource", "https://news.example/logo.png", "image/png",
                     std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\x01')));
  out += Gzip(Record("resource", "https://news.example/a4", "text/html",
                     Article("Election results announced", "The results were announced")));
  std::string last =
      Gzip(Response("https://news.example/a5", Article("Cut off story", "This record is cut off")));
  out += last.substr(0, last.size() / 2);
  return out;
}

TEST(Warc, IngestsArticlesAndReportsTheTruncatedTail) {
  testing::TempDir dir;
  std::string path = dir.Write("crawl.warc.gz", BuildWarcGz());
  testing::Collected c = testing::ReadAll({path});
  ASSERT_EQ(c.records.size(), 4u);
  EXPECT_EQ(c.records[0].origin, "https://news.example/2024/06/03/a1");
  EXPECT_EQ(c.records[0].url, "https://news.example/2024/06/03/a1");
  EXPECT_EQ(c.records[0].format, "warc+gzip");
  EXPECT_EQ(c.records[0].title, "Ministers meet in Astana");
  EXPECT_EQ(c.records[0].published, "2024-06-03");
  EXPECT_EQ(c.records[0].published_source, "url");
  EXPECT_TRUE(c.records[0].extracted);
  EXPECT_NE(c.records[0].text.find("The ministers met in Astana"), std::string::npos);
  EXPECT_EQ(c.records[0].text.find("Home"), std::string::npos);
  EXPECT_EQ(c.records[0].text.find("Copyright"), std::string::npos);
  EXPECT_NE(c.records[0].original.find("<nav>"), std::string::npos);  // the page as read
  auto meta = nlohmann::json::parse(c.records[0].metadata_json);
  EXPECT_EQ(meta["http_status"], 200);
  EXPECT_EQ(meta["warc_date"], "2024-06-03T10:00:00Z");
  EXPECT_EQ(meta["last_modified"], "Sun, 02 Jun 2024 08:00:00 GMT");
  EXPECT_EQ(meta["language"], "en");
  EXPECT_EQ(c.records[1].origin, "https://news.example/a2");
  EXPECT_EQ(c.records[2].origin, "https://news.example/a3");
  EXPECT_EQ(c.records[3].origin, "https://news.example/a4");  // an HTML resource record
  // One skipped diagnostic: the truncated last record, named by file and record number.
  ASSERT_EQ(c.skipped(), 1);
  const Diagnostic* broken = nullptr;
  bool png_note = false;
  for (const Diagnostic& d : c.diags) {
    if (d.severity == Diagnostic::Severity::kSkipped) broken = &d;
    if (d.reason.find("image/png") != std::string::npos) png_note = true;
  }
  ASSERT_NE(broken, nullptr);
  EXPECT_EQ(broken->file, path);
  EXPECT_EQ(broken->line, 9);
  EXPECT_NE(broken->reason.find("record 9 "), std::string::npos) << broken->reason;
  EXPECT_TRUE(png_note);
}

TEST(Warc, PlainWarcWithTruncatedBlock) {
  std::string w = Response("https://x.example/1", Article("First story here", "It happened"));
  std::string cut = Response("https://x.example/2", Article("Second story", "Also happened"));
  w += cut.substr(0, cut.size() - 200);
  testing::Collected c = testing::ReadBytes("plain.warc", w);
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].format, "warc");
  ASSERT_EQ(c.skipped(), 1);
  EXPECT_EQ(c.diags.back().line, 2);
  EXPECT_NE(c.diags.back().reason.find("truncated"), std::string::npos) << c.diags.back().reason;
}

TEST(Warc, CorruptHeaderStopsWithOneDiagnostic) {
  std::string w = Response("https://x.example/1", Article("First story here", "It happened"));
  w += "garbage that is not a record\r\n\r\n";
  w += Response("https://x.example/3", Article("Third story", "Never read"));
  testing::Collected c = testing::ReadBytes("bad.warc", w);
  EXPECT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.skipped(), 1);
}

TEST(Warc, NonSuccessStatusIsNotAnArticle) {
  std::string w = Response("https://x.example/404", Article("Not found", "Nothing here"), "", 404);
  testing::Collected c = testing::ReadBytes("s.warc", w);
  EXPECT_EQ(c.records.size(), 0u);
  EXPECT_EQ(c.skipped(), 0);
}

TEST(Http, ChunkedAndGzipBodies) {
  std::string body = "<html><body><p>Hello</p></body></html>";
  std::string gz = Gzip(body);
  char len[16];
  std::snprintf(len, sizeof len, "%zx", gz.size());
  std::string block =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"
      "Content-Type: text/html; charset=ISO-8859-1\r\n\r\n" +
      std::string(len) + "\r\n" + gz + "\r\n0\r\n\r\n";
  HttpResponse r;
  std::string reason;
  ASSERT_TRUE(ParseHttpResponse(block, &r, &reason)) << reason;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, body);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=ISO-8859-1");
  EXPECT_FALSE(ParseHttpResponse("GET / HTTP/1.1\r\n\r\n", &r, &reason));
}

TEST(HtmlFile, HtmlFilesAreExtracted) {
  std::string page = Article("A page on disk", "The page was read from a file");
  testing::Collected c = testing::ReadBytes("page.html", page);
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].format, "html");
  EXPECT_EQ(c.records[0].title, "A page on disk");
  EXPECT_NE(c.records[0].text.find("The page was read from a file"), std::string::npos);
  EXPECT_EQ(c.records[0].original, page);
  testing::Collected g = testing::ReadBytes("page.html.gz", Gzip(page));
  ASSERT_EQ(g.records.size(), 1u);
  EXPECT_EQ(g.records[0].format, "html+gzip");
}

}  // namespace
}  // namespace dyad
