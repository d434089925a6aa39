// The pages' sign-in over HTTP, below the browser tests (tests/web/): the cookies it sets,
// Secure only when a trusted proxy says the browser came over TLS, and what a forged or
// incomplete sign-in gets.
#include "tests/api/api_test_server.h"

namespace jem {
namespace {

class WebPagesTest : public testing::ApiTest {
 protected:
  // Signs in with `token`, the request carrying `headers`; the answer to the POST.
  httplib::Result SignIn(const std::string& token, httplib::Headers headers = {}) {
    auto client = Client();
    auto form = client.Get("/sign-in", headers);
    EXPECT_EQ(form->status, 200);
    const std::string cookie = form->get_header_value("Set-Cookie");
    const std::string csrf = cookie.substr(cookie.find('=') + 1, 64);
    headers.emplace("Cookie", "jem_csrf=" + csrf);
    return client.Post("/sign-in", headers, httplib::Params{{"csrf", csrf}, {"token", token}});
  }
  static std::vector<std::string> Cookies(const httplib::Result& r) {
    std::vector<std::string> out;
    for (size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) out.push_back(r->get_header_value("Set-Cookie", i));
    return out;
  }
};

TEST_F(WebPagesTest, SigningInSetsAnHttpOnlyStrictSessionCookieSecureBehindTls) {
  api::ServerOptions options;
  options.trusted_proxies = {"127.0.0.1"};
  Start(options);
  const std::string officer = Token("jsmith", "officer");

  auto plain = SignIn(officer);
  ASSERT_EQ(plain->status, 303);
  EXPECT_EQ(plain->get_header_value("Location"), "/");
  const auto cookies = Cookies(plain);
  ASSERT_FALSE(cookies.empty());
  EXPECT_EQ(cookies[0].rfind("jem_session=", 0), 0u);
  EXPECT_NE(cookies[0].find("; HttpOnly; SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookies[0].find("Secure"), std::string::npos) << "no TLS said: plain HTTP on loopback";

  auto tls = SignIn(officer, {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(tls->status, 303);
  for (const auto& c : Cookies(tls)) EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
}

TEST_F(WebPagesTest, ProxyHeadersFromAnyoneElseAreNotBelieved) {
  Start();  // no trusted proxy
  auto r = SignIn(Token("jsmith", "officer"), {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(r->status, 303);
  for (const auto& c : Cookies(r)) EXPECT_EQ(c.find("Secure"), std::string::npos) << c;
}

TEST_F(WebPagesTest, ASignInWithoutItsCsrfCookieOrWithABadTokenOpensNoSession) {
  Start();
  const std::string officer = Token("jsmith", "officer");
  auto client = Client();
  auto forged = client.Post("/sign-in", httplib::Params{{"csrf", "x"}, {"token", officer}});
  EXPECT_EQ(forged->status, 400);
  EXPECT_NE(forged->body.find("The sign-in form had expired"), std::string::npos);
  auto wrong = SignIn("jem_00000000_nope");
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(wrong->body.find("jem_00000000_nope"), std::string::npos) << "the token is not echoed";
  for (const auto& c : Cookies(wrong)) EXPECT_EQ(c.rfind("jem_session=", 0), std::string::npos) << c;
  EXPECT_EQ(Client().Get("/", {{"Accept", "text/html"}})->status, 303);
}

}  // namespace
}  // namespace jem
