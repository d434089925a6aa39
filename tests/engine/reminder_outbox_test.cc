// The reminder engine as `jem serve` runs it — scheduler, outbox, e-mail and webhook
// channels — driven through a simulated year by a fake clock. Leaves what it sent in
// build/reminders/ (the .eml files, the webhook requests) for the checks by code jem did not
// write: Python's email package and the npm standardwebhooks verifier.
#include <boost/asio/io_context.hpp>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <nlohmann/json.hpp>
#include <thread>

#include "engine/reminders/email.h"
#include "engine/reminders/scheduler.h"
#include "engine/reminders/webhook.h"
#include "projections/live_model.h"
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using testing::D;
using std::chrono::days;
using std::chrono::hours;
using reminders::Day;

Timestamp At(const char* day, int hour_utc) { return Timestamp(D(day) + hours(hour_utc)); }

const std::string kArtefacts = std::string(JEM_BINARY_DIR) + "/reminders";

class ReminderOutboxTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    HoldCamden();
    auto policy = reminders::ParsePolicy(
        "bank_holidays: [2010-04-02, 2010-04-05, 2010-05-03, 2010-05-31, 2010-08-30, 2010-12-27, 2010-12-28, "
        "2011-01-03]\n");
    ASSERT_TRUE(policy.ok()) << policy.status().ToString();
    policy_ = *policy;
    for (const command::SetContact& c : {
             command::SetContact{"mps-camden", "agency", "MPS Camden", "mps.camden@met.example", "MPS", "Camden", ""},
             command::SetContact{"tfl", "agency", "TfL JEM team", "jem@tfl.example", "TfL", "", ""},
             command::SetContact{"chair-kit", "chair", "Kit Malthouse", "kit@mpa.example", "", "", ""},
             command::SetContact{"officer-js", "officer", "J Smith", "j.smith@mpa.example", "", "", "jsmith"},
             command::SetContact{"secretary", "secretary", "Committee secretary", "sec@mpa.example", "", "", ""}}) {
      auto r = Run(c);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }
  void TearDown() override { Stop(); }

  // Agrees an action at the Camden JEM led by `lead`, due on `due`.
  std::string AgreeDue(const std::string& lead, const std::string& due) {
    command::AgreeAction agree = CamdenAction(lead);
    agree.due_date = due;
    auto r = Run(agree);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->subject : "";
  }

  void Start(std::vector<reminders::WebhookEndpoint> endpoints = {}) {
    auto views = LiveModel::Start(*log_);
    ASSERT_TRUE(views.ok()) << views.status().ToString();
    views_ = std::move(*views);
    auto identity = reminders::LogIdentity(*log_);
    ASSERT_TRUE(identity.ok()) << identity.status().ToString();
    identity_ = *identity;
    email_ = std::make_unique<reminders::EmailOutbox>(
        reminders::MailSettings{outbox_.path(), "JEM reminders <jem@mpa.example>", "https://jem.example", identity_});
    webhooks_ = std::make_unique<reminders::WebhookSender>(endpoints, clock_, identity_);
    reminders::SchedulerOptions options{policy_, reminders::PublicPart(endpoints), email_.get(), webhooks_.get()};
    auto scheduler = reminders::Scheduler::Create(*log_, clock_, *views_, options, io_);
    ASSERT_TRUE(scheduler.ok()) << scheduler.status().ToString();
    scheduler_ = std::move(*scheduler);
    scheduler_->Start();
    io_.restart();
    io_.poll();
  }
  void Stop() {
    scheduler_.reset();
    EXPECT_EQ(clock_.armed(), 0u) << "a stopped engine leaves no alarm behind";
    views_.reset();
  }
  // Moves the clock to `until` in steps, letting the scheduler run whatever falls due.
  void RunUntil(Timestamp until, std::chrono::microseconds step = hours(1)) {
    while (clock_.Now() < until) {
      clock_.Set(std::min(until, clock_.Now() + step));
      io_.restart();
      io_.poll();
      ASSERT_EQ(clock_.armed(), 1u) << "the engine waits on one alarm at a time";
    }
  }

  ReadModel Model() {
    auto m = RebuildModel(*log_);
    EXPECT_TRUE(m.ok());
    return std::move(*m);
  }
  // Every message queued: its id -> its items' reminder ids (or subjects, in a summary).
  std::map<std::string, std::vector<std::string>> Sent() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [id, m] : Model().reminders.messages) {
      for (const auto& item : m.items) out[id].push_back(item.reminder_id.empty() ? item.subject : item.reminder_id);
    }
    return out;
  }

  reminders::Policy policy_;
  testing::TempDir outbox_;
  boost::asio::io_context io_;
  std::unique_ptr<LiveModel> views_;
  std::unique_ptr<reminders::EmailOutbox> email_;
  std::unique_ptr<reminders::WebhookSender> webhooks_;
  std::string identity_;  // the log's, in every message id
  std::unique_ptr<reminders::Scheduler> scheduler_;
};

