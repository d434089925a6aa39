// Clients as an attacker on the network would be: idle and slow connections, streams never
// read, oversized and malformed heads, made-up methods, byte ranges, smuggling-style
// framing. Each must not deny service to a normal client, nor grow memory, nor hold up a
// stop; each gets a clear error.
#include <atomic>
#include <chrono>

#include "tests/api/api_test_server.h"
#include "tests/api/server_process.h"

namespace jem {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

using testing::Await;
using testing::Metric;
using testing::RawConnection;

class HostileClientTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    HoldCamden();
    ref_ = Agree("MPS");
    officer_ = Token("jsmith", "officer");
    admin_ = Token("root", "admin");
  }

  // Connections the server has accepted so far, this asking's own included.
  uint64_t Accepted() { return Metric(port_, admin_, "jem_http_connections_accepted_total"); }

  // Waits until the server has accepted `n` connections after `before` (an earlier Accepted()),
  // besides those this makes to ask: the connections a test opened are the server's from then.
  void AwaitAccepted(uint64_t before, uint64_t n) {
    uint64_t asked = 0;
    Await([&] { return Accepted() >= before + n + ++asked; }, "the server has the connections");
  }

  // Options with short deadlines, so the tests take seconds.
  static api::ServerOptions Quick() {
    api::ServerOptions o;
    o.connections.request_timeout = 1000ms;
    o.connections.keep_alive = 3000ms;
    o.connections.stop_grace = 500ms;
    return o;
  }

  // How long a normal client waits for the board.
  std::chrono::milliseconds TimeABoardRead() {
    auto client = Client();
    client.set_read_timeout(20, 0);
    const auto start = SteadyClock::now();
    auto r = client.Get("/api/v1/actions", As(officer_));
    EXPECT_TRUE(r && r->status == 200);
    return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
  }

  std::string ref_, officer_, admin_;
};

TEST_F(HostileClientTest, IdleConnectionsBeyondTheWorkersDoNotStallOthers) {
  auto options = Quick();
  options.connections.max_workers = 16;
  Start(options);
  const uint64_t before = Accepted();
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 64; ++i) idle.push_back(std::make_unique<RawConnection>(port_));
  AwaitAccepted(before, 64);
  EXPECT_LT(TimeABoardRead(), 1000ms);
}

TEST_F(HostileClientTest, ConnectionsArrivingTogetherEachGetAWorkerAtOnce) {
  Start(Quick());
  // One worker made and idle again; then a burst of keep-alive connections. Each needs a
  // worker of its own at once: none may wait for another connection to end (3 s here).
  { EXPECT_EQ(Client().Get("/healthz")->status, 200); }
  Await([&] { return Metric(port_, admin_, "jem_http_connections_open") == 1; }, "only the asking connection open");
  for (int burst = 0; burst < 5; ++burst) {
    std::vector<std::unique_ptr<RawConnection>> connections;
    for (int i = 0; i < 8; ++i) connections.push_back(std::make_unique<RawConnection>(port_));
    const auto start = SteadyClock::now();
    for (auto& c : connections) ASSERT_TRUE(c->Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    for (auto& c : connections) {
      const std::string answer = c->ReadSome(2000ms);
      EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << "burst " << burst << ": " << answer;
    }
    EXPECT_LT(SteadyClock::now() - start, 1000ms) << "burst " << burst;
  }
}

TEST_F(HostileClientTest, DripFeedingClientsAreCutOffAndDoNotStallOthers) {
  Start(Quick());
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 70; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port_));
    slow.back()->Send("GET /api/v1/actions HTTP/1.1\r\nHost: x\r\n");
  }
  std::atomic<bool> dripping{true};
  std::thread drip([&] {
    for (int i = 0; dripping && i < 40; ++i) {
      for (auto& c : slow) c->Send("X");
      std::this_thread::sleep_for(100ms);
    }
  });
  EXPECT_LT(TimeABoardRead(), 1000ms);
  // Past the request deadline the drip-feeder is answered 408 and closed.
  const std::string answer = slow.front()->ReadAll(3000ms);
  dripping = false;
  drip.join();
  EXPECT_EQ(answer.rfind("HTTP/1.1 408", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"request_timeout\""), std::string::npos) << answer;
}

