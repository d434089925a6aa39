#include "projections/page.h"

namespace jem::views {

Status CheckPage(const PageRequest& page) {
  if (page.limit < 1 || page.limit > kMaxPageSize) {
    return Status::InvalidArgument("limit must be from 1 to " + std::to_string(kMaxPageSize) + ", not " +
                                   std::to_string(page.limit))
        .OnField("limit");
  }
  for (const std::string* cursor : {&page.after, &page.before}) {
    if (cursor->size() > kMaxCursorBytes) {
      return Status::InvalidArgument("a cursor is at most " + std::to_string(kMaxCursorBytes) +
                                     " bytes: use the `next` of the page before, as it is")
          .OnField("cursor");
    }
  }
  return Status::Ok();
}

}  // namespace jem::views
