#include "gateway/http/server.h"

#include <strings.h>

#include <algorithm>
#include <thread>

#include "channels/adapter.h"
#include "channels/util.h"
#include "core/message.h"
#include "gateway/common/log.h"
#include "gateway/http/held_answer.h"
#include "gateway/http/http_front.h"
#include "gateway/http/http_util.h"
#include "gateway/http/routes.h"
#include "gateway/intake/journal/journal.h"

namespace aduan::gateway {
namespace {

// The traits of the channel a /webhooks/{channel} path names; null for any other path.
const channels::ChannelTraits* WebhookTraits(std::string_view path) {
  constexpr std::string_view kWebhooks = "/webhooks/";
  if (path.substr(0, kWebhooks.size()) != kWebhooks) return nullptr;
  return &channels::TraitsOf(path.substr(kWebhooks.size()));
}

// Releases an answer held on a journal record once the record is synced (or lost).
class JournalAnswerGate final : public AnswerGate {
 public:
  explicit JournalAnswerGate(journal::Journal* journal) : journal_(journal) {}
  State Check(uint64_t seq) const override {
    switch (journal_->StateOf(seq)) {
      case journal::Durability::kDurable:
        return State::kReady;
      case journal::Durability::kLost:
        return State::kFailed;
      case journal::Durability::kPending:
        break;
    }
    return State::kPending;
  }
  void SetWake(std::function<void()> wake) override { journal_->SetSyncListener(std::move(wake)); }