TEST_F(HostileClientTest, UnreadEventStreamsAreCappedPerTokenAndInTotal) {
  auto options = Quick();
  options.streams.per_token = 2;
  options.streams.total = 3;
  options.streams.per_role = 3;
  Start(options);
  const std::string request = "GET /api/v1/events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + officer_ + "\r\n\r\n";
  std::vector<std::unique_ptr<RawConnection>> streams;
  for (int i = 0; i < 64; ++i) {
    streams.push_back(std::make_unique<RawConnection>(port_));
    streams.back()->Send(request);
  }
  int open = 0, refused = 0;
  for (auto& s : streams) {
    const std::string head = s->ReadAll(300ms);
    open += head.rfind("HTTP/1.1 200", 0) == 0;
    refused += head.rfind("HTTP/1.1 503", 0) == 0;
  }
  EXPECT_EQ(open, 2);
  EXPECT_EQ(refused, 62);
  const std::string other = Token("kaudit", "auditor");
  auto client = Client();
  bool answered = false;
  client.Get("/api/v1/events/stream", As(other), [&](const httplib::Response& r) { return answered = r.status == 200; },
             [](const char*, size_t) { return false; });
  EXPECT_TRUE(answered) << "another token may still open one, up to the total";
  EXPECT_LT(TimeABoardRead(), 1000ms);
}

