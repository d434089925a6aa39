// The reference data's lists and forms, each said once: the themes' list as forms and the
// CLI print it, and the ids' forms the rules check and the routes declare.
#include <gtest/gtest.h>

#include <set>

#include "projections/reference.h"

namespace jem::reference {
namespace {

TEST(ReferenceTest, TheThemeChoicesNameEveryThemeInOrder) {
  std::string listed;
  const auto themes = Themes();
  for (size_t i = 0; i < themes.size(); ++i) {
    listed += (i == 0 ? "" : i + 1 == themes.size() ? " or " : ", ") + std::string(ThemeName(themes[i]));
    EXPECT_EQ(ParseTheme(ThemeName(themes[i])).value(), themes[i]);
  }
  EXPECT_EQ(listed, kThemeChoices);
  const Status refused = ParseTheme("knife-crime").status();
  EXPECT_NE(refused.message().find(kThemeChoices), std::string::npos) << refused.message();
}

// Pages show a theme in words; a name that is no theme is shown as it was stored.
TEST(ReferenceTest, EachThemeHasItsOwnWords) {
  std::set<std::string_view> words;
  for (schema::Theme t : Themes()) {
    EXPECT_TRUE(words.insert(ThemeWords(t)).second) << ThemeWords(t);
    EXPECT_EQ(ThemeWordsOf(ThemeName(t)), ThemeWords(t));
  }
  EXPECT_EQ(ThemeWordsOf("serious-youth-violence"), "Serious youth violence");
  EXPECT_EQ(ThemeWordsOf("knife-crime"), "knife-crime");
}

TEST(ReferenceTest, EachIdKindTakesItsFormAndNothingElse) {
  struct Case {
    IdKind kind;
    std::vector<std::string> good, bad;
  };
  const std::vector<Case> cases = {
      {IdKind::kActionReference, {"CAM-2009-03", "BRE-2010-120"}, {"cam-2009-03", "CAM-2009-3", "CAM-2009-1234", "CAM-20090616", "CAM-2009-03 ", ""}},
      {IdKind::kMeetingId, {"CAM-20090616"}, {"CAM-2009-06-16", "CAM-2009061", "XX-20090616", ""}},
      {IdKind::kTokenId, {"0123abcd"}, {"0123ABCD", "0123abc", "0123abcde", "0123abcg"}},
      {IdKind::kUserId, {"jsmith", "k.brown@mpa.gov.uk", std::string(64, 'u')}, {"", std::string(65, 'u'), "j smith", "j/smith"}},
      {IdKind::kContactId, {"tfl-camden", "9", std::string(63, 'c')}, {"-tfl", "TfL", std::string(64, 'c'), "tfl camden", ""}},
  };
  for (const Case& c : cases) {
    for (const auto& id : c.good) EXPECT_TRUE(IsId(c.kind, id)) << IdPattern(c.kind) << " should take '" << id << "'";
    for (const auto& id : c.bad) EXPECT_FALSE(IsId(c.kind, id)) << IdPattern(c.kind) << " should refuse '" << id << "'";
  }
}

}  // namespace
}  // namespace jem::reference
