// Good practice (identified -> validated -> disseminated, or rejected) and pan-London
// issues (raised, updated, resolved).
#include "tests/engine/engine_fixture.h"

namespace jem {
namespace {

using Code = Status::Code;
using PracticeKind = command::UpdatePractice::Kind;
using IssueKind = command::UpdateIssue::Kind;

class RegisterRulesTest : public testing::EngineTest {
 protected:
  void SetUp() override { HoldCamden(); }

  static command::IdentifyPractice GangSymposium() {
    return command::IdentifyPractice{"CAM-20090616", "", "Gang symposium", "", "",
                                     {"MPS", "Council"}, "A symposium for partners to share knowledge on gangs",
                                     "Community Safety Team"};
  }
};

TEST_F(RegisterRulesTest, PracticeLifecycle) {
  auto identified = Run(GangSymposium());
  ASSERT_TRUE(identified.ok()) << identified.status().ToString();
  const std::string id = identified->subject;
  EXPECT_EQ(id, "CAM-2009-01");
  ExpectRefused(command::UpdatePractice{PracticeKind::kDisseminate, id, "bulletin"}, Code::kFailedPrecondition,
                "validate it before disseminating it");
  ASSERT_TRUE(Run(command::UpdatePractice{PracticeKind::kValidate, id, "Checked with the EPU"}).ok());
  ExpectRefused(command::UpdatePractice{PracticeKind::kDisseminate, id, ""}, Code::kInvalidArgument,
                "Enter how the good practice was disseminated");
  ASSERT_TRUE(Run(command::UpdatePractice{PracticeKind::kDisseminate, id, "Partners' bulletin, July"}).ok());
  ExpectRefused(command::UpdatePractice{PracticeKind::kReject, id, "x"}, Code::kFailedPrecondition,
                "good practice CAM-2009-01 is disseminated; only identified or validated practice can be rejected");
  ExpectRefused(command::UpdatePractice{PracticeKind::kValidate, "CAM-2009-09", ""}, Code::kNotFound,
                "there is no good practice CAM-2009-09");
}

TEST_F(RegisterRulesTest, PracticeScopeIsABoroughOrPanLondon) {
  auto p = GangSymposium();
  p.borough = "pan-London";
  auto r = Run(p);
  ASSERT_TRUE(r.ok());
  auto events = log_->ReadStream(PracticeStream(r->subject), 1, 1);
  EXPECT_EQ(std::string((*events)[0].envelope().getBody().getGoodPracticeIdentified().getBorough().cStr()),
            "pan-London");
  p.borough = "Atlantis";
  ExpectRefused(p, Code::kInvalidArgument, "'Atlantis' is not a London borough");
  p = GangSymposium();
  p.partners = {"Gotham PD"};
  ExpectRefused(p, Code::kInvalidArgument, "Partner agency: 'Gotham PD' is not a known agency");
  p = GangSymposium();
  p.description = "";
  ExpectRefused(p, Code::kInvalidArgument, "Enter what the good practice is");
  ExpectRefused(command::UpdatePractice{PracticeKind::kReject, r->subject, ""}, Code::kInvalidArgument,
                "Enter why the good practice is rejected");
  ExpectRefused(GangSymposium(), Code::kPermissionDenied, "only officers may record good practice",
                testing::Partner("MPS"));
}

TEST_F(RegisterRulesTest, IssueLifecycle) {
  command::RaiseIssue raise{"CAM-20090616", "", "Sharing YOT intelligence across borders",
                            "A pan-London database of young offenders and truants is needed", "YJB"};
  auto raised = Run(raise);
  ASSERT_TRUE(raised.ok()) << raised.status().ToString();
  const std::string id = raised->subject;
  ASSERT_TRUE(Run(command::UpdateIssue{IssueKind::kUpdate, id, "Raised with the London CJB"}).ok());
  ExpectRefused(command::UpdateIssue{IssueKind::kResolve, id, ""}, Code::kInvalidArgument,
                "Enter how the issue was resolved");
  ASSERT_TRUE(Run(command::UpdateIssue{IssueKind::kResolve, id, "Protocol agreed by all YOTs"}).ok());
  ExpectRefused(command::UpdateIssue{IssueKind::kUpdate, id, "more"}, Code::kFailedPrecondition,
                "is already resolved");
  raise.lead_agency = "Interpol";
  ExpectRefused(raise, Code::kInvalidArgument, "Lead agency: 'Interpol' is not a known agency");
}

}  // namespace
}  // namespace jem

namespace jem {
namespace {

class CorrectionTest : public testing::EngineTest {
 protected:
  void SetUp() override { HoldCamden(); }
};

TEST_F(CorrectionTest, ACorrectionJoinsTheStreamOfTheWrongEventAndEditsNothing) {
  const std::string ref = Agree();
  const uint64_t wrong = log_->head().position;
  const Hash before = log_->ReadAll(wrong, 1)->front().hash();
  auto r = Run(command::CorrectEvent{wrong, "The lead agency should have been TfL"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, ref);
  auto events = log_->ReadStream(ActionStream(ref), 1, 10);
  ASSERT_EQ(events->size(), 2u);
  auto c = (*events)[1].envelope().getBody().getCorrection();
  EXPECT_EQ(c.getCorrectedPosition(), wrong);
  EXPECT_EQ(std::string(c.getReason().cStr()), "The lead agency should have been TfL");
  EXPECT_EQ(log_->ReadAll(wrong, 1)->front().hash(), before);  // the wrong event is untouched
  EXPECT_EQ(Action(ref).status, ActionState::Status::kOpen);    // and states fold past it
}

TEST_F(CorrectionTest, Refusals) {
  ExpectRefused(command::CorrectEvent{999, "x"}, Status::Code::kNotFound, "there is no event at position 999");
  ExpectRefused(command::CorrectEvent{1, ""}, Status::Code::kInvalidArgument, "a correction needs to say what was wrong");
  ExpectRefused(command::CorrectEvent{1, "x"}, Status::Code::kPermissionDenied, "only officers may correct the record",
                testing::Partner("MPS"));
}

}  // namespace
}  // namespace jem
