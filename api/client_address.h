// Which client a request came from. Behind a reverse proxy every connection comes from the
// proxy; the proxy says whom it forwarded for in X-Forwarded-For. Anyone can send that
// header, so it is believed only from the proxies the operator named.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace jem::api {

// Whether `s` is an IPv4 or IPv6 address as text.
bool IsIpAddress(const std::string& s);

// The connection's peer address; or, when the peer is one of `trusted_proxies`, the
// right-most address in X-Forwarded-For that is not itself a trusted proxy (the first hop
// that no trusted proxy vouches for). A hop that is not an IP address ends the walk.
std::string ClientAddress(const httplib::Request& req, const std::vector<std::string>& trusted_proxies);

// Whether the client reached a trusted proxy over TLS: the connection comes from one of
// `trusted_proxies` and it says X-Forwarded-Proto: https. (jem itself serves plain HTTP.)
bool ViaHttps(const httplib::Request& req, const std::vector<std::string>& trusted_proxies);

}  // namespace jem::api