TEST_F(HostileClientTest, OneRolesStreamsLeaveOtherRolesTheirShare) {
  auto options = Quick();
  options.streams.total = 6;
  options.streams.per_role = 2;
  Start(options);
  auto open = [&](const std::string& token) {
    auto c = std::make_unique<RawConnection>(port_);
    c->Send("GET /api/v1/events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    const std::string head = c->ReadSome(2000ms);
    return std::make_pair(std::move(c), head.substr(0, 12));
  };
  std::vector<std::unique_ptr<RawConnection>> held;
  int officers_refused = 0;
  for (int i = 0; i < 4; ++i) {  // officers, a token each, as many as they like
    auto [c, status] = open(Token("officer" + std::to_string(i), "officer"));
    officers_refused += status == "HTTP/1.1 503";
    held.push_back(std::move(c));
  }
  EXPECT_EQ(officers_refused, 2) << "officers hold their share, two, and no more";
  auto [auditor, status] = open(Token("kaudit", "auditor"));
  EXPECT_EQ(status, "HTTP/1.1 200") << "an auditor still has its share";
}

TEST_F(HostileClientTest, RevokingATokenEndsItsStreamsWithinASecond) {
  Start(Quick());
  const auto token = GenerateToken();
  ASSERT_TRUE(Run(command::IssueToken{token->id, TokenHash(token->token), "kaudit", "auditor", ""},
                  *ParseCaller("root:admin")).ok());
  ASSERT_TRUE(views_->WaitFor(log_->head().position, 5s));
  RawConnection stream(port_);
  stream.Send("GET /api/v1/events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token->token + "\r\n\r\n");
  const std::string head = stream.ReadSome(5000ms);  // the stream is open
  ASSERT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
  ASSERT_TRUE(Run(command::RevokeToken{token->id, "left"}, *ParseCaller("root:admin")).ok());
  const auto revoked = SteadyClock::now();
  const std::string all = head + stream.ReadAll(5000ms);  // returns when the server ends the stream
  EXPECT_LT(SteadyClock::now() - revoked, 2500ms);
  EXPECT_NE(all.find("event: meetingScheduled"), std::string::npos);
}

TEST_F(HostileClientTest, AStopIsBoundedWhateverTheClientsDo) {
  Start(Quick());
  const uint64_t before = Accepted();
  std::vector<std::unique_ptr<RawConnection>> clients;
  for (int i = 0; i < 20; ++i) clients.push_back(std::make_unique<RawConnection>(port_));  // idle
  for (int i = 0; i < 20; ++i) {
    clients.push_back(std::make_unique<RawConnection>(port_));
    clients.back()->Send("POST /api/v1/actions HTTP/1.1\r\nHost: x\r\n");  // a head never finished
  }
  clients.push_back(std::make_unique<RawConnection>(port_));
  clients.back()->Send("GET /api/v1/events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + officer_ + "\r\n\r\n");
  ASSERT_EQ(clients.back()->ReadSome(5000ms).rfind("HTTP/1.1 200", 0), 0u) << "the stream is open";
  AwaitAccepted(before, 41);
  const auto start = SteadyClock::now();
  server_->Stop();
  thread_.join();
  EXPECT_LT(SteadyClock::now() - start, 2000ms);
  server_.reset();
}

TEST_F(HostileClientTest, AStopBeforeTheServerRunsStillEndsItsRun) {
  // A signal can stop jem serve between binding and serving. Run() must still return: were
  // the stop lost, this test would never end (and ctest's timeout would fail it).
  auto views = LiveModel::Start(*log_, {});
  ASSERT_TRUE(views.ok());
  api::Server server(*log_, clock_, **views, Quick());
  auto port = server.Bind();
  ASSERT_TRUE(port.ok());
  server.Stop();
  server.Run();
  EXPECT_FALSE(RawConnection(*port).connected()) << "nothing listens once Run() has returned";
}

TEST_F(HostileClientTest, HeadsBeyondTheLimitsAre431AndUrlsBeyondThemAre414) {
  Start(Quick());
  auto client = Client();
  httplib::Headers many = As(officer_);
  for (int i = 0; i < 100; ++i) many.emplace("X-Filler-" + std::to_string(i), "x");
  auto r = client.Get("/api/v1/actions", many);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(Body(r)["error"]["code"], "request_header_fields_too_large");
  // A million tiny headers: cut off at the head's byte limit, not read into memory.
  RawConnection flood(port_);
  flood.Send("GET /api/v1/actions HTTP/1.1\r\nHost: x\r\n");
  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += "a:b\r\n";
  for (int i = 0; i < 50 && flood.Send(lines); ++i) {
  }
  const std::string answer = flood.ReadAll(2000ms);
  EXPECT_EQ(answer.rfind("HTTP/1.1 431", 0), 0u) << answer.substr(0, 200);
  r = client.Get("/api/v1/actions?borough=" + std::string(9000, 'a'), As(officer_));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 414);
  EXPECT_EQ(Body(r)["error"]["code"], "uri_too_long");
  EXPECT_LT(TimeABoardRead(), 1000ms);
}

TEST_F(HostileClientTest, PipelinedRequestsAreEachAnsweredInOrder) {
  Start(Quick());
  RawConnection c(port_);
  const std::string auth = "Authorization: Bearer " + officer_ + "\r\n";
  // Three requests in one write, the second of them with a body: each answered, in order.
  const std::string body = R"({"text": "pipelined"})";
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                     "POST /api/v1/actions/" + ref_ + "/note HTTP/1.1\r\nHost: x\r\n" + auth +
                     "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                     body + "GET /api/v1/actions/" + ref_ + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n"));
  const std::string answers = c.ReadAll(5000ms);
  const size_t first = answers.find("HTTP/1.1 200"), second = answers.find("HTTP/1.1 200", first + 1),
               third = answers.find("HTTP/1.1 200", second + 1);
  ASSERT_NE(third, std::string::npos) << answers;
  EXPECT_NE(answers.find("\"head_position\""), std::string::npos) << "the health answer first";
  EXPECT_LT(answers.find("\"head_position\""), second);
  EXPECT_GT(answers.find("\"reference\":\"" + ref_ + "\""), third) << "the action last";
}

