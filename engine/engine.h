// engine: commands -> rules -> appends, and the reminder scheduler. Built by the command
// engine issue; this header marks the layer.
#pragma once
