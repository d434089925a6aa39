// The webhook channel, as the Standard Webhooks specification says: a JSON payload POSTed
// with webhook-id (the message id: the receiver's key to recognise a repeat),
// webhook-timestamp and webhook-signature ("v1," and the base64 HMAC-SHA256, under the
// endpoint's whsec_ secret, of "id.timestamp.body"). Endpoints and their secrets are read
// from a configuration file outside the log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/reminders/channel.h"
#include "engine/reminders/plan.h"

namespace jem::reminders {

struct WebhookEndpoint {
  std::string name;                   // as the log names it: webhook-NAME
  std::string url;                    // http:// or https://
  std::string secret;                 // "whsec_" and the base64 key
  std::vector<std::string> agencies;  // the agencies whose reminders it takes; every one when empty
};

// Reads the endpoints file:
//   endpoints:
//     - {name: tfl-tracker, url: "https://...", secret: "whsec_...", agencies: [TfL]}
// Errors name the line and the setting.
Result<std::vector<WebhookEndpoint>> ParseWebhooks(std::string_view yaml);
// Reads the endpoints file at `path`; its errors start with the path. An empty path: none.
Result<std::vector<WebhookEndpoint>> ReadWebhooksFile(const std::string& path);

// The public part of each endpoint, for the plan.
std::vector<Endpoint> PublicPart(const std::vector<WebhookEndpoint>& endpoints);

// "v1,<base64 HMAC-SHA256 of id.timestamp.body>" under `secret` ("whsec_..."); an error
// when the secret is not "whsec_" and base64.
Result<std::string> WebhookSignature(std::string_view secret, std::string_view id, int64_t timestamp,
                                     std::string_view body);

// The message's webhook-id, with the log's identity (LogIdentity) so that it is unique
// beyond this server: ("2026-11-26/x", "3f2a...") -> "jem_3f2a..._2026-11-26_x".
std::string WebhookId(const std::string& message_id, const std::string& log);

// The JSON body: {"type", "timestamp", "data": the message and its items}. The same bytes at
// every attempt.
std::string WebhookPayload(const MessageRecord& message);

class WebhookSender : public Channel {
 public:
  // `clock` stamps each attempt (webhook-timestamp) and must outlive the sender; `log` is the
  // log's identity, in every webhook-id.
  WebhookSender(std::vector<WebhookEndpoint> endpoints, const Clock& clock, std::string log)
      : endpoints_(std::move(endpoints)), clock_(clock), log_(std::move(log)) {}
  // 2xx: delivered; 410: gone (disable the endpoint); anything else, or no answer within the
  // timeouts: try again later.
  Attempt Deliver(const MessageRecord& message) override;

 private:
  std::vector<WebhookEndpoint> endpoints_;
  const Clock& clock_;
  std::string log_;
};

}  // namespace jem::reminders
