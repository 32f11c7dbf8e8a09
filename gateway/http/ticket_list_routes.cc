// Ticket lists and the operator's desk: the agency's ticket list, the TRIAGE queue
// with the classifier's explanation, and tickets leased and abandoned too often.
#include <ctime>
#include <set>

#include "classifier/classifier.h"
#include "gateway/http/routes.h"
#include "gateway/tickets/sla.h"
#include "gateway/tickets/ticket_json.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

// Unix milliseconds, or "2026-11-23T10:00:00Z" (fraction optional). nullopt when neither.
std::optional<int64_t> ParseTime(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 16) {
    return std::stoll(s);
  }
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  int64_t ms = 0;
  if (*end == '.') {
    int digits = 0;
    for (++end; *end >= '0' && *end <= '9'; ++end) {
      if (digits++ < 3) ms = ms * 10 + (*end - '0');
    }
    while (digits++ < 3) ms *= 10;
  }
  if (std::string(end) != "Z") return std::nullopt;
  return int64_t{timegm(&tm)} * 1000 + ms;
}

// Reads ?limit=; writes 400 and returns false when it is not 1..max.
bool ReadLimit(const httplib::Request& req, int max, int* out, httplib::Response& res) {
  if (!req.has_param("limit")) return true;
  std::string v = req.get_param_value("limit");
  int limit = -1;
  if (!v.empty() && v.size() < 6 && v.find_first_not_of("0123456789") == std::string::npos) {
    limit = std::stoi(v);
  }
  if (limit < 1 || limit > max) {
    WriteError(res, 400, "invalid_field",
               "limit must be an integer from 1 to " + std::to_string(max));
    return false;
  }
  *out = limit;
  return true;
}

// Cursors are "<created_at ms>.<ticket id>" of the last ticket of the previous page.
std::string Cursor(const storage::TicketRecord& t) {
  return std::to_string(t.created_at_ms) + "." + t.id;
}
bool ParseCursor(const std::string& c, storage::TicketQuery* q) {
  auto dot = c.find('.');
  if (dot == std::string::npos || dot == 0 || dot > 15 || dot + 1 == c.size()) return false;
  if (c.find_first_not_of("0123456789") != dot) return false;
  q->before_created_ms = std::stoll(c.substr(0, dot));
  q->before_id = c.substr(dot + 1);
  return true;
}

const std::set<std::string>& KnownStatuses() {
  static const std::set<std::string> kStatuses = {"triage",   "routed",   "in_progress",
                                                  "resolved", "rejected", "closed"};
  return kStatuses;
}

}  // namespace

json TicketWithSla(const storage::TicketRecord& t, const GatewayConfig& config, bool with_events) {
  json j = AgencyTicketJson(t, with_events);
  SlaDeadline d = CurrentDeadline(t, config);
  json sla = {{"overdue", t.overdue_since_ms > 0}, {"escalation_level", t.escalation_level}};
  if (d.target != SlaTarget::kNone) {
    sla["target"] = SlaTargetName(d.target);
    sla["due_at"] = FormatTime(d.due_at_ms);
  }
  if (t.overdue_since_ms) sla["overdue_since"] = FormatTime(t.overdue_since_ms);
  j["sla"] = std::move(sla);
  return j;
}

void RegisterTicketListRoutes(httplib::Server& server, GatewayContext& ctx) {
  server.Get("/api/v1/tickets", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      auto who = RequireAuth(ctx, req, res);
      if (!who) return;
      storage::TicketQuery q;
      if (who->kind == Principal::Kind::kAgency) {
        q.agency = who->agency;
      } else if (req.has_param("agency")) {
        q.agency = req.get_param_value("agency");
      }
      if (req.has_param("status")) {
        std::string s = req.get_param_value("status");
        if (!KnownStatuses().count(s)) {
          WriteError(res, 400, "invalid_field",
                     "status must be triage, routed, in_progress, resolved, rejected or closed");
          return;
        }
        q.statuses = {s};
      }
      if (req.has_param("since")) {
        auto since = ParseTime(req.get_param_value("since"));
        if (!since) {
          WriteError(res, 400, "invalid_field",
                     "since must be a time like 2026-11-23T10:00:00Z or Unix milliseconds");
          return;
        }
        q.updated_since_ms = *since;
      }
      if (req.has_param("overdue")) {
        std::string v = req.get_param_value("overdue");
        if (v != "true" && v != "false") {
          WriteError(res, 400, "invalid_field", "overdue must be true or false");
          return;
        }
        q.overdue_only = v == "true";
      }
      if (req.has_param("cursor") && !ParseCursor(req.get_param_value("cursor"), &q)) {
        WriteError(res, 400, "invalid_cursor",
                   "cursor must be a 'next' value from a previous page");
        return;
      }
      if (!ReadLimit(req, 200, &q.limit, res)) return;
      auto tickets = ctx.deps.store->ListTickets(q);
      json out = json::array();
      for (const auto& t : tickets) out.push_back(TicketWithSla(t, *ctx.deps.config, false));
      json body = {{"tickets", out}};
      if (static_cast<int>(tickets.size()) == q.limit) body["next"] = Cursor(tickets.back());
      WriteJson(res, 200, body);
    });
  });

  server.Get("/api/v1/triage", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      storage::TicketQuery q;
      q.statuses = {"triage"};
      q.limit = 100;
      if (!ReadLimit(req, 500, &q.limit, res)) return;
      json out = json::array();
      for (const auto& summary : ctx.deps.store->ListTickets(q)) {
        auto t = ctx.deps.store->GetTicket(summary.id);
        if (!t) continue;
        // TicketWithSla carries "classification": the classifier's explanation of its doubt.
        json j = TicketWithSla(*t, *ctx.deps.config, /*with_events=*/true);
        for (auto e = t->events.rbegin(); e != t->events.rend(); ++e) {
          if (e->kind != core::EventKind::kNotOurAuthority) continue;
          j["returned_by"] = {{"actor", e->actor.Name()},
                              {"reason", e->internal_note},
                              {"at", FormatTime(e->at_ms)}};
          break;
        }
        out.push_back(std::move(j));
      }
      WriteJson(res, 200, {{"tickets", out}});
    });
  });

  server.Get("/api/v1/queue/flagged", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      int threshold = ctx.deps.config->max_abandoned_leases + 1;
      json out = json::array();
      for (const auto& e : ctx.deps.store->ListQueueEntries(threshold, 500)) {
        out.push_back({{"ticket", e.ticket_id},
                       {"agency", e.agency},
                       {"urgent", e.urgent},
                       {"lease_count", e.lease_count},
                       {"enqueued_at", FormatTime(e.enqueued_at_ms)}});
      }
      WriteJson(res, 200, {{"flagged", out}, {"max_abandoned_leases", threshold - 1}});
    });
  });
}

}  // namespace aduan::gateway
