// Thousands of malformed, truncated, oversized and deeply nested requests and random paths:
// the server never fails (no 5xx), answers each with the JSON error shape, and the log
// still verifies afterwards.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <random>
#include <thread>

#include "api/server/server.h"
#include "engine/token.h"
#include "events/verify.h"
#include "tests/api/api_client.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

class FuzzTest : public testing::EngineTest {};

TEST_F(FuzzTest, MalformedRequestsGet4xxAndBreakNothing) {
  HoldCamden();
  const std::string ref = Agree("MPS");
  auto t = GenerateToken();
  ASSERT_TRUE(Run(command::IssueToken{t->id, TokenHash(t->token), "jsmith", "officer", ""}, *ParseCaller("r:admin")).ok());
  auto views = LiveModel::Start(*log_);
  ASSERT_TRUE(views.ok());
  api::ServerOptions options;
  options.port = 0;
  options.connections.max_body_bytes = 64 << 10;
  options.requests_per_second = options.request_burst = 1e9;  // the fake clock stands still
  api::Server server(*log_, clock_, **views, options);
  auto port = server.Bind();
  ASSERT_TRUE(port.ok());
  std::thread serving([&] { server.Run(); });
  auto client = testing::ApiClient(*port);

  const std::vector<std::string> paths = {
      "/api/v1/actions/" + ref + "/note", "/api/v1/actions", "/api/v1/meetings", "/api/v1/meetings/CAM-20090616/hold",
      "/api/v1/import", "/api/v1/good-practice", "/api/v1/pan-london-issues", "/api/v1/actions/" + ref,
      "/api/v1/meetings/CAM-20090616/follow-up-report", "/api/v1/events", "/api/v1/rounds/1/coverage"};
  const std::vector<std::string> valid = {
      R"({"text": "note", "percent": 40})", R"({"meeting": "CAM-20090616", "text": "x", "lead": "MPS", "due": "2009-09-30"})",
      R"({"borough": "Camden", "round": 1, "theme": "prevent", "date": "2009-07-01", "start": "10:00", "end": "11:00", "room": "r"})"};
  std::mt19937 rng(424242);
  auto random_bytes = [&](size_t n) {
    std::string s(n, '\0');
    for (auto& c : s) c = char(rng() % 256);
    return s;
  };
  int answered = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string path = paths[rng() % paths.size()];
    std::string body = valid[rng() % valid.size()];
    switch (rng() % 10) {
      case 0: body = body.substr(0, rng() % body.size()); break;             // truncated
      case 1: body = random_bytes(rng() % 300); break;                        // garbage
      case 2: body = std::string(5000 + rng() % 5000, '[') ; break;           // deeply nested, unclosed
      case 3: body = std::string(3000, '[') + std::string(3000, ']'); break;  // deeply nested
      case 4: body = std::string(70 << 10, 'x'); break;                       // over the limit
      case 5: path += "/" + random_bytes(1 + rng() % 20); break;              // random path bytes
      case 6: path = "/api/v1/" + std::string(1 + rng() % 2000, 'a'); break;  // long unknown path
      case 7: body = R"({"text": {"nested": [1, 2, {"x": null}]}, "percent": "many"})"; break;  // wrong types
      case 8: body = "null"; break;
      default: break;                                                          // valid-looking
    }
    // Paths with bytes a URL cannot hold are refused by the client itself: skip those.
    if (path.find_first_of(std::string("\0\r\n ", 4)) != std::string::npos) continue;
    httplib::Headers headers = {{"Authorization", "Bearer " + t->token}};
    auto r = rng() % 4 == 0 ? client.Get(path, headers)
                            : client.Post(path, headers, body, rng() % 8 ? "application/json" : "text/html");
    ASSERT_TRUE(r) << "no answer to request " << i << " on " << path;
    ++answered;
    ASSERT_LT(r->status, 500) << path << " " << body.substr(0, 80) << " -> " << r->body;
    if (r->status >= 400) {
      auto error = nlohmann::json::parse(r->body, nullptr, false);
      ASSERT_FALSE(error.is_discarded()) << r->status << " " << r->body.substr(0, 200);
      ASSERT_TRUE(error.contains("error")) << r->body.substr(0, 200);
    }
  }
  EXPECT_GT(answered, 1800);
  EXPECT_EQ(client.Get("/healthz")->status, 200);
  server.Stop();
  serving.join();
  auto report = VerifyLog(*log_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problem;
}

}  // namespace
}  // namespace jem
