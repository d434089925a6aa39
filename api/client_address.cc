#include "api/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <ranges>

namespace jem::api {
namespace {

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

}  // namespace

bool IsIpAddress(const std::string& s) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

bool ViaHttps(const httplib::Request& req, const std::vector<std::string>& trusted_proxies) {
  const bool trusted =
      std::find(trusted_proxies.begin(), trusted_proxies.end(), req.remote_addr) != trusted_proxies.end();
  return trusted && req.get_header_value_count("X-Forwarded-Proto") == 1 &&
         req.get_header_value("X-Forwarded-Proto") == "https";
}

std::string ClientAddress(const httplib::Request& req, const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  std::string client = req.remote_addr;
  if (!trusted(client)) return client;
  // Hops in the order they were added, over every X-Forwarded-For field; read from the right.
  std::vector<std::string> hops;
  const auto fields = req.headers.equal_range("X-Forwarded-For");
  for (auto it = fields.first; it != fields.second; ++it) {
    for (auto part : std::views::split(std::string_view(it->second), ',')) {
      hops.push_back(Trim(std::string_view(part.begin(), part.end())));
    }
  }
  for (const std::string& hop : std::views::reverse(hops)) {
    if (!IsIpAddress(hop)) break;  // no proxy wrote this: trust nothing left of it
    client = hop;
    if (!trusted(hop)) break;
  }
  return client;
}

}  // namespace jem::api
