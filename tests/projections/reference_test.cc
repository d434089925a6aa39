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

// Instants are written in London time, as GOV.UK writes them: summer time counts, and
// the day is London's (23:30 UTC on a summer evening is the next morning there).
TEST(ReferenceTest, InstantsAreWrittenInLondonTimeTheGovUkWay) {
  using namespace std::chrono;
  auto at = [](sys_days day, int h, int m) { return Timestamp(day) + hours(h) + minutes(m); };
  EXPECT_EQ(WrittenInstant(at(year(2026) / 12 / 3, 10, 15)), "3 December 2026 at 10:15am");  // GMT
  EXPECT_EQ(WrittenInstant(at(year(2009) / 6 / 16, 8, 0)), "16 June 2009 at 9am");           // BST
  EXPECT_EQ(WrittenInstant(at(year(2009) / 6 / 16, 23, 30)), "17 June 2009 at 12:30am");
  EXPECT_EQ(WrittenInstant(at(year(2026) / 1 / 5, 12, 0)), "5 January 2026 at midday");
  EXPECT_EQ(WrittenInstant(at(year(2026) / 1 / 5, 0, 0)), "5 January 2026 at midnight");
  EXPECT_EQ(WrittenInstant(at(year(2026) / 1 / 5, 13, 5)), "5 January 2026 at 1:05pm");
  EXPECT_EQ(WrittenInstantOf("2009-06-16T14:45:00.000000Z"), "16 June 2009 at 3:45pm");
  EXPECT_EQ(WrittenInstantOf("not a time"), "not a time");
  EXPECT_EQ(WrittenDay("2009-08-30"), "30 August 2009");
  EXPECT_EQ(WrittenDay(""), "");
  EXPECT_EQ(WrittenDay("2009-02-30"), "2009-02-30");
  EXPECT_EQ(WrittenTime("10:15"), "10:15am");
  EXPECT_EQ(WrittenTime("15:00"), "3pm");
  EXPECT_EQ(WrittenTime("12:00"), "midday");
  EXPECT_EQ(WrittenTime("00:00"), "midnight");
  EXPECT_EQ(WrittenTime("00:05"), "12:05am");
  EXPECT_EQ(WrittenTime("25:00"), "25:00") << "not a time: as it is";
  EXPECT_EQ(WrittenTime(""), "");
}

// A date typed in GOV.UK's three boxes: what is missing, else whether it is a real date.
TEST(ReferenceTest, ADateTypedInThreeBoxesIsReadAsGovUkSaysOrRefusedInItsWords) {
  EXPECT_EQ(*DateOfParts("3", "12", "2026", "due date"), "2026-12-03");
  EXPECT_EQ(*DateOfParts("", "", "", "due date"), "") << "left empty";
  const std::tuple<const char*, const char*, const char*, const char*> kWrong[] = {
      {"", "12", "2026", "Due date must include a day"},
      {"3", "", "", "Due date must include a month and year"},
      {"31", "4", "2026", "Due date must be a real date"},
      {"3", "12", "26", "Due date must be a real date"},
      {"3", "13", "2026", "Due date must be a real date"},
      {"-1", "12", "2026", "Due date must be a real date"},
      {"3", "12", "２０２６", "Due date must be a real date"},
      {"003", "12", "2026", "Due date must be a real date"}};
  for (const auto& [d, m, y, message] : kWrong) {
    auto date = DateOfParts(d, m, y, "due date");
    ASSERT_FALSE(date.ok()) << d << " " << m << " " << y;
    EXPECT_EQ(date.status().message(), message) << d << " " << m << " " << y;
  }
}

}  // namespace
}  // namespace jem::reference
