// api: HTTP+JSON over the engine and projections. Built by the HTTP API issue; this header
// marks the layer.
#pragma once
