// Rules for the reminder engine's contacts and calendar feeds: officers keep the directory;
// an agency's calendar address is reset by an officer or by that agency.
#include <regex>

#include "engine/rules.h"
#include "projections/reference.h"
#include "projections/reminder_book.h"

namespace jem::rules {
namespace {

constexpr size_t kMaxText = 200;

struct Existing {
  uint64_t version = 0;
  bool removed = false;
};

Result<Existing> LoadContact(const Context& c, const std::string& id) {
  Existing e;
  JEM_ASSIGN_OR_RETURN(e.version, c.catalog.Fold(ContactStream(id), 0, [&](schema::Body::Reader body, Timestamp) {
    e.removed = body.isContactRemoved();
  }));
  return e;
}

Result<schema::ContactKind> ParseKind(const std::string& kind) {
  if (kind == "agency") return schema::ContactKind::AGENCY;
  if (kind == "chair") return schema::ContactKind::CHAIR;
  if (kind == "officer") return schema::ContactKind::OFFICER;
  if (kind == "secretary") return schema::ContactKind::SECRETARY;
  return Status::InvalidArgument("'" + kind + "' is not a kind of contact; use agency, chair, officer or secretary")
      .OnField("kind");
}

// A plausible address for a mail relay: one @, no spaces, quotes or separators, a dot in the
// domain. The mail library checks it again when a message is built.
Status CheckEmail(const std::string& email) {
  static const std::regex kEmail(R"re([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)re");
  if (email.size() <= 254 && std::regex_match(email, kEmail)) return Status::Ok();
  return Status::InvalidArgument("'" + email + "' is not an e-mail address such as name@tfl.gov.uk").OnField("email");
}

}  // namespace

Result<Change> Decide(const Context& c, const command::SetContact& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "keep the contact directory"));
  if (!reference::IsId(reference::IdKind::kContactId, cmd.contact_id)) {
    return Status::InvalidArgument("contact id '" + cmd.contact_id +
                                   "' must be 1 to 63 lower-case letters, digits or -, such as tfl-camden")
        .OnField("id");
  }
  JEM_ASSIGN_OR_RETURN(auto kind, ParseKind(cmd.kind));
  JEM_RETURN_IF_ERROR(Require(cmd.name, "a contact needs a name").OnField("name"));
  if (cmd.name.size() > kMaxText) return Status::InvalidArgument("a contact's name is at most 200 characters").OnField("name");
  JEM_RETURN_IF_ERROR(CheckEmail(cmd.email));
  std::string agency, borough;
  if (kind == schema::ContactKind::AGENCY) {
    JEM_ASSIGN_OR_RETURN(agency, OnField(reference::FindAgency(cmd.agency), "agency"));
    if (!cmd.borough.empty()) {
      JEM_ASSIGN_OR_RETURN(auto b, OnField(reference::FindBorough(cmd.borough), "borough"));
      borough = std::string(b.code);
    }
  } else if (!cmd.agency.empty() || !cmd.borough.empty()) {
    return Status::InvalidArgument("only agency contacts name an agency and a borough; a " + cmd.kind +
                                   " is reached for the meetings they are named in")
        .OnField(cmd.agency.empty() ? "borough" : "agency");
  }
  if (kind == schema::ContactKind::OFFICER && !reference::IsId(reference::IdKind::kUserId, cmd.user_id)) {
    return Status::InvalidArgument("an officer contact needs the user id they log meetings as (1 to 64 letters, "
                                   "digits or . _ @ -)").OnField("user");
  }
  if (kind != schema::ContactKind::OFFICER && !cmd.user_id.empty()) {
    return Status::InvalidArgument("only officer contacts name a user").OnField("user");
  }
  JEM_ASSIGN_OR_RETURN(auto existing, LoadContact(c, cmd.contact_id));
  if (cmd.must_be_new && existing.version != 0) {
    return Status::FailedPrecondition("there is already a contact " + cmd.contact_id + "; choose another id")
        .OnField("id");
  }
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initContactSet();
    e.setContactId(AsText(cmd.contact_id));
    e.setKind(kind);
    e.setName(AsText(cmd.name));
    e.setEmail(AsText(cmd.email));
    e.setAgency(AsText(agency));
    e.setBorough(AsText(borough));
    e.setUserId(AsText(cmd.user_id));
  });
  return Change{cmd.contact_id, ContactStream(cmd.contact_id), existing.version, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::RemoveContact& cmd) {
  JEM_RETURN_IF_ERROR(RequireOfficer(c.caller, "keep the contact directory"));
  JEM_ASSIGN_OR_RETURN(auto existing, LoadContact(c, cmd.contact_id));
  if (existing.version == 0) return Status::NotFound("there is no contact " + cmd.contact_id + " (see jem contact list)");
  if (existing.removed) return Status::FailedPrecondition("contact " + cmd.contact_id + " is already removed");
  JEM_RETURN_IF_ERROR(Require(cmd.reason, "removing a contact needs a reason").OnField("reason"));
  auto body = EventBody::Make([&](schema::Body::Builder b) { b.initContactRemoved().setReason(AsText(cmd.reason)); });
  return Change{cmd.contact_id, ContactStream(cmd.contact_id), existing.version, std::move(body), c.occurred_at};
}

Result<Change> Decide(const Context& c, const command::ResetCalendarFeed& cmd) {
  JEM_ASSIGN_OR_RETURN(auto agency, OnField(reference::FindAgency(cmd.agency), "agency"));
  const bool own = c.caller.role == Role::kPartner && c.caller.agency == agency;
  if (c.caller.role != Role::kOfficer && !own) {
    return Status::PermissionDenied("only officers, and the agency itself, may reset " + agency +
                                    "'s calendar address; " + c.caller.user_id + " is " +
                                    std::string(RoleName(c.caller.role)) +
                                    (c.caller.agency.empty() ? "" : " for " + c.caller.agency));
  }
  JEM_ASSIGN_OR_RETURN(auto version, Version(c.catalog, CalendarStream(agency)));
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initCalendarFeedSet();
    e.setAgency(AsText(agency));
    e.setFeedHash(capnp::Data::Reader(cmd.feed_hash.data(), cmd.feed_hash.size()));
  });
  return Change{agency, CalendarStream(agency), version, std::move(body), c.occurred_at};
}

}  // namespace jem::rules