TEST_F(ReminderOutboxTest, AYearOfARoundSendsExactlyTheRemindersDigestsAndEscalationsThePolicySays) {
  const std::string a = AgreeDue("MPS", "2010-03-31");
  const std::string b = AgreeDue("TfL", "2010-10-28");

  clock_.Set(At("2010-03-01", 8) + std::chrono::minutes(30));  // a Monday, after 08:00 GMT
  Start();
  RunUntil(At("2010-04-06", 5));  // Easter Tuesday, before the day's reminders
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kComplete, a, "Hotspots mapped", testing::Partner("MPS")).ok());

  // A second meeting, held on 10 June: its summary goes out the next working day.
  RunUntil(At("2010-06-10", 12));
  auto hackney = Run(command::ScheduleMeeting{"Hackney", 2, "violent-crime", "2010-06-10", "10:00", "12:00", "Town hall", "Jane Doe"});
  ASSERT_TRUE(hackney.ok()) << hackney.status().ToString();
  ASSERT_TRUE(Run(command::HoldMeeting{"HAC-20100610", "", "", {{"Jane Doe", "MPA", "Chair"}, {"TfL lead", "TfL", ""}, {"Commander", "MPS", ""}}}).ok());
  ASSERT_TRUE(Run(command::AgreeAction{"HAC-20100610", "", "Review bus-route patrols", "", "TfL", {}, "2011-06-30", ""}).ok());

  // Down over a weekend and two working days: the days missed are closed on restart.
  RunUntil(At("2010-10-27", 20));
  Stop();
  clock_.Set(At("2010-11-01", 12));
  Start();
  RunUntil(At("2010-11-15", 5));
  auto later = UpdateOf(command::UpdateAction::Kind::kRedate, b, "Waiting for bus data");
  later.new_due_date = "2010-12-24";
  ASSERT_TRUE(Run(later).ok());
  RunUntil(At("2011-02-01", 5));
  ASSERT_TRUE(Update(command::UpdateAction::Kind::kDrop, b, "Superseded by the pan-London review").ok());
  RunUntil(At("2011-03-01", 0));

  const std::string A = a + "/", B = b + "/";
  const std::vector<std::string> b3 = {B + "overdue/2010-10-28/3"};
  using V = std::vector<std::string>;
  const std::map<std::string, V> expected = {
      {"2010-03-24/mps-camden", {A + "due-soon/2010-03-31"}},
      {"2010-03-31/mps-camden", {A + "due-today/2010-03-31"}},
      {"2010-04-01/mps-camden", {A + "overdue/2010-03-31/1"}},
      {"summary/HAC-20100610/tfl", {"HAC-2010-01"}},
      {"summary/HAC-20100610/officer-js", {"HAC-2010-01"}},
      {"2010-10-21/tfl", {B + "due-soon/2010-10-28"}},
      {"2010-10-28/tfl", {B + "due-today/2010-10-28"}},  // closed on restart, 1 November
      {"2010-10-29/tfl", {B + "overdue/2010-10-28/1"}},  // likewise
      {"2010-11-05/tfl", {B + "overdue/2010-10-28/2"}},
      {"2010-11-12/tfl", b3}, {"2010-11-12/chair-kit", b3}, {"2010-11-12/officer-js", b3},
      {"2010-11-26/officer-js", {"HAC-20100610/follow-up/2010-12-10"}},
      {"2010-12-17/tfl", {B + "due-soon/2010-12-24"}},
      {"2010-12-24/tfl", {B + "due-today/2010-12-24"}},
      // Falls on Christmas Day; the 27th and 28th are bank holidays.
      {"2010-12-29/tfl", {B + "overdue/2010-12-24/1"}},
      {"2011-01-04/tfl", {B + "overdue/2010-12-24/2"}},
      {"2011-01-10/tfl", {B + "overdue/2010-12-24/3"}}, {"2011-01-10/chair-kit", {B + "overdue/2010-12-24/3"}},
      {"2011-01-10/officer-js", {B + "overdue/2010-12-24/3"}},
      {"2011-01-17/tfl", {B + "overdue/2010-12-24/4"}}, {"2011-01-17/chair-kit", {B + "overdue/2010-12-24/4"}},
      {"2011-01-17/officer-js", {B + "overdue/2010-12-24/4"}},
      // 29 days overdue: the committee secretary too.
      {"2011-01-24/tfl", {B + "overdue/2010-12-24/5"}}, {"2011-01-24/chair-kit", {B + "overdue/2010-12-24/5"}},
      {"2011-01-24/officer-js", {B + "overdue/2010-12-24/5"}}, {"2011-01-24/secretary", {B + "overdue/2010-12-24/5"}},
      {"2011-01-31/tfl", {B + "overdue/2010-12-24/6"}}, {"2011-01-31/chair-kit", {B + "overdue/2010-12-24/6"}},
      {"2011-01-31/officer-js", {B + "overdue/2010-12-24/6"}}, {"2011-01-31/secretary", {B + "overdue/2010-12-24/6"}},
  };
  auto sent = Sent();
  // The summary lists the meeting's action; the reminders' ids are what the table names.
  EXPECT_EQ(sent, expected);

  const ReadModel m = Model();
  // At 08:00 London time: 07:00 UTC in summer time, 08:00 UTC after it ends (31 October 2010).
  EXPECT_EQ(FormatTimestamp(m.reminders.messages.at("2010-10-21/tfl").queued_at), "2010-10-21T07:00:00.000000Z");
  EXPECT_EQ(FormatTimestamp(m.reminders.messages.at("2010-11-05/tfl").queued_at), "2010-11-05T08:00:00.000000Z");
  EXPECT_EQ(m.reminders.messages.at("2010-12-29/tfl").items.at(0).window, "overdue by 5 days");
  EXPECT_EQ(m.reminders.messages.at("2010-10-28/tfl").items.at(0).window, "due today");
  EXPECT_TRUE(m.reminders.pending.empty());
  EXPECT_TRUE(m.reminders.unaddressed.empty());
  for (const auto& [id, message] : m.reminders.messages) {
    EXPECT_EQ(message.status, MessageRecord::Status::kDelivered) << id;
    EXPECT_EQ(message.attempts, 1u) << id;
    EXPECT_TRUE(std::filesystem::exists(outbox_.path() + "/" + reminders::EmailFileName(id))) << id;
  }
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(outbox_.path())) files += entry.path().extension() == ".eml";
  EXPECT_EQ(files, expected.size());

  // Leave the messages for the check with Python's email package.
  std::filesystem::remove_all(kArtefacts + "/eml");
  std::filesystem::create_directories(kArtefacts + "/eml");
  for (const auto& entry : std::filesystem::directory_iterator(outbox_.path())) {
    std::filesystem::copy_file(entry.path(), kArtefacts + "/eml/" + entry.path().filename().string());
  }

  // Replaying the log (a rebuild, a restart) sends nothing more.
  Stop();
  Start();
  RunUntil(At("2011-03-01", 12));
  EXPECT_EQ(Sent(), expected);
}

