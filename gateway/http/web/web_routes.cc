// The web inbox's entry point: its state, kept in the gateway context, and its routes.
#include "gateway/http/web/web_context.h"

namespace aduan::gateway {

void RegisterWebRoutes(httplib::Server& server, GatewayContext& ctx) {
  // Owned by the gateway context, which outlives the server and so every handler below.
  auto w = std::make_shared<web::WebContext>();
  w->gw = &ctx;
  w->secure_cookies = ctx.public_base_url.rfind("https://", 0) == 0;
  ctx.web = w;
  web::RegisterInboxRoutes(server, *w);
  web::RegisterTicketPageRoutes(server, *w);
  web::RegisterOperatorPageRoutes(server, *w);
}

}  // namespace aduan::gateway
