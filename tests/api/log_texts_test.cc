// What the log already holds, written before texts were checked: an action whose text has an
// escape sequence, a NUL, a right-to-left override and a line break that would start a
// Markdown heading. Each output shows it by its own rules, and none passes on what could act
// where it lands: the pages, the API's CSV, Markdown and HTML reports, the calendar feed, the
// e-mails and the terminal.
#include <fstream>
#include <regex>

#include "api/calendar_feed.h"
#include "engine/reminders/email.h"
#include "tests/api/api_test_server.h"

namespace jem {
namespace {

using namespace std::string_literals;
const std::string kText = "Walk\x1b[2J the route\0then stop"s + " \xe2\x80\xae" "evil" +
                          "\n### CAM-2009-99: FORGED\n=HYPERLINK(\"x\")";

// Whether `out` holds a byte or character that acts on where it lands.
::testing::AssertionResult Inert(const std::string& out) {
  for (std::string_view bad : {std::string_view("\x1b"), std::string_view("\0", 1), std::string_view("\xe2\x80\xae")}) {
    if (out.find(bad) != std::string::npos) {
      return ::testing::AssertionFailure() << "holds byte " << int(static_cast<unsigned char>(bad[0])) << " in: " << out;
    }
  }
  return ::testing::AssertionSuccess();
}

class LogTextsTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    HoldCamden();
    // Appended as an older build would have, past today's rule on texts.
    std::vector<NewEvent> agreed;
    agreed.push_back(NewEvent{NewEventId(), Actor{"jsmith", "officer"}, {}, {},
                              EventBody::Make([&](schema::Body::Builder b) {
                                auto a = b.initActionAgreed();
                                a.setReference("CAM-2009-01");
                                a.setMeetingId("CAM-20090616");
                                a.setText(AsText(kText));
                                a.setLeadAgency("TfL");
                                a.setDueDate("2009-09-30");
                              })});
    auto appended = log_->Append(ActionStream("CAM-2009-01"), ExpectedVersion::NoStream(), std::move(agreed));
    ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  }
};

TEST_F(LogTextsTest, TheApisReportsAndTheCalendarShowItInert) {
  Start();
  const std::string officer = Token("jsmith", "officer");
  const std::string report = "/api/v1/meetings/CAM-20090616/follow-up-report?format=";
  for (const char* format : {"csv", "md", "html"}) {
    auto r = Client().Get(report + format, As(officer));
    ASSERT_EQ(r->status, 200) << format;
    EXPECT_TRUE(Inert(r->body)) << format;
    EXPECT_NE(r->body.find("then stop"), std::string::npos) << format << ": nothing cut at the NUL";
  }
  const std::string md = Client().Get(report + "md", As(officer))->body;
  EXPECT_FALSE(std::regex_search(md, std::regex("(^|\n)#+ CAM-2009-99"))) << "no forged heading: " << md;
  // Python's csv module reads the CSV: one row under the header, the action's text whole in
  // its cell, the would-be formula inside it and not at its start.
  testing::TempDir scratch;
  std::ofstream(scratch.Sub("report.csv")) << Client().Get(report + "csv", As(officer))->body;
  std::ofstream(scratch.Sub("read.py")) << "import csv, sys\n"
                                           "rows = list(csv.reader(open(sys.argv[1], newline='')))\n"
                                           "print(len(rows), rows[1][1][:4], rows[1][1].endswith('=HYPERLINK(\"x\")'))\n";
  EXPECT_EQ(testing::Shell("python3 " + scratch.Sub("read.py") + " " + scratch.Sub("report.csv") + " 2>&1"), "2 Walk True\n");
  // The calendar feed of TfL, which leads it.
  const std::string feed = views_->Read([](const ReadModel& m) {
    return api::AgencyCalendar(m, "TfL", "http://jem.example", Timestamp(std::chrono::sys_days(std::chrono::year(2010) / 1 / 10)));
  });
  EXPECT_TRUE(Inert(feed));
  EXPECT_NE(feed.find("then stop"), std::string::npos) << feed;
}

TEST_F(LogTextsTest, APageShowsItInertAndUnreversed) {
  Start();
  const std::string officer = Token("jsmith", "officer");
  auto client = Client();
  auto form = client.Get("/sign-in");
  const std::string cookie = form->get_header_value("Set-Cookie");
  const std::string csrf = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  auto signed_in = client.Post("/sign-in", {{"Cookie", "jem_csrf=" + csrf}}, httplib::Params{{"csrf", csrf}, {"token", officer}});
  ASSERT_EQ(signed_in->status, 303);
  const std::string session = signed_in->get_header_value("Set-Cookie").substr(0, signed_in->get_header_value("Set-Cookie").find(';'));
  for (const char* path : {"/actions/CAM-2009-01", "/meetings/CAM-20090616", "/"}) {
    auto page = client.Get(path, {{"Cookie", session}});
    ASSERT_EQ(page->status, 200) << path;
    EXPECT_TRUE(Inert(page->body)) << path;
    EXPECT_NE(page->body.find("then stop"), std::string::npos) << path;
  }
}

TEST_F(LogTextsTest, AnEmailShowsEachItemAsOneInertLine) {
  MessageRecord m;
  m.id = "2010-01-11/tfl";
  m.kind = "reminders";
  m.subject = "JEM actions\r\nBcc: everyone@example.org";
  m.items.push_back({"CAM-2009-01/overdue/2009-09-30/1", "CAM-2009-01", "overdue", "overdue by 102 days", kText,
                     "2009-09-30", "TfL", "TfL leads it"});
  const std::string text = reminders::MessageText(m, "http://jem.example");
  EXPECT_TRUE(Inert(text));
  EXPECT_NE(text.find("then stop"), std::string::npos);
  EXPECT_EQ(text.find("\n### CAM-2009-99"), std::string::npos) << "the text stays on its item's line: " << text;
  m.address = "jem@tfl.example";
  auto mail = reminders::EmailOf(m, {"", "jem@mpa.example", "http://jem.example", "0123456789abcdef"});
  ASSERT_TRUE(mail.ok()) << mail.status().ToString();
  EXPECT_TRUE(Inert(*mail));
  EXPECT_EQ(mail->find("\r\nBcc:"), std::string::npos) << "the subject stays one header: " << *mail;
}

TEST_F(LogTextsTest, TheTerminalShowsItInertOnOneLine) {
  log_.reset();  // the CLI opens the directory itself
  const std::string jem = std::string(JEM_BINARY_DIR) + "/tools/jem --data " + dir_.path();
  const std::string board = testing::Shell(jem + " board 2>&1");
  EXPECT_TRUE(Inert(board));
  size_t rows = 0;
  for (size_t at = 0; (at = board.find('\n', at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, 2u) << "a header and one row, whatever the text held:\n" << board;
  EXPECT_TRUE(Inert(testing::Shell(jem + " action show CAM-2009-01 2>&1")));
}

}  // namespace
}  // namespace jem
