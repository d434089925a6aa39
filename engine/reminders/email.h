// The e-mail channel: each message as an RFC 5322 message (built with GMime), one .eml file
// per message in an outbox directory, for the organisation's mail relay to pick up. The file
// is named by the message id, and written whole or not at all (renamed into place), so a
// message delivered twice is one file.
#pragma once

#include <string>

#include "engine/reminders/channel.h"

namespace jem::reminders {

struct MailSettings {
  std::string directory;  // where the .eml files go; made if missing
  std::string from = "JEM reminders <jem-reminders@localhost>";
  std::string site;       // the address of jem's pages, for links: "http://localhost:8080"
  std::string log;        // the log's identity (LogIdentity): every Message-ID is ID@LOG.jem
};

// The message as RFC 5322 text (CRLF line ends), or why it cannot be built (a malformed address).
Result<std::string> EmailOf(const MessageRecord& message, const MailSettings& settings);

// "2026-11-26/tfl-camden" -> "2026-11-26_tfl-camden.eml".
std::string EmailFileName(const std::string& message_id);

class EmailOutbox : public Channel {
 public:
  explicit EmailOutbox(MailSettings settings) : settings_(std::move(settings)) {}
  Attempt Deliver(const MessageRecord& message) override;

 private:
  MailSettings settings_;
};

// The plain text of a message: each item, why the reader has it, and a link to it.
std::string MessageText(const MessageRecord& message, const std::string& site);

}  // namespace jem::reminders
