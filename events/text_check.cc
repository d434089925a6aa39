#include "events/text_check.h"

#include <capnp/any.h>
#include <capnp/schema.h>
#include <kj/debug.h>

#include <map>
#include <optional>
#include <vector>

namespace jem {
namespace {

// Where Text can be in a struct of one schema: what ReadEveryText reads. Made once from the
// schema, so that the walk reads pointers by index instead of asking the schema each time.
struct TextPlan {
  enum class Kind : uint8_t { kText, kStruct, kTextList, kStructList };
  struct Entry {
    uint32_t pointer;                // index in the pointer section
    Kind kind;
    const TextPlan* nested;          // kStruct, kStructList
    std::optional<uint16_t> member;  // a union member: read only when it is the one set
  };
  uint32_t discriminant_offset = 0;  // in 16-bit units of the data section
  std::vector<Entry> entries;
};

class TextPlans {
 public:
  TextPlans() { root_ = Plan(capnp::Schema::from<schema::Event>()); }
  const TextPlan& root() const { return *root_; }

 private:
  const TextPlan* Plan(capnp::StructSchema schema) {
    auto [it, added] = plans_.try_emplace(schema.getProto().getId());
    TextPlan& plan = it->second;
    if (!added) return &plan;  // made already, or being made (a type that contains itself)
    plan.discriminant_offset = schema.getProto().getStruct().getDiscriminantOffset();
    for (auto field : schema.getFields()) {
      auto proto = field.getProto();
      // The schema has no groups, nor lists of lists; a change that adds one must extend this.
      KJ_REQUIRE(proto.isSlot(), "ReadEveryText: groups are not read yet", proto.getName());
      const capnp::Type type = field.getType();
      std::optional<TextPlan::Kind> kind;
      const TextPlan* nested = nullptr;
      if (type.isText()) {
        kind = TextPlan::Kind::kText;
      } else if (type.isStruct()) {
        kind = TextPlan::Kind::kStruct;
        nested = Plan(type.asStruct());
      } else if (type.isList()) {
        const capnp::Type element = type.asList().getElementType();
        KJ_REQUIRE(!element.isList(), "ReadEveryText: lists of lists are not read yet", proto.getName());
        if (element.isText()) kind = TextPlan::Kind::kTextList;
        if (element.isStruct()) {
          kind = TextPlan::Kind::kStructList;
          nested = Plan(element.asStruct());
        }
      }
      if (!kind) continue;
      std::optional<uint16_t> member;
      if (proto.getDiscriminantValue() != capnp::schema::Field::NO_DISCRIMINANT) member = proto.getDiscriminantValue();
      plan.entries.push_back({proto.getSlot().getOffset(), *kind, nested, member});
    }
    return &plan;
  }

  std::map<uint64_t, TextPlan> plans_;  // a map: references to its values stay valid
  const TextPlan* root_;
};

// Reads every Text in `s` once. totalSize() checks every pointer's bounds, but not that a
// Text ends in its NUL: without this, reading such a field later would throw.
void ReadEveryText(capnp::AnyStruct::Reader s, const TextPlan& plan) {
  auto pointers = s.getPointerSection();
  auto data = s.getDataSection();
  uint16_t which = 0;
  if (const size_t at = size_t(plan.discriminant_offset) * 2; at + 2 <= data.size()) {
    which = uint16_t(data[at] | (data[at + 1] << 8));  // little-endian, as every capnp word
  }
  for (const TextPlan::Entry& e : plan.entries) {
    if (e.pointer >= pointers.size() || (e.member && *e.member != which)) continue;
    auto p = pointers[e.pointer];
    if (p.isNull()) continue;
    switch (e.kind) {
      case TextPlan::Kind::kText:
        (void)p.getAs<capnp::Text>();
        break;
      case TextPlan::Kind::kStruct:
        ReadEveryText(p.getAs<capnp::AnyStruct>(), *e.nested);
        break;
      case TextPlan::Kind::kTextList:
        for (auto text : p.getAs<capnp::List<capnp::Text>>()) (void)text;
        break;
      case TextPlan::Kind::kStructList:
        for (auto item : p.getAs<capnp::AnyList>().as<capnp::List<capnp::AnyStruct>>()) ReadEveryText(item, *e.nested);
        break;
    }
  }
}

}  // namespace

void ReadEveryText(schema::Event::Reader event) {
  static const TextPlans plans;
  ReadEveryText(capnp::AnyStruct::Reader(event), plans.root());
}

}  // namespace jem
