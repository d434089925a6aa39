// The one route table: every route of the API and of the pages, with its handler. Above the
// handlers (api/, api/web/) it lists; the server hands it to them (Services::routes).
#pragma once

#include "api/routes.h"

namespace jem::api {

// jem's routes, built once.
const RouteTable& Routes();

}  // namespace jem::api
