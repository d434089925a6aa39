#include "engine/reminders/email.h"

#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>

#include <gmime/gmime.h>

#include "events/durable_file.h"
#include "projections/plain_text.h"

namespace jem::reminders {
namespace {

void InitGmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

template <typename T>
struct Unref {
  void operator()(T* p) const { g_object_unref(p); }
};
template <typename T>
using GPtr = std::unique_ptr<T, Unref<T>>;

// One mailbox parsed by GMime: exactly one address, or an error.
Result<GPtr<InternetAddressList>> Mailbox(const std::string& text, std::string_view what) {
  GPtr<InternetAddressList> list(internet_address_list_parse(nullptr, text.c_str()));
  if (!list || internet_address_list_length(list.get()) != 1 ||
      !INTERNET_ADDRESS_IS_MAILBOX(internet_address_list_get_address(list.get(), 0))) {
    return Status::InvalidArgument(std::string(what) + " '" + text + "' is not one e-mail address");
  }
  return list;
}

Status WriteDurably(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError("making the outbox " + dir.string() + ": " + ec.message());
  // Renamed into place: the relay sees the whole file or none; a second delivery replaces it.
  return ReplaceFileDurably(dir / name, bytes, 0640);
}

std::string Link(const std::string& site, const MessageItemRecord& item) {
  const bool meeting = item.rule == "follow-up" || item.rule == "decision";
  return site + (meeting ? "/meetings/" : "/actions/") + item.subject;
}

}  // namespace

std::string EmailFileName(const std::string& message_id) {
  std::string name = message_id;
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  return name + ".eml";
}

std::string MessageText(const MessageRecord& m, const std::string& site) {
  std::string text = m.kind == "summary" ? "The summary of agreed actions of a Joint Engagement Meeting.\n"
                                         : "Actions of Joint Engagement Meetings that need your attention.\n";
  std::string last_why;
  // What the record holds goes in as one line each: a line break or control character in an
  // action's text cannot make a line of its own, nor cut the message short (a NUL).
  using text::OneLine;
  for (const MessageItemRecord& item : m.items) {
    if (item.why != last_why) text += "\n" + OneLine(item.why) + ":\n";
    last_why = item.why;
    text += "\n- " + OneLine(item.subject) + (item.window.empty() ? "" : " (" + OneLine(item.window) + ")") + ": " +
            OneLine(item.text) + "\n";
    if (!item.agency.empty()) {
      text += "  Lead: " + OneLine(item.agency) + (item.due.empty() ? "" : ", due " + OneLine(item.due)) + "\n";
    }
    if (!site.empty()) text += "  " + Link(site, item) + "\n";
  }
  text += "\nThis message was sent by jem, which records every reminder it sends (message " + m.id + ").\n";
  return text;
}

Result<std::string> EmailOf(const MessageRecord& m, const MailSettings& settings) {
  InitGmime();
  JEM_ASSIGN_OR_RETURN(auto from, Mailbox(settings.from, "the sender"));
  JEM_ASSIGN_OR_RETURN(auto to, Mailbox(m.address, "the address"));
  GPtr<GMimeMessage> message(g_mime_message_new(TRUE));
  internet_address_list_append(g_mime_message_get_from(message.get()), from.get());
  internet_address_list_append(g_mime_message_get_to(message.get()), to.get());
  g_mime_message_set_subject(message.get(), text::OneLine(m.subject).c_str(), "utf-8");
  // The date it was decided, not of the attempt: every delivery of it is the same message.
  GDateTime* date = g_date_time_new_from_unix_utc(ToMicros(m.queued_at) / 1000000);
  g_mime_message_set_date(message.get(), date);
  g_date_time_unref(date);
  // Unique beyond this server, and the same at every attempt: the message's id at the log's.
  std::string message_id = m.id + "@" + (settings.log.empty() ? "" : settings.log + ".") + "jem";
  for (char& c : message_id) {
    if (c == '/') c = '.';
  }
  g_mime_message_set_message_id(message.get(), message_id.c_str());
  g_mime_object_set_header(GMIME_OBJECT(message.get()), "Auto-Submitted", "auto-generated", nullptr);  // RFC 3834
  GPtr<GMimeTextPart> body(g_mime_text_part_new_with_subtype("plain"));
  g_mime_text_part_set_charset(body.get(), "utf-8");
  g_mime_text_part_set_text(body.get(), MessageText(m, settings.site).c_str());
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(body.get()));
  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  char* text = g_mime_object_to_string(GMIME_OBJECT(message.get()), options);
  g_mime_format_options_free(options);
  std::string out(text);
  g_free(text);
  return out;
}

Attempt EmailOutbox::Deliver(const MessageRecord& m) {
  auto text = EmailOf(m, settings_);
  if (!text.ok()) return {Attempt::Outcome::kGiveUp, text.status().message()};
  Status written = WriteDurably(settings_.directory, EmailFileName(m.id), *text);
  if (!written.ok()) return {Attempt::Outcome::kRetry, written.message()};
  return {};
}

}  // namespace jem::reminders
