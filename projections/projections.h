// projections: pure folds from events to the views people read (action board, follow-up
// reports, registers). Built by the projections issue; this header marks the layer.
#pragma once