TEST_F(ReminderOutboxTest, ADayTooBigForOneEventGoesInPartsAndEveryReminderIsRecorded) {
  // 900 TfL actions due on one day, one with a text of 200 KB: more than one message holds.
  std::vector<Step> steps;
  for (int i = 0; i < 900; ++i) {
    command::AgreeAction agree = CamdenAction("TfL");
    agree.reference = "CAM-2009-" + std::to_string(100 + i);
    agree.due_date = "2010-01-20";
    agree.text = i == 0 ? std::string(200 << 10, 'x') : std::string(600, 'y') + "\u00e9" + std::string(600, 'z');
    steps.push_back({agree, std::nullopt});
  }
  CommandContext context;
  context.caller = testing::Officer();
  size_t failed = 0;
  auto agreed = engine_.ExecuteAll(context, steps, &failed);
  ASSERT_TRUE(agreed.ok()) << agreed.status().ToString();
  clock_.Set(At("2010-01-20", 7));
  Start();
  RunUntil(At("2010-01-20", 9));
  const ReminderBook book = Model().reminders;
  EXPECT_EQ(book.last_day, "2010-01-20") << "the day closed";
  std::set<std::string> told;
  size_t parts = 0;
  for (const auto& [id, m] : book.messages) {
    if (m.recipient != "tfl") continue;
    ++parts;
    EXPECT_EQ(m.status, MessageRecord::Status::kDelivered) << id;
    for (const auto& item : m.items) {
      EXPECT_LE(item.text.size(), 400u);
      EXPECT_EQ(item.text.find("\u00e9"), std::string::npos) << "cut before a character, not inside it";
      told.insert(item.reminder_id);
    }
  }
  EXPECT_GT(parts, 1u);
  EXPECT_TRUE(book.messages.contains("2010-01-20/tfl/2"));
  EXPECT_NE(book.messages.at("2010-01-20/tfl/2").subject.find(", part 2 of "), std::string::npos);
  EXPECT_EQ(told.size(), 900u) << "every reminder is in a part, once";
  EXPECT_EQ(book.reminded.size(), 900u);
}

