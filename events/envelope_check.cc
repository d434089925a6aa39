#include "events/envelope_check.h"

#include <capnp/any.h>
#include <capnp/dynamic.h>
#include <capnp/schema.h>
#include <kj/debug.h>

#include <map>
#include <optional>
#include <vector>

namespace jem {
namespace {

// The pointer fields of a struct of one schema, and how each is read: made once from the
// schema, so that the walk reads pointers by index instead of asking the schema each time.
struct PointerPlan {
  enum class Kind : uint8_t { kText, kData, kStruct, kList };
  enum class Elements : uint8_t { kValues, kText, kData, kStructs };  // of a kList
  struct Entry {
    uint32_t pointer;                // index in the pointer section
    Kind kind;
    std::optional<capnp::ListSchema> list;  // kList: read as the accessor does, element size checked
    Elements elements = Elements::kValues;
    const PointerPlan* nested = nullptr;    // kStruct, and kList of structs
    std::optional<uint16_t> member;         // a union member: read only when it is the one set
  };
  uint32_t discriminant_offset = 0;  // in 16-bit units of the data section
  std::vector<Entry> entries;
};

class PointerPlans {
 public:
  PointerPlans() { root_ = Plan(capnp::Schema::from<schema::Event>()); }
  const PointerPlan& root() const { return *root_; }

 private:
  const PointerPlan* Plan(capnp::StructSchema schema) {
    auto [it, added] = plans_.try_emplace(schema.getProto().getId());
    PointerPlan& plan = it->second;
    if (!added) return &plan;  // made already, or being made (a type that contains itself)
    plan.discriminant_offset = schema.getProto().getStruct().getDiscriminantOffset();
    for (auto field : schema.getFields()) {
      auto proto = field.getProto();
      // The schema has no groups, nor lists of lists, nor AnyPointer; a change that adds one
      // must extend this (the decoder tests fail until it does).
      KJ_REQUIRE(proto.isSlot(), "ReadEveryPointer: groups are not read yet", proto.getName());
      const capnp::Type type = field.getType();
      PointerPlan::Entry e{proto.getSlot().getOffset(), PointerPlan::Kind::kText};
      if (type.isText()) {
        e.kind = PointerPlan::Kind::kText;
      } else if (type.isData()) {
        e.kind = PointerPlan::Kind::kData;
      } else if (type.isStruct()) {
        e.kind = PointerPlan::Kind::kStruct;
        e.nested = Plan(type.asStruct());
      } else if (type.isList()) {
        const capnp::Type element = type.asList().getElementType();
        KJ_REQUIRE(!element.isList() && !element.isAnyPointer(), "ReadEveryPointer: such lists are not read yet",
                   proto.getName());
        e.kind = PointerPlan::Kind::kList;
        e.list = type.asList();
        if (element.isText()) e.elements = PointerPlan::Elements::kText;
        if (element.isData()) e.elements = PointerPlan::Elements::kData;
        if (element.isStruct()) {
          e.elements = PointerPlan::Elements::kStructs;
          e.nested = Plan(element.asStruct());
        }
      } else {
        KJ_REQUIRE(!type.isAnyPointer() && !type.isInterface(), "ReadEveryPointer: not read yet", proto.getName());
        continue;  // a value in the data section: any bits are some value
      }
      if (proto.getDiscriminantValue() != capnp::schema::Field::NO_DISCRIMINANT) e.member = proto.getDiscriminantValue();
      plan.entries.push_back(e);
    }
    return &plan;
  }

  std::map<uint64_t, PointerPlan> plans_;  // a map: references to its values stay valid
  const PointerPlan* root_;
};

void ReadEveryPointer(capnp::AnyStruct::Reader s, const PointerPlan& plan) {
  auto pointers = s.getPointerSection();
  auto data = s.getDataSection();
  uint16_t which = 0;
  if (const size_t at = size_t(plan.discriminant_offset) * 2; at + 2 <= data.size()) {
    which = uint16_t(data[at] | (data[at + 1] << 8));  // little-endian, as every capnp word
  }
  for (const PointerPlan::Entry& e : plan.entries) {
    if (e.pointer >= pointers.size() || (e.member && *e.member != which)) continue;
    auto p = pointers[e.pointer];
    if (p.isNull()) continue;
    switch (e.kind) {
      case PointerPlan::Kind::kText:
        (void)p.getAs<capnp::Text>();
        break;
      case PointerPlan::Kind::kData:
        (void)p.getAs<capnp::Data>();
        break;
      case PointerPlan::Kind::kStruct:
        ReadEveryPointer(p.getAs<capnp::AnyStruct>(), *e.nested);
        break;
      case PointerPlan::Kind::kList: {
        auto list = p.getAs<capnp::DynamicList>(*e.list);  // the element size, as the accessor checks it
        switch (e.elements) {
          case PointerPlan::Elements::kValues:
            break;
          case PointerPlan::Elements::kText:
            for (auto item : list) (void)item.as<capnp::Text>();
            break;
          case PointerPlan::Elements::kData:
            for (auto item : list) (void)item.as<capnp::Data>();
            break;
          case PointerPlan::Elements::kStructs:
            for (auto item : p.getAs<capnp::AnyList>().as<capnp::List<capnp::AnyStruct>>()) {
              ReadEveryPointer(item, *e.nested);
            }
            break;
        }
        break;
      }
    }
  }
}

}  // namespace

void ReadEveryPointer(schema::Event::Reader event) {
  static const PointerPlans plans;
  ReadEveryPointer(capnp::AnyStruct::Reader(event), plans.root());
}

}  // namespace jem
