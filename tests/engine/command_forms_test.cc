// Every command form, through the one list of them (EveryForm): named once each, and each
// refusing a field it does not read, naming it, before reading anything.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "engine/command_forms.h"

namespace jem {
namespace {

TEST(CommandFormsTest, EveryFormIsListedOnceUnderItsOwnName) {
  std::set<std::string_view> names;
  for (const Form* form : EveryForm()) EXPECT_TRUE(names.insert(form->name).second) << form->name;
  // Each kind of update has its own form, and each command without verbs one.
  EXPECT_EQ(names.size(), 16 + ActionVerbs().size() + PracticeVerbs().size() + IssueVerbs().size());
  for (std::string_view expected : {"ScheduleMeeting", "ResetCalendarFeed", "CorrectEvent", "ReassignAction",
                                    "DisseminatePractice", "ResolveIssue"}) {
    EXPECT_TRUE(names.contains(expected)) << expected;
  }
}

TEST(CommandFormsTest, EveryFormRefusesAFieldItDoesNotReadNamingIt) {
  auto fields = JsonFields(R"({"smuggled_field": 1})");
  ASSERT_TRUE(fields.ok());
  for (const Form* form : EveryForm()) {
    auto command = ReadForm(*form, **fields, "CAM-2009-01", "the body");
    ASSERT_FALSE(command.ok()) << form->name;
    EXPECT_NE(command.status().message().find("smuggled_field"), std::string::npos)
        << form->name << ": " << command.status().message();
  }
}

}  // namespace
}  // namespace jem
