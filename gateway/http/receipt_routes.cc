// GET /api/v1/public/receipts/{receipt}: the ticket a 202-answered generic message became.
#include "gateway/http/routes.h"
#include "gateway/intake/receipt.h"

namespace aduan::gateway {
namespace {

nlohmann::json OutcomeJson(const std::string& receipt, const IntakeOutcome& out) {
  if (out.rate_limited) {
    return {{"receipt", receipt}, {"status", "rate_limited"}, {"reply", out.reply}};
  }
  if (out.replayed) return {{"receipt", receipt}, {"status", "refused"}, {"reply", ""}};
  return {{"receipt", receipt},
          {"status", "processed"},
          {"ticket", out.ticket},
          {"duplicate", out.duplicate},
          {"reply", out.reply}};
}

}  // namespace

void RegisterReceiptRoutes(httplib::Server& server, GatewayContext& ctx) {
  server.Get(R"(/api/v1/public/receipts/([^/]+))", [&ctx](const httplib::Request& req,
                                                          httplib::Response& res) {
    const std::string receipt = req.matches[1];
    auto key = MessageKeyOfReceipt(receipt);
    if (!key) {
      // Appended rather than "literal" + string: GCC 12 at -O3 reports a false -Wrestrict.
      std::string message = "'";
      message += receipt.substr(0, 80);
      message += "' is not a receipt from POST /webhooks/generic";
      WriteError(res, 400, "invalid_receipt", message);
      return;
    }
    if (ctx.processor) {
      if (auto out = ctx.processor->OutcomeOfReceipt(receipt)) {
        WriteJson(res, 200, OutcomeJson(receipt, *out));
        return;
      }
      if (ctx.processor->IsPending(receipt)) {
        // Accepted and safe on disk; the ticket is made once the database takes it.
        WriteJson(res, 202, {{"receipt", receipt}, {"status", "pending"}});
        return;
      }
    }
    Guarded(res, [&] {
      // Receipts are given only by channels that answer inline; the key is theirs.
      std::string ticket;
      for (const auto& channel : channels::AllChannels()) {
        if (!channel.traits.answers_inline) continue;
        ticket = ctx.deps.store->TicketOfMessage(std::string(channel.name), *key);
        if (!ticket.empty()) break;
      }
      if (ticket.empty()) {
        WriteError(res, 404, "unknown_receipt",
                   "no message with this receipt was accepted (or it made no ticket)");
        return;
      }
      WriteJson(res, 200, {{"receipt", receipt}, {"status", "processed"}, {"ticket", ticket}});
    });
  });
}

}  // namespace aduan::gateway
