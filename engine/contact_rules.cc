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
  FieldChecks checks;
  if (!reference::IsId(reference::IdKind::kContactId, cmd.contact_id)) {
    checks.Check(Status::InvalidArgument("Contact id must be 1 to 63 lower-case letters, digits or -, such as tfl-camden, not '" +
                                         cmd.contact_id.substr(0, 64) + "'"), "id");
  }
  auto kind = checks.Take(ParseKind(cmd.kind), "kind");
  checks.Check(Require(cmd.name, "Enter the contact's name"), "name");
  if (cmd.name.size() > kMaxText) checks.Check(Status::InvalidArgument("A contact's name is at most 200 characters"), "name");
  checks.Check(CheckEmail(cmd.email), "email");
  std::string agency, borough;
  if (kind == schema::ContactKind::AGENCY) {
    agency = checks.Choice(cmd.agency, reference::FindAgency, "agency", "agency").value_or("");
    if (!cmd.borough.empty()) {
      if (auto b = checks.Take(reference::FindBorough(cmd.borough), "borough")) borough = std::string(b->code);
    }
  } else if (kind && (!cmd.agency.empty() || !cmd.borough.empty())) {
    checks.Check(Status::InvalidArgument("Only agency contacts name an agency and a borough; a " + cmd.kind +
                                         " is reached for the meetings they are named in"),
                 cmd.agency.empty() ? "borough" : "agency");
  }
  if (kind == schema::ContactKind::OFFICER && !reference::IsId(reference::IdKind::kUserId, cmd.user_id)) {
    checks.Check(Status::InvalidArgument("Enter the user id the officer logs meetings as (1 to 64 letters, "
                                         "digits or . _ @ -)"), "user");
  }
  if (kind && kind != schema::ContactKind::OFFICER && !cmd.user_id.empty()) {
    checks.Check(Status::InvalidArgument("Only officer contacts name a user"), "user");
  }
  JEM_RETURN_IF_ERROR(checks.Verdict());
  JEM_ASSIGN_OR_RETURN(auto existing, LoadContact(c, cmd.contact_id));
  if (cmd.must_be_new && existing.version != 0) {
    return Status::FailedPrecondition("there is already a contact " + cmd.contact_id + "; choose another id")
        .OnField("id");
  }
  auto body = EventBody::Make([&](schema::Body::Builder b) {
    auto e = b.initContactSet();
    e.setContactId(AsText(cmd.contact_id));
    e.setKind(*kind);
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
  JEM_RETURN_IF_ERROR(Require(cmd.reason, "Enter why the contact is removed").OnField("reason"));
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
