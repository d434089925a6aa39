// Texts are text: every command refuses control characters (but for new lines and tabs in a
// text that may span lines) and the characters that reorder what is shown, naming the field,
// whatever the front end; nothing is appended.
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using Code = Status::Code;
using Kind = command::UpdateAction::Kind;

// Characters no text may hold, as they would be typed or pasted.
using namespace std::string_literals;
const std::vector<std::pair<std::string, std::string>> kForbidden = {
    {"nul \0 here"s, "U+0000"}, {"bell \a", "U+0007"},       {"esc \x1b[31mred", "U+001B"},
    {"del \x7f", "U+007F"},                     {"csi \xc2\x9b", "U+009B"},  {"rlo \xe2\x80\xae", "U+202E"},
    {"lri \xe2\x81\xa6", "U+2066"},             {"lone cr\rx", "U+000D"},    {"ls \xe2\x80\xa8", "U+2028"}};

class TextRulesTest : public testing::EngineTest {
 protected:
  void SetUp() override { HoldCamden(); }
};

TEST_F(TextRulesTest, AnyTextWithAControlOrReorderingCharacterIsRefusedNamingItsField) {
  const std::string ref = Agree("TfL");
  for (const auto& [text, code] : kForbidden) {
    auto agree = CamdenAction();
    agree.text = "Map hotspots " + text;
    ExpectRefused(agree, Code::kInvalidArgument, "'text' holds");
    ExpectRefused(agree, Code::kInvalidArgument, code);
    auto note = UpdateOf(Kind::kNote, ref, text);
    ExpectRefused(note, Code::kInvalidArgument, "'text' holds", testing::Partner("TfL"));
    auto held = CamdenHeld();
    held.meeting_id = "CAM-20090616";
    held.attendees[2].role = text;
    ExpectRefused(held, Code::kInvalidArgument, "'attendees.2.role' holds");
    auto supported = CamdenAction();
    supported.supporting_agencies = {"Council", "TfL" + text};
    ExpectRefused(supported, Code::kInvalidArgument, "'supporting.1' holds");
    ExpectRefused(command::SetContact{"tfl", "agency", "TfL " + text, "jem@tfl.example", "TfL", "", "", true},
                  Code::kInvalidArgument, "'name' holds");
    ExpectRefused(command::CorrectEvent{1, "a typo", {{"text", "Fixed " + text}}}, Code::kInvalidArgument,
                  "'set.0.value' holds");
  }
}

TEST_F(TextRulesTest, NewLinesAndTabsOnlyWhereATextMaySpanLines) {
  const std::string ref = Agree("TfL");
  ASSERT_TRUE(Run(UpdateOf(Kind::kNote, ref, "Met the council.\nNext:\tthe school run.\r\nDone by Friday."),
                  testing::Partner("TfL")).ok());
  auto agree = CamdenAction();
  agree.text = "Map hotspots\nwith TfL";
  EXPECT_TRUE(Run(agree).ok()) << "what was agreed may span lines";
  agree.lead_agency = "TfL\n";
  ExpectRefused(agree, Code::kInvalidArgument, "'lead' is one line: it holds a line break at character 4");
  auto slot = CamdenSlot();
  slot.date = "2009-06-30";
  slot.room = "Room 1\tleft";
  ExpectRefused(slot, Code::kInvalidArgument, "'room' is one line: it holds a tab");
  // A correction's value may span lines only where its field does.
  ExpectRefused(command::CorrectEvent{1, "typo", {{"chair", "Kit\nMalthouse"}}}, Code::kInvalidArgument,
                "the corrected chair is one line");
}

}  // namespace
}  // namespace jem
