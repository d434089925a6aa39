// Described types (projections/described.h): one list of fields gives a view's JSON and its
// schema, so the two cannot disagree; the views' own types are checked the same way.
#include <gtest/gtest.h>

#include "projections/described.h"
#include "projections/views.h"

namespace jem::views {
namespace {

inline constexpr std::string_view kColours[] = {"red", "green"};

struct Leaf {
  std::string on;
  std::optional<std::string> why;
  static constexpr std::string_view kName = "Leaf";
  static constexpr auto kFields = std::tuple{Field{"on", &Leaf::on, "the day"}, Field{"why", &Leaf::why}};
};
struct Branch {
  std::string colour;
  std::vector<Leaf> leaves;
  std::optional<Leaf> first;
  int64_t count = 0;
  bool bare = false;
  static constexpr std::string_view kName = "Branch";
  static constexpr auto kFields =
      std::tuple{Field{"colour", &Branch::colour, "", kColours}, Field{"leaves", &Branch::leaves},
                 Field{"first", &Branch::first, "the first leaf"}, Field{"count", &Branch::count},
                 Field{"bare", &Branch::bare}};
};
struct Tree : Branch {
  std::vector<std::string> names;
  static constexpr std::string_view kName = "Tree";
  static constexpr auto kFields = std::tuple_cat(Branch::kFields, std::tuple{Field{"names", &Tree::names}});
};

TEST(DescribedTest, JsonHasEveryFieldInItsOrderWithNullsForWhatIsMissing) {
  Tree tree;
  tree.colour = "red";
  tree.leaves = {{"2010-01-02", "rain"}, {"2010-01-03", std::nullopt}};
  tree.count = 2;
  tree.names = {"oak", "ash"};
  EXPECT_EQ(ToJson(tree).dump(),
            R"({"colour":"red","leaves":[{"on":"2010-01-02","why":"rain"},{"on":"2010-01-03","why":null}],)"
            R"("first":null,"count":2,"bare":false,"names":["oak","ash"]})");
}

TEST(DescribedTest, SchemaNamesEveryFieldRequiredAndNoOtherAndRefersToNestedTypes) {
  Json schemas = Json::object();
  AddSchema<Tree>(schemas);
  ASSERT_TRUE(schemas.contains("Tree"));
  ASSERT_TRUE(schemas.contains("Leaf")) << "a nested type gets a schema of its own";
  const Json& tree = schemas["Tree"];
  EXPECT_EQ(tree["required"], Json({"colour", "leaves", "first", "count", "bare", "names"}));
  EXPECT_EQ(tree["additionalProperties"], false);
  EXPECT_EQ(tree["properties"]["colour"]["enum"], Json({"red", "green"}));
  EXPECT_EQ(tree["properties"]["leaves"]["items"]["$ref"], "#/components/schemas/Leaf");
  EXPECT_EQ(tree["properties"]["first"]["anyOf"][0]["type"], "null");
  EXPECT_EQ(tree["properties"]["first"]["description"], "the first leaf");
  EXPECT_EQ(tree["properties"]["count"]["type"], "integer");
  EXPECT_EQ(tree["properties"]["bare"]["type"], "boolean");
  EXPECT_EQ(tree["properties"]["names"]["items"]["type"], "string");
  EXPECT_EQ(schemas["Leaf"]["properties"]["on"]["description"], "the day");
}

// Every key of a view's JSON is a property its schema names, and every property is there.
void ExpectSchemaMatches(const Json& value, const Json& schema, const Json& schemas, const std::string& where) {
  if (schema.contains("$ref")) {
    const std::string name = schema["$ref"].get<std::string>().substr(std::string("#/components/schemas/").size());
    return ExpectSchemaMatches(value, schemas[name], schemas, where);
  }
  if (schema.contains("allOf")) return ExpectSchemaMatches(value, schema["allOf"][0], schemas, where);
  if (schema.contains("anyOf")) {
    if (!value.is_null()) ExpectSchemaMatches(value, schema["anyOf"][1], schemas, where);
    return;
  }
  if (value.is_array()) {
    for (const Json& item : value) ExpectSchemaMatches(item, schema["items"], schemas, where + "[]");
    return;
  }
  if (!value.is_object()) return;
  for (const auto& [key, item] : value.items()) {
    ASSERT_TRUE(schema["properties"].contains(key)) << where << "." << key;
    ExpectSchemaMatches(item, schema["properties"][key], schemas, where + "." + key);
  }
  for (const Json& name : schema["required"]) EXPECT_TRUE(value.contains(name.get<std::string>())) << where << "." << name;
}

TEST(DescribedTest, TheBoardsJsonIsWhatItsSchemaSays) {
  FollowUpAction row;
  row.reference = "CAM-2009-03";
  row.rag = "red";
  row.story.blocked = StoryStep{"2009-07-01", std::nullopt, "written by TfL"};
  row.story.reassignments.push_back({{"2009-07-02", "buses", std::nullopt}, "MPS", "TfL"});
  row.progress.push_back({.day = "2009-07-03", .text = "begun", .percent = 10});
  Board board;
  board.as_of = "2010-01-01";
  board.count = 1;
  board.next = "x";
  board.actions.push_back(row);
  Json schemas = Json::object();
  AddSchema<Board>(schemas);
  AddSchema<FollowUpAction>(schemas);
  ExpectSchemaMatches(ToJson(board), schemas["Board"], schemas, "board");
  ExpectSchemaMatches(ToJson(row), schemas["FollowUpAction"], schemas, "row");
  EXPECT_EQ(ToJson(board)["actions"][0]["story"]["blocked"]["withheld"], "written by TfL");
  EXPECT_FALSE(ToJson(row)["story"]["reassignments"][0].contains("withheld")) << "left out, not null, when not withheld";
  EXPECT_EQ(schemas["StoryStep"]["required"], Json({"on", "reason"}));
  EXPECT_EQ(schemas["Action"]["properties"]["urgency"]["enum"].size(), std::size(kUrgencyWords));
}

}  // namespace
}  // namespace jem::views
