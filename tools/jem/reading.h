// What the read-only verbs share: who reads (--as), as of when (--as-of, --basis), folding
// the model for that, and printing a view as a table or JSON.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "engine/caller.h"
#include "projections/views.h"
#include "tools/jem/cli.h"

namespace jem::cli {

struct Column {
  const char* header;
  const char* key;
};

// Prints `rows` as an aligned table of `columns`.
void PrintTable(const nlohmann::ordered_json& rows, const std::vector<Column>& columns);

// Prints a view's result: JSON, or the table of `rows_key` with `columns`.
int Show(const Result<views::Json>& view, bool json, const char* rows_key, const std::vector<Column>& columns);

// A column of a table of described rows (projections/described.h): its header and the member
// it shows, so that a misspelt column does not compile.
template <class Row>
struct FieldColumn {
  template <class M, class Of>
    requires std::is_base_of_v<Of, Row>
  FieldColumn(const char* header, M Of::*member)
      : header(header), cell([member](const Row& row) { return views::ToJson(row.*member); }) {}
  const char* header;
  std::function<views::Json(const Row&)> cell;
};

// Prints described rows as an aligned table of `columns`.
template <class Row>
void PrintRows(const std::vector<Row>& rows, const std::vector<FieldColumn<Row>>& columns) {
  views::Json table = views::Json::array();
  std::vector<Column> headers;
  for (const auto& c : columns) headers.push_back({c.header, c.header});
  for (const Row& row : rows) {
    views::Json line = views::Json::object();
    for (const auto& c : columns) line[c.header] = c.cell(row);
    table.push_back(std::move(line));
  }
  PrintTable(table, headers);
}

// Prints a described view's result: its JSON, or the table of its `rows` with `columns`.
template <class View, class Row>
int ShowRows(const Result<View>& view, bool json, std::vector<Row> View::*rows, const std::vector<FieldColumn<Row>>& columns) {
  if (!view.ok() || json) return Show(view.ok() ? Result<views::Json>(views::ToJson(*view)) : view.status(), true, "", {});
  PrintRows((*view).*rows, columns);
  return 0;
}

// How a view verb reads: as whom (--as, JEM_AS), and as of which day on which basis.
struct ReadOptions {
  std::string as;
  std::string as_of;               // YYYY-MM-DD; "" for now
  std::string basis = "recorded";  // or "happened"
};

// Adds --as, --as-of and --basis to a view verb, into `options`.
void AddReader(CLI::App& verb, ReadOptions& options);

// The reader --as names: read through the access policy, as the API would for that caller.
// Without it, whoever can open the data directory reads all of it (as an auditor).
Result<Caller> Reader(const std::string& as);

// Refuses readers who do not see all of the record (round reports are for officers and auditors).
Status EverythingReader(const Caller& reader, std::string_view what);

// The model the options ask for: the live one (from its snapshot) or as of a past day.
Result<ReadModel> FoldAsAsked(Log& log, const ReadOptions& options);

// The day views judge overdue against: the as-of day, or today.
Result<views::Day> DayAsked(const ReadOptions& options);

using View = std::function<int(const ReadModel&, const Caller&, views::Day)>;
using Fold = std::function<Result<ReadModel>(Log&, views::Day)>;

// Opens the log, folds the model the options ask for (or `fold`'s), and runs `view` for the
// reader they name, with the day overdue is judged against.
int WithModel(const Globals& g, const ReadOptions& options, const View& view);
int WithModel(const Globals& g, const ReadOptions& options, const Fold& fold, const View& view);

// A record of the model, found by its id for the reader, as one JSON object to print.
using Record = std::function<Result<nlohmann::ordered_json>(const ReadModel&, const Caller& reader,
                                                            const std::string& id)>;

// Adds `show ID [--json] [--as] [--as-of --basis]` to `group`: prints `record` of the model
// the options ask for.
void AddShowVerb(CLI::App& group, Globals& globals, const std::string& id_help, Record record);

}  // namespace jem::cli