TEST_F(ReminderOutboxTest, ADaysListOfRemindersIsRecordedInSlicesThatFoldBackWhole) {
  reminders::DayPlan plan;
  plan.day = D("2010-01-20");
  for (int i = 0; i < 4500; ++i) plan.reminder_ids.push_back("CAM-2009-" + std::to_string(i) + "/overdue/2009-12-01/7");
  plan.unaddressed = plan.reminder_ids;
  auto bodies = reminders::RecordOf(plan);
  ASSERT_EQ(bodies.size(), 3u);
  std::vector<NewEvent> events;
  for (EventBody& body : bodies) {
    EXPECT_LT(body.size_bytes(), size_t(1) << 20);
    events.push_back(NewEvent{NewEventId(), {"t", "system"}, {}, {}, std::move(body)});
  }
  ASSERT_TRUE(log_->Append(OutboxStream("2010-01-20"), ExpectedVersion::NoStream(), std::move(events)).ok());
  const ReminderBook book = Model().reminders;
  EXPECT_EQ(book.reminded.size(), 4500u);
  EXPECT_EQ(book.unaddressed.size(), 4500u);
  EXPECT_EQ(book.last_day, "2010-01-20");
}

// A receiver of webhooks: answers each request with the next status in `answers` (then 200).
class Receiver {
 public:
  explicit Receiver(std::vector<int> answers) : answers_(std::move(answers)) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu_);
      requests_.push_back({{"webhook-id", req.get_header_value("webhook-id")},
                           {"webhook-timestamp", req.get_header_value("webhook-timestamp")},
                           {"webhook-signature", req.get_header_value("webhook-signature")},
                           {"body", req.body}});
      res.status = requests_.size() <= answers_.size() ? answers_[requests_.size() - 1] : 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<nlohmann::json> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  std::vector<int> answers_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<nlohmann::json> requests_;
};

constexpr char kSecret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

