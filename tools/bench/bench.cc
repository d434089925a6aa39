#include "tools/bench/bench.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

namespace jem::bench {

ScratchDir::ScratchDir(const std::string& name) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / ("jem-bench-" + name + "-XXXXXX")).string();
  path_ = ::mkdtemp(pattern.data());
}

ScratchDir::~ScratchDir() { std::filesystem::remove_all(path_); }

double Figures::quantile_ms(double q) {
  if (latencies_ms.empty()) return 0;
  const size_t k = std::min(latencies_ms.size() - 1, size_t(q * double(latencies_ms.size())));
  std::nth_element(latencies_ms.begin(), latencies_ms.begin() + long(k), latencies_ms.end());
  return latencies_ms[k];
}

std::string PayloadText(size_t bytes) {
  std::string text(bytes, 'x');
  for (size_t i = 0; i < bytes; ++i) text[i] = char('a' + (i * 7) % 26);
  return text;
}

Status FillLog(Log& log, uint64_t count, uint64_t streams) {
  constexpr uint64_t kBatch = 200;
  constexpr uint64_t kThreads = 4;
  const std::string text = PayloadText(300);
  std::vector<std::thread> threads;
  std::vector<Status> errors(kThreads);
  for (uint64_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (uint64_t first = t * kBatch; first < count; first += kThreads * kBatch) {
        std::vector<NewEvent> batch;
        for (uint64_t i = first; i < std::min(count, first + kBatch); ++i) {
          batch.push_back(NewEvent{NewEventId(), Actor{"bench", "officer"}, {}, {}, EventBody::Note(text)});
        }
        auto r = log.Append("fill-" + std::to_string(first / kBatch % streams), ExpectedVersion::Any(),
                            std::move(batch));
        if (!r.ok()) {
          errors[t] = r.status();
          return;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (auto& e : errors) JEM_RETURN_IF_ERROR(e);
  return Status::Ok();
}

void Print(const nlohmann::ordered_json& fields, bool json) {
  if (json) {
    std::cout << fields.dump() << std::endl;
    return;
  }
  for (auto& [name, value] : fields.items()) {
    std::string shown = value.is_number_float() ? fmt::format("{:.3f}", value.get<double>())
                        : value.is_string()     ? value.get<std::string>()
                                                : value.dump();
    std::cout << fmt::format("{:<28} {}\n", name, shown);
  }
}

double AppendsPerSync(const LogStats& before, const LogStats& after) {
  const uint64_t syncs = after.syncs - before.syncs;
  return syncs == 0 ? 0 : double(after.appends - before.appends) / double(syncs);
}

}  // namespace jem::bench
