// The proofs' routes: the latest signed checkpoint and the hash tiles (C2SP tlog-checkpoint and
// tlog-tiles, public like any transparency log's), proofs against checkpoints, and witnesses'
// cosignatures coming back.
#include "api/answer.h"
#include "api/commands.h"
#include "api/handlers.h"
#include "events/proofs/log_proofs.h"
#include "events/proofs/tiles.h"
#include "events/tree.h"

namespace jem::api {
namespace {

constexpr char kNoCheckpoints[] =
    "this server signs no checkpoints: start `jem serve` with --checkpoint-key (see docs/audit.md)";

void SendText(Exchange& ex, const std::string& text, const char* type = "text/plain; charset=utf-8") {
  ex.res.set_content(text, type);
}

}  // namespace

void LatestCheckpoint(Exchange& ex) {
  if (ex.s.checkpoints == nullptr) return SendError(ex.res, 404, kNoCheckpoints);
  auto note = ex.s.checkpoints->Latest();
  if (!note.ok()) return SendError(ex.res, note.status());
  ex.res.set_header("Cache-Control", "no-cache");
  SendText(ex, *note);
}

void HashTile(Exchange& ex) {
  // The index runs over several path segments (C2SP tlog-tiles); the path itself is parsed.
  auto tile = proofs::ParseTilePath(std::string_view(ex.req.path).substr(std::string_view("/tile/").size()));
  if (!tile.ok()) return SendError(ex.res, 404, tile.status().message());
  const uint64_t first = tile->index * proofs::kTileWidth;
  auto hashes = LogTree(ex.s.log).Level(uint8_t(tile->level * proofs::kTileHeight), first, tile->width);
  if (!hashes.ok()) {
    return SendError(ex.res, 404, "the log's tree has no such tile yet (" + hashes.status().message() + ")");
  }
  std::string body;
  for (const Hash& h : *hashes) body.append(reinterpret_cast<const char*>(h.data()), h.size());
  // A tile never changes once it can be served: a larger tree has its own, wider tiles.
  ex.res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  SendText(ex, body, "application/octet-stream");
}

void ConsistencyProof(Exchange& ex) {
  auto old_size = WholeNumber(ex, ex.Param("old"), "old", UINT64_MAX);
  auto new_size = old_size ? WholeNumber(ex, ex.Param("new"), "new", UINT64_MAX) : std::nullopt;
  if (!new_size) return;
  auto hashes = LogTree(ex.s.log).ConsistencyProof(*old_size, *new_size);
  if (!hashes.ok()) return SendError(ex.res, hashes.status().OnField(*old_size > *new_size ? "old" : "new"));
  SendText(ex, proofs::FormatConsistencyProof({*old_size, std::move(*hashes)}));
}

void InclusionProof(Exchange& ex) {
  auto position = WholeNumber(ex, ex.Param("position"), "position", UINT64_MAX);
  if (!position) return;
  if (ex.s.checkpoints == nullptr) return SendError(ex.res, 404, kNoCheckpoints);
  auto proof = proofs::ProveInclusion(ex.s.log, *position);
  if (!proof.ok()) {
    const Status& why = proof.status();
    return SendError(ex.res, why.code() == Status::Code::kInvalidArgument ? why.OnField("position") : why);
  }
  SendText(ex, *proof);
}

void AddCosignatures(Exchange& ex) {
  if (!ex.req.get_header_value("Content-Type").starts_with("text/plain")) {
    return SendError(ex.res, 415, "send the cosigned checkpoint as text/plain");
  }
  if (ex.s.checkpoints == nullptr) return SendError(ex.res, 404, kNoCheckpoints);
  auto kept = ex.s.checkpoints->AddCosignatures(ex.req.body);
  if (!kept.ok()) return SendError(ex.res, kept.status());
  SendJson(ex.res, Json{{"kept", *kept}});
}

}  // namespace jem::api