TEST_F(HostileClientTest, EveryOversizedOrTooSlowRequestLineIsAnswered) {
  Start(Quick());
  for (size_t size : {9000u, 20000u, 100000u, 1000000u}) {
    RawConnection c(port_);
    c.Send("GET /api/v1/actions?borough=" + std::string(size, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string answer = c.ReadAll(3000ms);
    EXPECT_EQ(answer.rfind("HTTP/1.1 414", 0), 0u) << size << ": " << answer.substr(0, 200);
    EXPECT_NE(answer.find("\"uri_too_long\""), std::string::npos) << size;
    EXPECT_NE(answer.find("Connection: close"), std::string::npos) << size;
  }
  RawConnection slow(port_);
  slow.Send("GET /api/v1/act");  // and nothing more: the request line never ends
  const std::string answer = slow.ReadAll(3000ms);
  EXPECT_EQ(answer.rfind("HTTP/1.1 408", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"request_timeout\""), std::string::npos);
  EXPECT_LT(TimeABoardRead(), 1000ms);
}

TEST_F(HostileClientTest, EveryHtmlAnswerCarriesThePagesSecurityHeaders) {
  Start(Quick());
  auto client = Client();
  for (const std::string& path : {std::string("/api/v1/meetings/CAM-20090616/follow-up-report?format=html"), std::string("/sign-in"),
                                  std::string("/meetings/not-a-meeting"), std::string("/nowhere")}) {
    auto r = client.Get(path, {{"Authorization", "Bearer " + officer_}, {"Accept", "text/html"}});
    ASSERT_TRUE(r) << path;
    ASSERT_EQ(r->get_header_value("Content-Type").rfind("text/html", 0), 0u) << path << " " << r->status;
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST_F(HostileClientTest, PathParametersThatDoNotFitAre400NamingThem) {
  Start(Quick());
  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/actions/not-a-reference", "ref"},
           {"/api/v1/meetings/CAM-2009/follow-up-report", "meeting"},
           {"/api/v1/rounds/x/coverage", "n"},
           {"/api/v1/events/0/correct", "position"}}) {
    const bool post = path.ends_with("/correct");
    auto r = post ? Client().Post(path, As(officer_), "{}", "application/json") : Client().Get(path, As(officer_));
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 400) << path;
    EXPECT_EQ(Body(r)["error"]["field"], field) << path;
  }
  EXPECT_EQ(Client().Get("/api/v1/nowhere/at/all", As(officer_))->status, 404);
}

TEST_F(HostileClientTest, ByteRangesAreNotServed) {
  Start(Quick());
  auto headers = As(officer_);
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 500; ++i) ranges += ",0-";
  headers.emplace("Range", ranges);
  auto r = Client().Get("/api/v1/actions", headers);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_NO_THROW(Body(r));
  EXPECT_FALSE(r->has_header("Accept-Ranges"));
}

TEST_F(HostileClientTest, MadeUpMethodsShareOneMetricsLabelAndGet501) {
  Start(Quick());
  for (int i = 0; i < 200; ++i) {
    RawConnection c(port_);
    c.Send("M" + std::to_string(i) + "\"X /api/v1/actions HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string answer = c.ReadAll(1000ms);
    ASSERT_EQ(answer.rfind("HTTP/1.1 501", 0), 0u) << answer;
  }
  const std::string admin = Token("root", "admin");
  auto metrics = Client().Get("/metrics", As(admin));
  ASSERT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->body.find("M1"), std::string::npos);
  EXPECT_NE(metrics->body.find("method=\"other\",route=\"unmatched\",status=\"501\"} 200"), std::string::npos)
      << metrics->body;
}

TEST_F(HostileClientTest, AKnownPathWithAnotherMethodIs405WithAllow) {
  Start(Quick());
  auto r = Client().Delete("/api/v1/actions", As(officer_));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(Body(r)["error"]["code"], "method_not_allowed");
}

