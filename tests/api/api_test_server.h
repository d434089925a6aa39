// A jem API server on a free loopback port over the engine fixture's log, with tokens.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <boost/asio/io_context.hpp>

#include <thread>

#include "api/server/server.h"
#include "engine/reminders/email.h"
#include "engine/reminders/scheduler.h"
#include "engine/token.h"
#include "tests/api/api_client.h"
#include "tests/engine/engine_fixture.h"

namespace jem::testing {

class ApiTest : public EngineTest {
 protected:
  // Starts the server with `options` (its port is chosen here), its views with `views`.
  void Start(api::ServerOptions options = {}, LiveModel::Options views = {}) {
    auto live = LiveModel::Start(*log_, std::move(views));
    ASSERT_TRUE(live.ok());
    views_ = std::move(live.value());
    options.port = 0;
    server_ = std::make_unique<api::Server>(*log_, clock_, *views_, options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  // Once the server runs, a command run straight through the engine (EngineTest::Run and the
  // helpers over it) returns when the server's views hold it, so that what a test asks over
  // HTTP next sees it. (A client's own writes through the API the server waits for itself.)
  void Ran() override {
    if (views_) {
      EXPECT_TRUE(views_->WaitFor(log_->head().position, std::chrono::seconds(5)));
    }
  }

  // A new token for `user` in `role`, usable at once.
  std::string Token(const std::string& user, const std::string& role, const std::string& agency = "") {
    auto t = GenerateToken();
    EXPECT_TRUE(Run(command::IssueToken{t->id, TokenHash(t->token), user, role, agency}, *ParseCaller("root:admin")).ok());
    return t->token;
  }
  static httplib::Headers As(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  static nlohmann::json Body(const httplib::Result& r) { return nlohmann::json::parse(r->body); }
  httplib::Client Client() const { return ApiClient(port_); }

  // Runs the reminder engine (e-mail to a scratch outbox, the default policy) from the clock's
  // time to `until`, an hour at a time, as `jem serve` would.
  void RunReminders(Timestamp until) {
    boost::asio::io_context io;
    reminders::EmailOutbox email({outbox_.path()});
    auto scheduler = reminders::Scheduler::Create(*log_, clock_, *views_, {{}, {}, &email, nullptr}, io);
    ASSERT_TRUE(scheduler.ok()) << scheduler.status().ToString();
    (*scheduler)->Start();
    io.poll();
    while (clock_.Now() < until) {
      clock_.Set(std::min(until, clock_.Now() + std::chrono::hours(1)));
      io.restart();
      io.poll();
    }
  }
  TempDir outbox_;

  std::unique_ptr<LiveModel> views_;
  std::unique_ptr<api::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace jem::testing