TEST_F(ReminderOutboxTest, RemindersSomeoneCannotReceiveAreRecordedAndNamedInTheOfficersDigest) {
  const std::string y = AgreeDue("YJB", "2010-01-20");  // the directory has no one at YJB
  ASSERT_TRUE(Run(command::RemoveContact{"chair-kit", "left the MPA"}).ok());  // nor a chair
  clock_.Set(At("2010-01-20", 7));
  Start();
  RunUntil(At("2010-02-05", 9));  // due, then overdue weekly: the third time escalates to the chair
  const ReadModel m = Model();
  std::set<std::string> told;  // what the officer's digests said about it
  for (const auto& [id, message] : m.reminders.messages) {
    for (const auto& item : message.items) {
      if (item.subject == y && message.recipient == "officer-js") told.insert(item.why);
    }
  }
  EXPECT_TRUE(told.contains("no contact of YJB is in the directory: add one")) << ::testing::PrintToString(told);
  EXPECT_TRUE(told.contains("escalated to the chair, but no chair contact is in the directory: add one"))
      << ::testing::PrintToString(told);
  EXPECT_TRUE(m.reminders.unaddressed.contains(y + "/due-today/2010-01-20 (no contact of YJB)"))
      << ::testing::PrintToString(m.reminders.unaddressed);
  EXPECT_TRUE(m.reminders.unaddressed.contains(y + "/overdue/2010-01-20/3 (no contact of chair)"))
      << ::testing::PrintToString(m.reminders.unaddressed);
}

TEST_F(ReminderOutboxTest, MessageIdsNameTheirLogTheSameForItsCopiesAndNoOtherLog) {
  auto identity = reminders::LogIdentity(*log_);
  ASSERT_TRUE(identity.ok());
  EXPECT_EQ(identity->size(), 16u);
  EXPECT_EQ(*reminders::LogIdentity(*log_), *identity) << "the same at every attempt";
  testing::TempDir other_dir;
  auto other = testing::OpenOrDie(other_dir.path(), &clock_);
  EXPECT_EQ(reminders::LogIdentity(*other).status().code(), Status::Code::kFailedPrecondition) << "empty: no identity";
  Engine engine{*other, clock_};
  CommandContext context;
  context.caller = testing::Officer();
  ASSERT_TRUE(engine.Execute(context, CamdenSlot()).ok());
  EXPECT_NE(*reminders::LogIdentity(*other), *identity) << "another log, the same meeting: another identity";
}

TEST_F(ReminderOutboxTest, AWebhookReceiverThatFailsThreeTimesGetsTheReminderOnceTheLogRecordingEveryAttempt) {
  const std::string b = AgreeDue("TfL", "2010-01-20");
  Receiver receiver({500, 503, 502});
  clock_.Set(At("2010-01-20", 7));  // before the day's reminders, at 08:00
  Start({{"tfl-tracker", receiver.url(), kSecret, {"TfL"}}});
  RunUntil(At("2010-01-20", 9), std::chrono::seconds(1));  // the retries come 5 s, 5 min and 30 min apart

  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 4u);
  for (const auto& r : requests) {
    // The same id each time (one message), unique beyond this server (the log's identity in it).
    EXPECT_EQ(r["webhook-id"], "jem_" + identity_ + "_2010-01-20_webhook-tfl-tracker");
    EXPECT_EQ(identity_.size(), 16u);
    EXPECT_EQ(r["body"], requests[0]["body"]);
    auto expected = reminders::WebhookSignature(kSecret, r["webhook-id"].get<std::string>(),
                                                std::stoll(r["webhook-timestamp"].get<std::string>()),
                                                r["body"].get<std::string>());
    EXPECT_EQ(r["webhook-signature"], *expected);
  }
  const auto body = nlohmann::json::parse(requests[3]["body"].get<std::string>());
  EXPECT_EQ(body["type"], "jem.reminders");
  EXPECT_EQ(body["data"]["items"][0]["reminder_id"], b + "/due-today/2010-01-20");

  const MessageRecord m = Model().reminders.messages.at("2010-01-20/webhook-tfl-tracker");
  EXPECT_EQ(m.status, MessageRecord::Status::kDelivered);
  EXPECT_EQ(m.attempts, 4u);
  auto events = log_->ReadStream(OutboxStream("2010-01-20"), 1, 100);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> attempts;
  for (const auto& e : *events) {
    auto body = e.envelope().getBody();
    if (body.isMessageFailed() && FromText(body.getMessageFailed().getMessageId()) == m.id) {
      attempts.push_back("failed " + std::to_string(body.getMessageFailed().getAttempt()) + ": " +
                         FromText(body.getMessageFailed().getError()));
    }
    if (body.isMessageDelivered() && FromText(body.getMessageDelivered().getMessageId()) == m.id) {
      attempts.push_back("delivered " + std::to_string(body.getMessageDelivered().getAttempt()));
    }
  }
  EXPECT_EQ(attempts, (std::vector<std::string>{"failed 1: tfl-tracker answered HTTP 500",
                                                "failed 2: tfl-tracker answered HTTP 503",
                                                "failed 3: tfl-tracker answered HTTP 502", "delivered 4"}));

  // Leave the requests for the npm standardwebhooks verifier.
  std::filesystem::create_directories(kArtefacts);
  std::ofstream(kArtefacts + "/webhooks.json") << nlohmann::json{{"secret", kSecret}, {"requests", requests}}.dump(2);
}

