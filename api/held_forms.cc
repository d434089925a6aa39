#include "api/held_forms.h"

#include <algorithm>

#include "api/sessions.h"

namespace jem::api {

Result<std::string> HeldForms::Hold(Form form) {
  size_t bytes = form.user_id.size() + form.path.size();
  for (const auto& [name, value] : form.fields) bytes += name.size() + value.size();
  if (bytes > limits_.form_bytes) {
    return Status::InvalidArgument("the form is larger than the " + std::to_string(limits_.form_bytes / 1024) +
                                   " KiB a form is held up to");
  }
  JEM_ASSIGN_OR_RETURN(auto key, RandomHex());
  std::lock_guard lock(mu_);
  Expire();
  // The user's own oldest forms make room first; then anyone's oldest.
  size_t own = size_t(
      std::count_if(held_.begin(), held_.end(), [&](const Held& h) { return h.form.user_id == form.user_id; }));
  for (auto it = held_.begin(); it != held_.end() && own >= limits_.per_user;) {
    if (it->form.user_id != form.user_id) {
      ++it;
      continue;
    }
    bytes_ -= it->bytes;
    it = held_.erase(it);
    --own;
  }
  while (!held_.empty() && bytes_ + bytes > limits_.total_bytes) {
    bytes_ -= held_.front().bytes;
    held_.pop_front();
  }
  held_.push_back({key, std::move(form), bytes, clock_.Now()});
  bytes_ += bytes;
  return key;
}

bool HeldForms::Holds(const std::string& key, const std::string& user_id) const {
  std::lock_guard lock(mu_);
  const Timestamp now = clock_.Now();
  return std::any_of(held_.begin(), held_.end(), [&](const Held& h) {
    return SameSecret(h.key, key) && h.form.user_id == user_id && now - h.held < limits_.keep;
  });
}

std::optional<HeldForms::Form> HeldForms::Take(const std::string& key, const std::string& user_id) {
  std::lock_guard lock(mu_);
  Expire();
  auto it = std::find_if(held_.begin(), held_.end(), [&](const Held& h) { return SameSecret(h.key, key); });
  if (it == held_.end() || it->form.user_id != user_id) return std::nullopt;
  Form form = std::move(it->form);
  bytes_ -= it->bytes;
  held_.erase(it);
  return form;
}

std::pair<size_t, size_t> HeldForms::size() const {
  std::lock_guard lock(mu_);
  return {held_.size(), bytes_};
}

void HeldForms::Expire() {
  const Timestamp now = clock_.Now();
  while (!held_.empty() && now - held_.front().held >= limits_.keep) {
    bytes_ -= held_.front().bytes;
    held_.pop_front();
  }
}

}  // namespace jem::api
