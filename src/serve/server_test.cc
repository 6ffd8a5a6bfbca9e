// The HTTP server's defences: loopback by default, request size and time limits, CORS closed
// unless configured, the bearer token for POST /api/articles (and what it stores), and static
// files that never leave the web root.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "dyad/serve.h"
#include "dyad/store.h"
#include "test_util.h"

namespace dyad {
namespace {

using nlohmann::json;

constexpr char kToken[] = "test-token-0123456789abcdef";

// A server on an empty store (or the given options), running on its own thread.
class Running {
 public:
  explicit Running(ServeOptions o) {
    auto s = Server::Create(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return;
    server_ = std::move(*s);
    thread_ = std::thread([this] { EXPECT_TRUE(server_->Run().ok()); });
  }
  ~Running() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
  }
  int port() const { return server_ ? server_->port() : 0; }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port());
    c.set_connection_timeout(5);
    c.set_read_timeout(30);
    return c;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("server.db");
    auto store = Store::Open(db_);  // an empty store
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  ServeOptions Options() const {
    ServeOptions o;
    o.db = db_;
    o.port = 0;
    o.threads = 2;
    return o;
  }
  testing::TempDir dir_;
  std::string db_;
};

// A raw connection: sends `request` as is (no client normalises the path) and reads the
// answer until the server closes.
std::string RawRequest(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  EXPECT_EQ(send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  // Read until the server closes or the answer is complete (headers and Content-Length).
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) {
    out.append(buf, static_cast<size_t>(n));
    size_t end = out.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    size_t cl = out.find("Content-Length: ");
    if (cl == std::string::npos || cl > end) continue;
    size_t len = std::strtoul(out.c_str() + cl + 16, nullptr, 10);
    if (out.size() >= end + 4 + len) break;
  }
  close(fd);
  return out;
}

TEST(ServerDefaults, BindsToLoopbackOnly) {
  ServeOptions defaults;
  EXPECT_EQ(defaults.host, "127.0.0.1");
  EXPECT_TRUE(defaults.allow_origin.empty());
  EXPECT_TRUE(defaults.token.empty());
}

TEST_F(ServerTest, ListensOnLoopbackAddress) {
  Running r(Options());
  ASSERT_GT(r.port(), 0);
  // /proc/net/tcp lists listening sockets as ADDR:PORT in hex; 0100007F is 127.0.0.1.
  std::ifstream in("/proc/net/tcp");
  std::string line;
  char want[16];
  std::snprintf(want, sizeof want, ":%04X", r.port());
  bool found = false;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string sl, local, remote, state;
    f >> sl >> local >> remote >> state;
    if (state == "0A" && local.size() > 5 && local.substr(local.size() - 5) == want) {
      found = true;
      EXPECT_EQ(local.substr(0, 8), "0100007F") << line;
    }
  }
  EXPECT_TRUE(found) << "no listening socket on port " << r.port();
}

