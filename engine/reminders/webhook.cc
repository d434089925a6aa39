#include "engine/reminders/webhook.h"

#include <regex>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <yaml-cpp/yaml.h>

#include "engine/reminders/policy.h"
#include "events/base64.h"
#include "projections/reference.h"
#include "engine/yaml_lines.h"

namespace jem::reminders {
namespace {

constexpr std::string_view kSecretPrefix = "whsec_";
constexpr auto kConnectTimeout = std::chrono::seconds(5), kReplyTimeout = std::chrono::seconds(15);

Result<std::vector<uint8_t>> SecretKey(std::string_view secret) {
  if (!secret.starts_with(kSecretPrefix)) return Status::InvalidArgument("a webhook secret starts with whsec_");
  auto key = FromBase64(secret.substr(kSecretPrefix.size()));
  if (!key || key->size() < 24 || key->size() > 64) {
    return Status::InvalidArgument("a webhook secret is whsec_ and the base64 of 24 to 64 random bytes");
  }
  return *key;
}

Result<WebhookEndpoint> ParseEndpoint(const YAML::Node& n) {
  if (!n.IsMap()) return AtLine(n, "each endpoint is a mapping of name, url, secret and agencies");
  WebhookEndpoint e;
  for (const auto& kv : n) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (key == "agencies") {
      if (!v.IsSequence()) return AtLine(v, "'agencies' must be a list of agencies");
      for (const auto& a : v) {
        auto agency = reference::FindAgency(a.IsScalar() ? a.Scalar() : "");
        if (!agency.ok()) return AtLine(a, agency.status().message());
        e.agencies.push_back(*agency);
      }
      continue;
    }
    if (!v.IsScalar()) return AtLine(v, "'" + key + "' must be text");
    if (key == "name") e.name = v.Scalar();
    else if (key == "url") e.url = v.Scalar();
    else if (key == "secret") e.secret = v.Scalar();
    else return AtLine(kv.first, "unknown setting '" + key + "' (expected: name, url, secret, agencies)");
  }
  static const std::regex kName("[a-z0-9][a-z0-9-]{0,62}"), kUrl(R"re(https?://[^/\s?#]+(/[^\s#]*)?)re");
  if (!std::regex_match(e.name, kName)) return AtLine(n, "an endpoint's name is 1 to 63 lower-case letters, digits or -");
  if (!std::regex_match(e.url, kUrl)) return AtLine(n, "endpoint " + e.name + ": 'url' must be an http:// or https:// address");
  if (auto key = SecretKey(e.secret); !key.ok()) return AtLine(n, "endpoint " + e.name + ": " + key.status().message());
  return e;
}

const WebhookEndpoint* Find(const std::vector<WebhookEndpoint>& endpoints, const std::string& name) {
  for (const auto& e : endpoints) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace

Result<std::vector<WebhookEndpoint>> ParseWebhooks(std::string_view yaml) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    return Status::InvalidArgument("line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  std::vector<WebhookEndpoint> out;
  if (!doc || doc.IsNull()) return out;
  if (!doc.IsMap() || doc.size() != 1 || !doc["endpoints"] || !doc["endpoints"].IsSequence()) {
    return AtLine(doc, "the webhooks file holds one setting, 'endpoints': a list of endpoints");
  }
  for (const auto& n : doc["endpoints"]) {
    JEM_ASSIGN_OR_RETURN(auto e, ParseEndpoint(n));
    if (Find(out, e.name)) return AtLine(n, "two endpoints are named " + e.name);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<WebhookEndpoint>> ReadWebhooksFile(const std::string& path) {
  if (path.empty()) return std::vector<WebhookEndpoint>{};
  JEM_ASSIGN_OR_RETURN(auto text, ReadConfigFile(path, "the webhooks file"));
  auto endpoints = ParseWebhooks(text);
  if (!endpoints.ok()) return endpoints.status().WithContext(path);
  return endpoints;
}

std::vector<Endpoint> PublicPart(const std::vector<WebhookEndpoint>& endpoints) {
  std::vector<Endpoint> out;
  for (const auto& e : endpoints) out.push_back({e.name, e.agencies});
  return out;
}

Result<std::string> WebhookSignature(std::string_view secret, std::string_view id, int64_t timestamp,
                                     std::string_view body) {
  JEM_ASSIGN_OR_RETURN(auto key, SecretKey(secret));
  const std::string signed_content = std::string(id) + "." + std::to_string(timestamp) + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(signed_content.data()),
       signed_content.size(), mac, &size);
  return "v1," + Base64({mac, size});
}

std::string WebhookId(const std::string& message_id, const std::string& log) {
  std::string id = "jem_" + log + "_" + message_id;
  for (char& c : id) {
    if (c == '/') c = '_';
  }
  return id;
}

std::string WebhookPayload(const MessageRecord& m) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : m.items) {
    items.push_back({{"reminder_id", i.reminder_id}, {"subject", i.subject}, {"rule", i.rule}, {"window", i.window},
                     {"text", i.text}, {"due", i.due}, {"agency", i.agency}, {"why", i.why}});
  }
  return nlohmann::json{{"type", m.kind == "summary" ? "jem.summary" : "jem.reminders"},
                        {"timestamp", FormatTimestamp(m.queued_at)},
                        {"data", {{"message_id", m.id}, {"day", m.day}, {"subject", m.subject}, {"items", items}}}}
      .dump();
}

Attempt WebhookSender::Deliver(const MessageRecord& m) {
  const WebhookEndpoint* e = Find(endpoints_, m.recipient);
  if (e == nullptr) {
    return {Attempt::Outcome::kRetry, "no endpoint " + m.recipient + " in the webhooks file (was it removed?)"};
  }
  const size_t scheme = e->url.find("://");
  const size_t slash = e->url.find('/', scheme + 3);
  const std::string origin = e->url.substr(0, slash), path = slash == std::string::npos ? "/" : e->url.substr(slash);
  const std::string body = WebhookPayload(m), id = WebhookId(m.id, log_);
  const int64_t timestamp = ToMicros(clock_.Now()) / 1000000;
  auto signature = WebhookSignature(e->secret, id, timestamp, body);
  if (!signature.ok()) return {Attempt::Outcome::kGiveUp, signature.status().message()};
  httplib::Client client(origin);
  client.set_connection_timeout(kConnectTimeout);
  client.set_read_timeout(kReplyTimeout);
  client.set_write_timeout(kReplyTimeout);
  const httplib::Headers headers = {
      {"webhook-id", id}, {"webhook-timestamp", std::to_string(timestamp)}, {"webhook-signature", *signature}};
  auto res = client.Post(path, headers, body, "application/json");
  if (!res) return {Attempt::Outcome::kRetry, "no answer from " + origin + ": " + httplib::to_string(res.error())};
  if (res->status >= 200 && res->status < 300) return {};
  if (res->status == 410) return {Attempt::Outcome::kGiveUp, e->name + " answered 410 Gone: it is disabled", true};
  return {Attempt::Outcome::kRetry, e->name + " answered HTTP " + std::to_string(res->status)};
}

}  // namespace jem::reminders
