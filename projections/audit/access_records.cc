#include "projections/audit/access_records.h"

#include <algorithm>

#include "projections/reference.h"

namespace jem {

std::string AccessStream(std::string_view day) { return std::string(kAccessStreamPrefix) + std::string(day); }

Result<AccessReads> ReadAccessRecords(const Log& log, std::optional<Timestamp> before,
                                      const std::function<bool(const AccessReadRecord&)>& wanted) {
  AccessReads out;
  JEM_ASSIGN_OR_RETURN(auto streams, log.ListStreams(kAccessStreamPrefix));
  std::sort(streams.begin(), streams.end());  // by day
  const std::string last_day = before ? reference::FormatDate(reference::DayOf(*before)) : "";
  for (const std::string& stream : streams) {
    // A batch is filed under the day of its first read, so a stream of the day `before` falls in may hold some.
    if (before && stream.substr(kAccessStreamPrefix.size()) > last_day) break;
    // A few events at a time: each holds up to a couple of thousand reads.
    for (uint64_t version = 1;;) {
      JEM_ASSIGN_OR_RETURN(auto events, log.ReadStream(stream, version, 8));
      for (const RecordedEvent& e : events) {
        const schema::Body::Reader body = e.envelope().getBody();
        if (!body.isAccessRecorded()) continue;
        auto batch = body.getAccessRecorded();
        out.unrecorded += batch.getUnrecorded();
        for (auto r : batch.getReads()) {
          const Timestamp at = FromMicros(r.getAtUs());
          if (before && at >= *before) continue;
          AccessReadRecord read{at, FromText(r.getUserId()), FromText(r.getRole()), FromText(r.getAgency()),
                                FromText(r.getWhat()), FromText(r.getSubject()), FromText(r.getPath()), e.position(),
                                std::max<uint32_t>(1, r.getCount())};
          if (!wanted || wanted(read)) out.reads.push_back(std::move(read));
        }
      }
      if (events.size() < 8) break;
      version += events.size();
    }
  }
  return out;
}

}  // namespace jem
