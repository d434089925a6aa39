// X-Forwarded-For is believed only from the proxies the operator named, and only as far as
// they vouch for it.
#include "api/client_address.h"

#include <gtest/gtest.h>

namespace jem::api {
namespace {

httplib::Request From(const std::string& peer, std::initializer_list<std::string> forwarded_for = {}) {
  httplib::Request req;
  req.remote_addr = peer;
  for (const auto& value : forwarded_for) req.headers.emplace("X-Forwarded-For", value);
  return req;
}

const std::vector<std::string> kProxy = {"10.0.0.1"};

TEST(ClientAddressTest, WithoutATrustedProxyThePeerIsTheClientWhateverItClaims) {
  EXPECT_EQ(ClientAddress(From("203.0.113.9"), {}), "203.0.113.9");
  EXPECT_EQ(ClientAddress(From("203.0.113.9", {"198.51.100.1"}), {}), "203.0.113.9");
  EXPECT_EQ(ClientAddress(From("203.0.113.9", {"198.51.100.1"}), kProxy), "203.0.113.9")
      << "a client that is not the proxy cannot name another address";
}

TEST(ClientAddressTest, FromTheTrustedProxyTheHopItAddedIsTheClient) {
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {"198.51.100.7"}), kProxy), "198.51.100.7");
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {"2001:db8::5"}), kProxy), "2001:db8::5");
  // What the client wrote itself is left of what the proxy appended: not believed.
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {"1.2.3.4, 198.51.100.7"}), kProxy), "198.51.100.7");
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {"1.2.3.4", "198.51.100.7"}), kProxy), "198.51.100.7")
      << "several fields are one list, in order";
  EXPECT_EQ(ClientAddress(From("10.0.0.1"), kProxy), "10.0.0.1") << "nothing forwarded: the proxy itself";
}

TEST(ClientAddressTest, ChainsOfTrustedProxiesAreWalkedAndGarbageEndsTheWalk) {
  const std::vector<std::string> two = {"10.0.0.1", "10.0.0.2"};
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {"198.51.100.7, 10.0.0.2"}), two), "198.51.100.7");
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {"198.51.100.7, nonsense"}), two), "10.0.0.1");
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {"unknown, 198.51.100.7"}), kProxy), "198.51.100.7");
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {"198.51.100.7\n, 1.1.1.1"}), kProxy), "1.1.1.1");
  EXPECT_EQ(ClientAddress(From("10.0.0.1", {""}), kProxy), "10.0.0.1");
}

TEST(ClientAddressTest, TlsIsBelievedOnlyFromATrustedProxy) {
  auto https = [](const std::string& peer, std::initializer_list<std::string> protos) {
    httplib::Request req = From(peer);
    for (const auto& p : protos) req.headers.emplace("X-Forwarded-Proto", p);
    return req;
  };
  EXPECT_TRUE(ViaHttps(https("10.0.0.1", {"https"}), kProxy));
  EXPECT_FALSE(ViaHttps(https("10.0.0.1", {"http"}), kProxy));
  EXPECT_FALSE(ViaHttps(https("10.0.0.1", {}), kProxy));
  EXPECT_FALSE(ViaHttps(https("10.0.0.1", {"https", "http"}), kProxy)) << "ambiguous: not believed";
  EXPECT_FALSE(ViaHttps(https("203.0.113.9", {"https"}), kProxy)) << "anyone can send the header";
  EXPECT_FALSE(ViaHttps(https("10.0.0.1", {"https"}), {}));
}

TEST(ClientAddressTest, OnlyAddressesAreAddresses) {
  EXPECT_TRUE(IsIpAddress("127.0.0.1"));
  EXPECT_TRUE(IsIpAddress("::1"));
  EXPECT_FALSE(IsIpAddress("localhost"));
  EXPECT_FALSE(IsIpAddress("10.0.0.1/8"));
  EXPECT_FALSE(IsIpAddress(" 10.0.0.1"));
  EXPECT_FALSE(IsIpAddress(""));
}

}  // namespace
}  // namespace jem::api