TEST_F(ServerTest, CorsClosedByDefaultOpenOnlyForTheAllowedOrigin) {
  {
    Running r(Options());
    auto c = r.Client();
    auto res = c.Get("/api/health", {{"Origin", "https://evil.example"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
  }
  ServeOptions o = Options();
  o.allow_origin = "https://news.example";
  Running r(o);
  auto c = r.Client();
  auto ok = c.Get("/api/health", {{"Origin", "https://news.example"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->get_header_value("Access-Control-Allow-Origin"), "https://news.example");
  auto other = c.Get("/api/health", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->has_header("Access-Control-Allow-Origin"));
}

TEST(ServerTokens, ConstantTimeComparison) {
  EXPECT_TRUE(TokensEqual("abcdef", "abcdef"));
  EXPECT_FALSE(TokensEqual("abcdeg", "abcdef"));
  EXPECT_FALSE(TokensEqual("abcde", "abcdef"));
  EXPECT_FALSE(TokensEqual("abcdefg", "abcdef"));
  EXPECT_FALSE(TokensEqual("", "abcdef"));
  EXPECT_FALSE(TokensEqual(std::string_view("abc\0ef", 6), "abc"));
}

TEST_F(ServerTest, IngestIsDisabledWithoutAToken) {
  Running r(Options());
  auto c = r.Client();
  auto res = c.Post("/api/articles", {{"Authorization", std::string("Bearer ") + kToken}},
                    R"({"text":"Troops crossed the border."})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_TRUE(json::parse(res->body, nullptr, false).contains("error"));
}

TEST_F(ServerTest, IngestNeedsTheRightBearerToken) {
  ServeOptions o = Options();
  o.token = kToken;
  Running r(o);
  auto c = r.Client();
  const std::string body = R"({"text":"Troops crossed the border."})";
  for (const httplib::Headers& h :
       {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer wrong-token-0123456789ab"}},
        httplib::Headers{{"Authorization", std::string("Bearer ") + kToken + "x"}},
        httplib::Headers{{"Authorization", std::string("Basic ") + kToken}},
        httplib::Headers{{"Authorization", "Bearer "}},
        httplib::Headers{{"Authorization", kToken}}}) {
    auto res = c.Post("/api/articles", h, body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer");
  }
  auto store = Store::OpenExisting(db_);
  ASSERT_TRUE(store.ok());
  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 0);  // nothing was stored
}

TEST_F(ServerTest, IngestStoresCodesAndReportsSkippedRecords) {
  ServeOptions o = Options();
  o.token = kToken;
  Running r(o);
  auto c = r.Client();
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  // JSON Lines: a good article, one with a wrong type, another good one.
  const std::string body =
      R"({"id":"a1","title":"Talks","published":"2024-03-05","text":"Russia accused Ukraine of shelling the town on Monday. Officials in Kyiv denied it."})"
      "\n"
      R"({"text":42})"
      "\n"
      R"({"id":"a2","text":"Kazakhstan and Uzbekistan signed a border agreement in Astana on Tuesday."})"
      "\n";
  auto res = c.Post("/api/articles", auth, body, "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  ASSERT_EQ(j["stored"].size(), 2u) << res->body;
  EXPECT_EQ(j["stored"][0]["external_id"], "a1");
  EXPECT_EQ(j["stored"][0]["outcome"], "inserted");
  EXPECT_GT(j["stored"][0]["id"].get<int64_t>(), 0);
  EXPECT_EQ(j["skipped_count"], 1);
  ASSERT_EQ(j["skipped"].size(), 1u);
  EXPECT_EQ(j["skipped"][0]["record"], 2);
  EXPECT_FALSE(j["skipped"][0]["reason"].get<std::string>().empty());
  EXPECT_TRUE(j.contains("dedup"));
  EXPECT_TRUE(j.contains("coding"));
  // The readers see it at once, events included.
  auto health = c.Get("/api/health");
  ASSERT_TRUE(health);
  json h = json::parse(health->body);
  EXPECT_EQ(h["articles"], 2);
  EXPECT_GT(h["events"].get<int>(), 0) << health->body;
  // The same body again stores nothing new.
  auto again = c.Post("/api/articles", auth, body, "application/x-ndjson");
  ASSERT_TRUE(again);
  json a = json::parse(again->body);
  EXPECT_EQ(a["stored"][0]["outcome"], "unchanged");
  EXPECT_EQ(a["stored"][0]["id"], j["stored"][0]["id"]);
  // One JSON object spread over lines is one article.
  auto one = c.Post("/api/articles", auth,
                    "{\n  \"id\": \"a3\",\n  \"text\": \"Police detained protesters in Minsk.\"\n}",
                    "application/json");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200) << one->body;
  EXPECT_EQ(json::parse(one->body)["stored"].size(), 1u);
  // Nesting deeper than any article is refused per line, not serialised again (the server
  // would recurse once per level).
  auto deep = c.Post("/api/articles", auth, std::string(200000, '[') + std::string(200000, ']'),
                     "application/json");
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->status, 400);
  EXPECT_NE(deep->body.find("nested deeper"), std::string::npos) << deep->body;
  // Nothing storable: 400 with the reasons.
  auto bad = c.Post("/api/articles", auth, "[1, 2]", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["skipped_count"], 2);
}

TEST_F(ServerTest, RequestsOverTheSizeCapAre413) {
  ServeOptions o = Options();
  o.token = kToken;
  o.max_body_bytes = 2048;
  Running r(o);
  auto c = r.Client();
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  std::string big = R"({"text":")" + std::string(4096, 'a') + R"("})";
  auto res = c.Post("/api/articles", auth, big, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  // A declared length over the cap is refused before the body is read.
  std::string raw = RawRequest(r.port(),
                               "POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: "
                               "100000000\r\nConnection: close\r\n\r\n");
  EXPECT_NE(raw.find(" 413 "), std::string::npos) << raw.substr(0, 200);
  auto store = Store::OpenExisting(db_);
  ASSERT_TRUE(store.ok());
  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 0);
}

TEST_F(ServerTest, SlowClientTimesOutWhileOthersAreServed) {
  ServeOptions o = Options();
  o.timeout_seconds = 1;
  Running r(o);
  // A client that sends half a request and stalls.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(r.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string half = "GET /api/health HTTP/1.1\r\nHost: x\r\n";
  ASSERT_EQ(send(fd, half.data(), half.size(), 0), static_cast<ssize_t>(half.size()));
  auto t0 = std::chrono::steady_clock::now();
  // Others are answered meanwhile.
  auto c = r.Client();
  for (int i = 0; i < 5; ++i) {
    auto res = c.Get("/api/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(900));
  // The stalled connection is closed after the read timeout (with no answer or a 4xx).
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string got;
  char buf[1024];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) got.append(buf, static_cast<size_t>(n));
  auto waited = std::chrono::steady_clock::now() - t0;
  close(fd);
  EXPECT_GE(waited, std::chrono::milliseconds(900));
  EXPECT_LT(waited, std::chrono::milliseconds(4500));
  EXPECT_EQ(got.find(" 200 "), std::string::npos) << got;
  // And the server still answers.
  auto after = c.Get("/api/health");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST_F(ServerTest, StaticFilesNeverLeaveTheWebRoot) {
  std::filesystem::create_directories(dir_.File("web/assets"));
  dir_.Write("web/index.html", "<html>dashboard</html>");
  dir_.Write("web/assets/app.js", "console.log(1)");
  dir_.Write("secret.txt", "TOP-SECRET");
  ServeOptions o = Options();
  o.web_root = dir_.File("web");
  Running r(o);
  auto c = r.Client();
  auto index = c.Get("/index.html");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  for (const char* path :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5csecret.txt", "/....//secret.txt",
        "/%252e%252e/secret.txt", "//etc/passwd", "/assets/%00../../secret.txt"}) {
    std::string raw = RawRequest(
        r.port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(raw.find("TOP-SECRET"), std::string::npos) << path;
    EXPECT_EQ(raw.find("root:"), std::string::npos) << path;
    EXPECT_EQ(raw.find(" 200 "), std::string::npos) << path << "\n" << raw.substr(0, 300);
  }
}

}  // namespace
}  // namespace dyad