TEST_F(HostileClientTest, ABodyRefusedUnreadEndsTheConnectionAndTheAnswerSaysSo) {
  Start(Quick());
  const std::string auditor = Token("kaudit", "auditor");
  // A keep-alive client sends its next request right behind the body: had the server kept
  // the connection, it would read that body as the next request (or the client would find
  // its request dropped). The answer says "Connection: close", and nothing else follows.
  RawConnection c(port_);
  ASSERT_TRUE(c.connected());
  const std::string body = R"({"meeting": "CAM-20090616", "text": "x", "lead": "MPS", "due": "2009-12-31"})";
  ASSERT_TRUE(c.Send("POST /api/v1/actions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + auditor +
                     "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                     "\r\n\r\n" + body + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string answer = c.ReadAll(2000ms);
  EXPECT_EQ(answer.rfind("HTTP/1.1 403", 0), 0u) << answer;
  EXPECT_NE(answer.find("Connection: close\r\n"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("HTTP/1.1", 1), std::string::npos) << "one answer, then the connection closes: " << answer;

  // A library client with keep-alive sees the close and carries on with a new connection.
  auto client = Client();
  client.set_keep_alive(true);
  EXPECT_EQ(client.Post("/api/v1/actions", As(auditor), body, "application/json")->status, 403);
  EXPECT_EQ(client.Get("/api/v1/actions", As(auditor))->status, 200);
}

TEST_F(HostileClientTest, AmbiguousOrCompressedBodiesAreRefusedBeforeTheyAreRead) {
  Start(Quick());
  const std::string path = "/api/v1/actions/" + ref_ + "/note";
  auto raw = [&](const std::string& headers, const std::string& body) {
    RawConnection c(port_);
    c.Send("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + officer_ +
           "\r\nContent-Type: application/json\r\n" + headers + "\r\n" + body);
    return c.ReadAll(2000ms);
  };
  const uint64_t head = log_->head().position;
  const std::string body = R"({"text": "smuggled"})";
  const std::string len = std::to_string(body.size());
  EXPECT_EQ(raw("Content-Length: " + len + "\r\nContent-Length: 2\r\n", body).rfind("HTTP/1.1 400", 0), 0u);
  EXPECT_EQ(raw("Content-Length: " + len + "\r\nTransfer-Encoding: chunked\r\n", body).rfind("HTTP/1.1 400", 0), 0u);
  EXPECT_EQ(raw("Content-Length: +" + len + "\r\n", body).rfind("HTTP/1.1 400", 0), 0u);
  EXPECT_EQ(raw("Content-Length: " + len + "\r\nContent-Encoding: gzip\r\n", body).rfind("HTTP/1.1 415", 0), 0u);
  EXPECT_EQ(raw("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n").rfind("HTTP/1.1 415", 0), 0u);
  // A chunked body past the limit is cut off as the bytes arrive.
  std::string chunks;
  for (int i = 0; i < 2048; ++i) chunks += "400\r\n" + std::string(1024, 'x') + "\r\n";
  EXPECT_EQ(raw("Transfer-Encoding: chunked\r\n", chunks).rfind("HTTP/1.1 413", 0), 0u);
  EXPECT_EQ(log_->head().position, head);
}

TEST_F(HostileClientTest, AnswersSayWhatTheyAreAndAreNotCached) {
  Start(Quick());
  auto client = Client();
  auto board = client.Get("/api/v1/actions", As(officer_));
  EXPECT_EQ(board->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(board->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(board->get_header_value("Content-Type"), "application/json; charset=utf-8");
  auto missing = client.Get("/nowhere");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/json; charset=utf-8");
  auto csv = client.Get("/api/v1/meetings/CAM-20090616/follow-up-report?format=csv", As(officer_));
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
}

}  // namespace
}  // namespace jem
