// What the route files share. Internal to gateway/: not part of any contract.
#ifndef ADUAN_GATEWAY_ROUTES_H_
#define ADUAN_GATEWAY_ROUTES_H_

#include <httplib.h>

#include <map>
#include <memory>
#include <string>

#include "channels/adapter.h"
#include "gateway/intake.h"
#include "gateway/metrics.h"
#include "gateway/server.h"

namespace aduan::gateway {

struct GatewayContext {
  ServerDeps deps;
  std::unique_ptr<IntakePipeline> intake;
  std::map<std::string, std::unique_ptr<channels::ChannelAdapter>, std::less<>> adapters;
  std::string admin_token;
  std::string public_base_url;
  Metrics metrics;
};

void RegisterSystemRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterWebhookRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterAgencyRoutes(httplib::Server& server, GatewayContext& ctx);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_ROUTES_H_
