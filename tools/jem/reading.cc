#include "tools/jem/reading.h"

#include <iostream>

#include <fmt/format.h>

#include "engine/access_policy.h"
#include "projections/audit/as_of.h"
#include "projections/reference.h"

namespace jem::cli {
namespace {

std::string Cell(const nlohmann::ordered_json& v) {
  if (v.is_string()) return Shown(v);
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) out += (out.empty() ? "" : " ") + Cell(item);
    return out;
  }
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "";
  if (v.is_number_float()) return fmt::format("{:.0f}%", v.get<double>() * 100);
  return v.is_null() ? "" : v.dump();
}

}  // namespace

void PrintTable(const nlohmann::ordered_json& rows, const std::vector<Column>& columns) {
  std::vector<size_t> widths;
  for (const Column& c : columns) widths.push_back(std::string(c.header).size());
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (size_t i = 0; i < columns.size(); ++i) {
      line.push_back(Cell(row.contains(columns[i].key) ? row[columns[i].key] : nlohmann::ordered_json()));
      widths[i] = std::max(widths[i], line.back().size());
    }
    cells.push_back(std::move(line));
  }
  auto print = [&](const std::vector<std::string>& line) {
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
      out += line[i];
      if (i + 1 < line.size()) out += std::string(widths[i] + 2 - line[i].size(), ' ');
    }
    std::cout << out << "\n";
  };
  std::vector<std::string> headers;
  for (const Column& c : columns) headers.push_back(c.header);
  print(headers);
  for (const auto& line : cells) print(line);
}

int Show(const Result<views::Json>& view, bool json, const char* rows_key, const std::vector<Column>& columns) {
  if (!view.ok()) return Fail(view.status());
  if (json) {
    std::cout << view->dump() << "\n";
  } else {
    PrintTable((*view)[rows_key], columns);
  }
  return 0;
}

void AddReader(CLI::App& verb, ReadOptions& options) {
  verb.add_option("--as", options.as, "read as USER:ROLE or USER:partner:AGENCY sees it (default: all of it)")
      ->envname("JEM_AS");
  verb.add_option("--as-of", options.as_of, "as of the end of this past day, YYYY-MM-DD (default: now)");
  verb.add_option("--basis", options.basis,
                  "with --as-of: recorded (what the record said then) or happened (what is now known to have "
                  "happened by then, late records included)")
      ->check(CLI::IsMember({"recorded", "happened"}))
      ->capture_default_str();
}

Result<Caller> Reader(const std::string& as) {
  if (as.empty()) return Caller{"local", Role::kAuditor, ""};
  auto caller = ParseCaller(as);
  if (!caller.ok()) return caller.status().WithContext("--as");
  if (!access::MayRead(*caller)) {
    return Status::PermissionDenied("--as: " + std::string(RoleName(caller->role)) + "s do not read the record");
  }
  return caller;
}

Status EverythingReader(const Caller& reader, std::string_view what) {
  if (access::SeesEverything(reader)) return Status::Ok();
  return Status::PermissionDenied(std::string(what) + " is for officers and auditors, not " +
                                  std::string(RoleName(reader.role)) + "s");
}

Result<views::Day> DayAsked(const ReadOptions& options) {
  if (options.as_of.empty()) return reference::DayOf(RealClock().Now());
  return reference::ParseDate(options.as_of, "--as-of");
}

Result<ReadModel> FoldAsAsked(Log& log, const ReadOptions& options) {
  if (options.as_of.empty()) return LoadModel(log);
  JEM_ASSIGN_OR_RETURN(auto day, DayAsked(options));
  JEM_ASSIGN_OR_RETURN(auto basis, audit::ParseBasis(options.basis));
  return audit::ModelAsOf(log, day, basis);
}

int WithModel(const Globals& g, const ReadOptions& options, const Fold& fold, const View& view) {
  auto reader = Reader(options.as);
  if (!reader.ok()) return Fail(reader.status());
  auto day = DayAsked(options);
  if (!day.ok()) return Fail(day.status());
  auto log = OpenLog(g, false);
  if (!log) return kExitError;
  auto model = fold(*log, *day);
  if (!model.ok()) return Fail(model.status());
  return view(*model, *reader, *day);
}

int WithModel(const Globals& g, const ReadOptions& options, const View& view) {
  return WithModel(g, options, [&](Log& log, views::Day) { return FoldAsAsked(log, options); }, view);
}

void AddShowVerb(CLI::App& group, Globals& globals, const std::string& id_help, Record record) {
  struct Flags {
    std::string id;
    bool json = false;
    ReadOptions read;
  };
  auto flags = std::make_shared<Flags>();
  auto* verb = group.add_subcommand("show", "one " + group.get_name() + " as it stands, or as of a past day");
  verb->add_option("id", flags->id, id_help)->required();
  verb->add_flag("--json", flags->json, "print one JSON object");
  AddReader(*verb, flags->read);
  verb->callback([&globals, flags, record] {
    globals.exit_code = WithModel(globals, flags->read, [&](const ReadModel& m, const Caller& reader, views::Day day) {
      auto shown = record(m, reader, flags->id);
      if (!shown.ok()) return Fail(shown.status());
      (*shown)["as_of"] = reference::FormatDate(day);
      (*shown)["basis"] = flags->read.as_of.empty() ? "today" : flags->read.basis;
      PrintRecord(*shown, flags->json);
      return 0;
    });
  });
}

}  // namespace jem::cli
