#include "engine/reminders/email.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>

#include <gmime/gmime.h>

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
  const auto tmp = dir / ("." + name + ".tmp"), final_path = dir / name;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Status::IOError("writing " + tmp.string() + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Status::IOError("writing " + tmp.string() + ": " + std::strerror(errno));
    }
    done += size_t(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Status::IOError("syncing " + tmp.string() + ": " + std::strerror(errno));
  // Renamed into place: the relay sees the whole file or none; a second delivery replaces it.
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    return Status::IOError("renaming into " + final_path.string() + ": " + std::strerror(errno));
  }
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
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
  for (const MessageItemRecord& item : m.items) {
    if (item.why != last_why) text += "\n" + item.why + ":\n";
    last_why = item.why;
    text += "\n- " + item.subject + (item.window.empty() ? "" : " (" + item.window + ")") + ": " + item.text + "\n";
    if (!item.agency.empty()) text += "  Lead: " + item.agency + (item.due.empty() ? "" : ", due " + item.due) + "\n";
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
  g_mime_message_set_subject(message.get(), m.subject.c_str(), "utf-8");
  // The date it was decided, not of the attempt: every delivery of it is the same message.
  GDateTime* date = g_date_time_new_from_unix_utc(ToMicros(m.queued_at) / 1000000);
  g_mime_message_set_date(message.get(), date);
  g_date_time_unref(date);
  std::string message_id = m.id + "@jem";
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