TEST_F(ReminderOutboxTest, AnEndpointThatAnswers410IsDisabledAndSentNothingMore) {
  AgreeDue("TfL", "2010-01-20");
  Receiver receiver({410});
  clock_.Set(At("2010-01-20", 7));
  Start({{"gone", receiver.url(), kSecret, {}}});
  RunUntil(At("2010-01-22", 12));  // the due day and the first overdue day pass
  EXPECT_EQ(receiver.requests().size(), 1u);
  const ReminderBook book = Model().reminders;
  EXPECT_TRUE(book.disabled_webhooks.contains("gone"));
  EXPECT_EQ(book.messages.at("2010-01-20/webhook-gone").status, MessageRecord::Status::kFailed);
  EXPECT_TRUE(book.messages.contains("2010-01-21/tfl"));  // the e-mail still goes
  for (const auto& [id, m] : book.messages) EXPECT_NE(id, "2010-01-21/webhook-gone");
}

TEST_F(ReminderOutboxTest, TheSignatureMatchesTheStandardWebhooksPublishedTestVector) {
  auto signature = reminders::WebhookSignature(kSecret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                               R"({"test": 2432232314})");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(*signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  EXPECT_FALSE(reminders::WebhookSignature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "x", 1, "").ok());
  EXPECT_FALSE(reminders::WebhookSignature("whsec_not*base64", "x", 1, "").ok());
}

TEST_F(ReminderOutboxTest, AContactWithAnAddressTheMailLibraryRefusesFailsOnceAndIsNotRetried) {
  MessageRecord m;
  m.id = "2010-01-11/x";
  m.address = "two@example.org, three@example.org";
  m.items.push_back({"", "CAM-2009-01", "agreed", "", "text", "", "MPS", "why"});
  reminders::EmailOutbox outbox({outbox_.path()});
  const auto attempt = outbox.Deliver(m);
  EXPECT_EQ(attempt.outcome, reminders::Attempt::Outcome::kGiveUp);
  EXPECT_NE(attempt.error.find("is not one e-mail address"), std::string::npos) << attempt.error;
}

TEST_F(ReminderOutboxTest, TheWebhooksFileIsCheckedAndItsErrorsNameTheLine) {
  auto ok = reminders::ParseWebhooks(std::string("endpoints:\n  - {name: a, url: 'http://x/y', secret: ") + kSecret +
                                     ", agencies: [tfl]}\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->at(0).agencies, std::vector<std::string>{"TfL"});
  auto expect = [](const std::string& yaml, const std::string& fragment) {
    testing::ExpectErrorHolding(reminders::ParseWebhooks(yaml), fragment, yaml);
  };
  expect("endpoints:\n  - {name: a, url: 'ftp://x', secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}\n", "'url'");
  expect("endpoints:\n  - {name: a, url: 'http://x', secret: abc}\n", "whsec_");
  expect("endpoints:\n  - {name: A B, url: 'http://x', secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}\n", "name");
  expect("endpoints:\n  - {name: a, url: 'http://x', secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, colour: red}\n",
         "line 2: unknown setting 'colour'");
  expect("hooks: []\n", "'endpoints'");
}

}  // namespace
}  // namespace jem
