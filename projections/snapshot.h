// Encoding of the read model's records for its snapshot (internal to projections/).
#pragma once

#include <string>
#include <string_view>

#include "projections/read_model.h"

namespace jem::snapshot {

std::string Encode(const MeetingRecord& r);
std::string Encode(const ActionRecord& r);
std::string Encode(const PracticeState& r);
std::string Encode(const IssueState& r);
std::string EncodeHeader(uint32_t format, uint64_t position, const std::map<uint32_t, RoundRecord>& rounds);

// Each fails with kCorruption when `bytes` is not a record of that kind.
Status Decode(std::string_view bytes, MeetingRecord* r);
Status Decode(std::string_view bytes, ActionRecord* r);
Status Decode(std::string_view bytes, PracticeState* r);
Status Decode(std::string_view bytes, IssueState* r);
Status DecodeHeader(std::string_view bytes, uint32_t* format, uint64_t* position,
                    std::map<uint32_t, RoundRecord>* rounds);

}  // namespace jem::snapshot