 private:
  journal::Journal* journal_;
};

}  // namespace

struct GatewayServer::Impl {
  GatewayContext ctx;
  RoutingServer http;
  std::unique_ptr<AnswerGate> gate;
  std::unique_ptr<HttpFront> front;  // after `gate`: destroyed first, it unhooks the gate
};

bool SplitHostPort(const std::string& listen, std::string* host, int* port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
  std::string h = listen.substr(0, colon);
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  int p = 0;
  for (char c : listen.substr(colon + 1)) {
    if (c < '0' || c > '9') return false;
    p = p * 10 + (c - '0');
    if (p > 65535) return false;
  }
  *host = h;
  *port = p;
  return true;
}

GatewayServer::GatewayServer(ServerDeps deps) : impl_(std::make_unique<Impl>()) {
  GatewayContext& ctx = impl_->ctx;
  ctx.deps = std::move(deps);
  const GatewayConfig& cfg = *ctx.deps.config;
  ctx.intake = std::make_unique<IntakePipeline>(ctx.deps.config, ctx.deps.store,
                                                ctx.deps.classifier, ctx.deps.clock);
  for (const auto& reg : channels::AllChannels()) {
    if (auto adapter = reg.make(ctx.deps.env))
      ctx.adapters.emplace(std::string(reg.name), std::move(adapter));
  }
  std::map<std::string, const channels::ChannelAdapter*> senders;
  for (const auto& [name, adapter] : ctx.adapters) senders.emplace(name, adapter.get());
  ctx.dispatcher =
      std::make_unique<OutboxDispatcher>(ctx.deps.store, senders, ctx.deps.env, ctx.deps.clock);
  MediaWorkerOptions media_options;
  media_options.limits = cfg.media;
  ctx.media = std::make_unique<MediaWorker>(ctx.deps.store, senders, ctx.deps.env, ctx.deps.clock,
                                            media_options);
  ctx.sla = std::make_unique<SlaScanner>(ctx.deps.config, ctx.deps.store, ctx.deps.store,
                                         ctx.deps.clock, &ctx.metrics);
  if (ctx.deps.journal) {
    IntakeProcessorOptions options;
    options.batch_records = static_cast<size_t>(cfg.intake.batch_records);
    options.lanes = cfg.intake.lanes;
    options.priority = cfg.intake.processor_priority;
    options.journal_id = ctx.deps.journal_id;
    OutboxDispatcher* dispatcher = ctx.dispatcher.get();
    ctx.processor = std::make_unique<IntakeProcessor>(
        ctx.deps.journal, ctx.intake.get(), &ctx.metrics, ctx.deps.clock,
        [dispatcher] { dispatcher->Wake(); }, options);
    ctx.processor->SetPositionStore(ctx.deps.store);
    GatewayContext* context = &ctx;
    ctx.processor->SetStatusRecorder([context](const core::DeliveryStatus& st, int64_t now) {
      bool matched = context->deps.store->RecordDeliveryStatus(
          st.channel, st.provider_message_id, st.status, st.error, st.at_ms ? st.at_ms : now, now);
      context->metrics.Count("aduan_delivery_statuses_total",
                             "channel=\"" + st.channel + "\",status=\"" + st.status +
                                 "\",matched=\"" + (matched ? "yes" : "no") + "\"");
    });
  }
  ctx.admin_token = ctx.deps.env("ADUAN_ADMIN_TOKEN").value_or("");
  ctx.public_base_url = ctx.deps.env("ADUAN_PUBLIC_BASE_URL").value_or("");
  SeedConfiguredCadres(ctx);

  httplib::Server& http = impl_->http;
  // The front frames requests and enforces each path's body limit; httplib sees only bodies
  // that passed it, so its own limit is the largest any path allows.
  http.set_keep_alive_max_count(cfg.keep_alive_max_requests);
  http.set_keep_alive_timeout(cfg.keep_alive_seconds);
  http.set_payload_max_length(std::max(cfg.max_body_bytes, cfg.max_email_body_bytes));
  FrontLimits limits;
  limits.workers = cfg.http_threads;
  limits.event_threads = cfg.http_event_threads > 0
                             ? cfg.http_event_threads
                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  limits.header_timeout_ms = cfg.header_timeout_seconds * 1000;
  limits.body_timeout_ms = cfg.body_timeout_seconds * 1000;
  limits.idle_timeout_ms = cfg.keep_alive_seconds * 1000;
  limits.write_timeout_ms = cfg.read_timeout_seconds * 1000;
  limits.max_connections = cfg.max_connections;
  limits.max_connections_per_address = cfg.max_connections_per_address;
  limits.max_requests_per_connection = cfg.keep_alive_max_requests;
  GatewayContext* context = &ctx;
  auto body_limit = [context](std::string_view, std::string_view path) -> size_t {
    const GatewayConfig& c = *context->deps.config;
    const channels::ChannelTraits* traits = WebhookTraits(path);
    return traits && traits->posts_attachments ? c.max_email_body_bytes : c.max_body_bytes;
  };
  impl_->front = std::make_unique<HttpFront>(&impl_->http, limits, body_limit, &ctx.metrics);
  if (ctx.deps.journal) {
    impl_->gate = std::make_unique<JournalAnswerGate>(ctx.deps.journal);
    impl_->front->SetAnswerGate(impl_->gate.get());
    // A provider's webhook acknowledged once it is in the journal is verified, parsed and
    // appended on the event thread that read it: no hand-off to a worker and back. The route
    // passes anything that would wait (see webhook_routes.cc) to a worker. Whole emails with
    // attachments (megabytes to parse) go to a worker from the start, so as not to hold up the
    // other connections of their event thread.
    impl_->front->SetInlineRoutes([context](std::string_view, std::string_view path) {
      const channels::ChannelTraits* traits = WebhookTraits(path);
      return traits && context->deps.config->intake.provider_wait_ms == 0 &&
             !traits->answers_inline && !traits->posts_attachments;
    });
  }

  // Everything cpp-httplib answers by itself (404, 413, 400 on a broken request line) still
  // gets API.md's JSON error body.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                 httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    switch (res.status) {
      case 404:
        WriteError(res, 404, "not_found", "no such path: " + req.method + " " + req.path);
        break;
      case 405:
        WriteError(res, 405, "method_not_allowed", req.method + " is not allowed on " + req.path);
        break;
      case 413:
        WriteError(res, 413, "body_too_large", "request body is over the configured limit");
        break;
      default:
        WriteError(res, res.status, "bad_request", "the request could not be read");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const storage::StoreError& e) {
          // Storage trouble is temporary by nature: the client should retry, not give up.
          Log(LogLevel::kError, "storage failed", {{"path", req.path}, {"error", e.what()}});
          res.set_header("Retry-After", "5");
          WriteError(res, 503, "storage_unavailable", "storage is unavailable; retry later");
          return;
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        Log(LogLevel::kError, "unhandled exception", {{"path", req.path}, {"error", what}});
        WriteError(res, 500, "internal", "internal error; nothing was stored for this request");
      });
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    if (res.status < 400) return;  // successes are counted in /metrics, not logged one by one
    Log(res.status >= 500 ? LogLevel::kError : LogLevel::kWarn, "request refused",
        {{"method", req.method},
         {"path", req.path},
         {"status", res.status},
         {"remote", req.remote_addr},
         {"body", channels::Excerpt(res.body, 300)}});
  });

  // cpp-httplib 0.11 parses a multipart/form-data body into req.files and leaves req.body
  // empty, but adapters must see the bytes the provider sent. Before the body is read, hide
  // the multipart type from httplib so it keeps the raw body; webhook routes restore it.
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    if (req.path.rfind("/webhooks/", 0) == 0) {
      std::string type = req.get_header_value("Content-Type");
      if (type.size() >= 19 && strncasecmp(type.c_str(), "multipart/form-data", 19) == 0) {
        // The Request object is httplib's own, non-const; the handler type is merely const.
        auto& headers = const_cast<httplib::Headers&>(req.headers);
        headers.erase("Content-Type");
        headers.emplace("Content-Type", "application/octet-stream");
        headers.emplace(kOriginalContentType, type);
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  RegisterSystemRoutes(http, ctx);
  RegisterWebhookRoutes(http, ctx);
  RegisterAgencyRoutes(http, ctx);
  RegisterOperatorRoutes(http, ctx);
  RegisterLifecycleRoutes(http, ctx);
  RegisterTicketListRoutes(http, ctx);
  RegisterKeyRoutes(http, ctx);
  RegisterSlaRoutes(http, ctx);
  RegisterCadreRoutes(http, ctx);
  RegisterWebRoutes(http, ctx);
  RegisterOpen311Routes(http, ctx);
  RegisterMediaRoutes(http, ctx);
  RegisterReceiptRoutes(http, ctx);
}

GatewayServer::~GatewayServer() { Stop(); }

int GatewayServer::Bind(const std::string& host, int port, std::string* error) {
  return impl_->front->Bind(host, port, error);
}

bool GatewayServer::Serve() {
  if (impl_->ctx.deps.run_dispatcher) impl_->ctx.dispatcher->Start();
  if (impl_->ctx.deps.run_dispatcher) impl_->ctx.media->Start();
  if (impl_->ctx.deps.run_sla_scanner) impl_->ctx.sla->Start();
  if (impl_->ctx.processor) impl_->ctx.processor->Start();
  bool ok = impl_->front->Serve();
  if (impl_->ctx.processor) impl_->ctx.processor->Stop();
  impl_->ctx.sla->Stop();
  impl_->ctx.dispatcher->Stop();
  impl_->ctx.media->Stop();
  return ok;
}

void GatewayServer::Stop() { impl_->front->Stop(); }

OutboxDispatcher& GatewayServer::dispatcher() { return *impl_->ctx.dispatcher; }

MediaWorker& GatewayServer::media_worker() { return *impl_->ctx.media; }

SlaScanner& GatewayServer::sla_scanner() { return *impl_->ctx.sla; }

std::vector<std::string> GatewayServer::EnabledChannels() const {
  std::vector<std::string> names;
  for (const auto& [name, adapter] : impl_->ctx.adapters) names.push_back(name);
  return names;
}

}  // namespace aduan::gateway
