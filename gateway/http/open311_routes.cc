// Open311 GeoReport v2, the read side: /open311/v2/services.json, /open311/v2/requests.json and
// /open311/v2/requests/{id}.json, so city dashboards and civic tools read aduan without custom
// code. Public data only: no reporter, no phone or address, no text of a ticket the resident
// asked to keep secret or whose reporter is anonymous, no media. Services are the service
// topics of the classifier's catalogue (a ticket's service is its topic; the agency it is with
// is `agency_responsible`); statuses map to open/closed. As an extension, `service_code` also
// accepts an agency code, selecting that agency's requests.
#include <algorithm>
#include <ctime>
#include <memory>

#include "classifier/classifier.h"
#include "classifier/topics.h"
#include "gateway/http/routes.h"
#include "gateway/http/web/charts.h"
#include "gateway/http/web/labels.h"
#include "gateway/tickets/sla.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

// A W3C date-time ("2026-11-23T10:00:00Z", "2026-11-23T17:00:00+07:00", fraction optional) or
// a date ("2026-11-23", midnight UTC). nullopt when neither.
std::optional<int64_t> ParseW3cTime(const std::string& s) {
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%Y-%m-%d", &tm);
  if (end == nullptr) return std::nullopt;
  if (*end == '\0') return int64_t{timegm(&tm)} * 1000;
  end = strptime(end, "T%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  if (*end == '.') {
    for (++end; *end >= '0' && *end <= '9'; ++end) {
    }
  }
  int64_t offset_s = 0;
  std::string zone = end;
  if (zone == "Z") {
    offset_s = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             isdigit(zone[1]) && isdigit(zone[2]) && isdigit(zone[4]) && isdigit(zone[5])) {
    offset_s = ((zone[1] - '0') * 10 + (zone[2] - '0')) * 3600 +
               ((zone[4] - '0') * 10 + (zone[5] - '0')) * 60;
    if (zone[0] == '-') offset_s = -offset_s;
  } else {
    return std::nullopt;
  }
  return (int64_t{timegm(&tm)} - offset_s) * 1000;
}

// One service request as GeoReport v2 names its fields.
json RequestJson(const storage::TicketRecord& t, const GatewayConfig& config,
                 const classifier::TopicCatalogue& topics) {
  json view = TicketWithSla(t, config, /*with_events=*/true);
  const bool unrouted = t.agency == classifier::kTriage;
  const classifier::Topic* topic = topics.Find(t.topic);
  json r = {{"service_request_id", t.id},
            {"status", core::IsOpen(t.status) ? "open" : "closed"},
            {"service_code", topic ? topic->code : ""},
            {"service_name", topic ? topic->name : ""},
            {"agency_responsible", unrouted ? "" : web::AgencyName(config, t.agency)},
            {"requested_datetime", view.value("created_at", "")},
            {"updated_datetime", view.value("updated_at", "")},
            {"service_notice", ""},
            {"media_url", ""}};
  // The complaint's words only when nobody asked for secrecy or anonymity: a confidential
  // complaint's text may still say who and where in ways no redaction catches.
  const bool private_ticket = t.content_private || t.confidential;
  r["description"] = private_ticket ? "" : view.value("text", "");
  std::string notes;
  if (!private_ticket && view.contains("events")) {
    for (const auto& e : view["events"]) {
      if (e.contains("note") && e.value("actor", "") != core::Actor::Resident().Name())
        notes = e["note"];
    }
  }
  r["status_notes"] = notes;
  SlaDeadline due = CurrentDeadline(t, config);
  r["expected_datetime"] =
      due.target == SlaTarget::kRoute || due.target == SlaTarget::kFirstResponse
          ? json(FormatTime(due.due_at_ms))
          : json("");
  if (!private_ticket) {
    r["address"] = web::PlaceText(view);
    if (view.contains("location") && view["location"].is_object()) {
      const json& loc = view["location"];
      if (loc.contains("latitude") && loc["latitude"].is_number()) r["lat"] = loc["latitude"];
      if (loc.contains("longitude") && loc["longitude"].is_number()) r["long"] = loc["longitude"];
    }
  }
  return r;
}

// GeoReport v2's XML form of a list of flat objects: <list><item><field>text</field>...
void WriteList(httplib::Response& res, const json& items, bool xml, const char* list,
               const char* item) {
  if (!xml) return WriteJson(res, 200, items);
  // Built by appending: "literal" + std::string trips GCC 12's false -Wrestrict at -O3.
  auto open_tag = [](std::string* out, std::string_view tag) {
    out->append("<").append(tag).append(">");
  };
  auto close_tag = [](std::string* out, std::string_view tag) {
    out->append("</").append(tag).append(">");
  };
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  open_tag(&out, list);
  for (const auto& i : items) {
    open_tag(&out, item);
    for (auto it = i.begin(); it != i.end(); ++it) {
      std::string value = it->is_string() ? it->get<std::string>() : it->dump();
      open_tag(&out, it.key());
      out += web::XmlEscape(value);
      close_tag(&out, it.key());
    }
    close_tag(&out, item);
  }
  close_tag(&out, list);
  out += "\n";
  res.status = 200;
  res.set_content(out, "text/xml; charset=utf-8");
}

void Services(const classifier::TopicCatalogue& topics, httplib::Response& res, bool xml) {
  json out = json::array();
  for (const auto& t : topics.topics) {
    std::string keywords;
    for (const auto& k : t.keywords) keywords += (keywords.empty() ? "" : ",") + k;
    out.push_back({{"service_code", t.code},
                   {"service_name", t.name},
                   {"description", t.description},
                   {"metadata", false},
                   {"type", "realtime"},
                   {"keywords", keywords},
                   {"group", t.group}});
  }
  WriteList(res, out, xml, "services", "service");
}

void Requests(GatewayContext& ctx, const classifier::TopicCatalogue& topics,
              const httplib::Request& req, httplib::Response& res, bool xml) {
  const GatewayConfig& cfg = *ctx.deps.config;
  storage::TicketQuery q;
  q.limit = 1000;  // GeoReport v2: at most 1000 requests per answer
  auto param = [&](const char* k) { return req.has_param(k) ? req.get_param_value(k) : ""; };
  std::vector<std::string> codes;
  for (size_t pos = 0, end; pos <= param("service_code").size(); pos = end + 1) {
    std::string list = param("service_code");
    end = list.find(',', pos);
    if (end == std::string::npos) end = list.size();
    if (end > pos) codes.push_back(list.substr(pos, end - pos));
  }
  std::vector<std::string> topic_codes, agency_codes;
  for (const auto& c : codes) {
    if (topics.Find(c)) {
      topic_codes.push_back(c);
    } else if (cfg.FindAgency(c) && c != classifier::kTriage) {
      agency_codes.push_back(c);
    } else {
      WriteError(res, 400, "invalid_field",
                 "service_code '" + c + "' is not a service (see services.json)");
      return;
    }
  }
  auto wanted = [&](const storage::TicketRecord& t) {
    if (codes.empty()) return true;
    return std::find(topic_codes.begin(), topic_codes.end(), t.topic) != topic_codes.end() ||
           std::find(agency_codes.begin(), agency_codes.end(), t.agency) != agency_codes.end();
  };
  const std::string status = param("status");
  if (!status.empty() && status != "open" && status != "closed") {
    WriteError(res, 400, "invalid_field", "status must be open or closed");
    return;
  }
  int64_t start = 0, end = 0;
  for (auto [name, out] : {std::pair{"start_date", &start}, std::pair{"end_date", &end}}) {
    if (param(name).empty()) continue;
    auto t = ParseW3cTime(param(name));
    if (!t) {
      WriteError(res, 400, "invalid_field",
                 std::string(name) + " must be a W3C date-time like 2026-11-23T10:00:00+07:00");
      return;
    }
    *out = *t;
  }
  // Without dates, GeoReport v2 answers the last 90 days.
  if (start == 0 && end == 0) start = ctx.deps.clock() - 90LL * 24 * 3600 * 1000;
  if (agency_codes.size() == 1 && topic_codes.empty()) q.agency = agency_codes[0];
  json out = json::array();
  for (const auto& t : ctx.deps.store->ListTickets(q)) {
    if (t.status == core::TicketStatus::kWithdrawn)
      continue;  // the resident took it back: not a public request
    if (!wanted(t)) continue;
    if (!status.empty() && (status == "open") != core::IsOpen(t.status)) continue;
    if (start && t.created_at_ms < start) continue;
    if (end && t.created_at_ms > end) continue;
    auto full = ctx.deps.store->GetTicket(t.id);
    if (full) out.push_back(RequestJson(*full, cfg, topics));
  }
  WriteList(res, out, xml, "service_requests", "request");
}

}  // namespace

void RegisterOpen311Routes(httplib::Server& server, GatewayContext& ctx) {
  // The catalogue the classifier was configured with; without one there are no services.
  auto topics = std::make_shared<classifier::TopicCatalogue>();
  if (const std::string& path = ctx.deps.config->classifier.topics_path; !path.empty()) {
    std::string error;
    if (!classifier::LoadTopicCatalogue(path, topics.get(), &error)) {
      Log(LogLevel::kWarn, "Open311 serves no services: the topic catalogue did not load",
          {{"error", error}});
      topics->topics.clear();
    }
  }
  // Each resource answers as .json or .xml (req.matches[1] is the format).
  server.Get(R"(/open311/v2/services\.(json|xml))",
             [topics](const httplib::Request& req, httplib::Response& res) {
               Guarded(res, [&] { Services(*topics, res, req.matches[1] == "xml"); });
             });
  server.Get(R"(/open311/v2/requests\.(json|xml))",
             [&ctx, topics](const httplib::Request& req, httplib::Response& res) {
               Guarded(res, [&] { Requests(ctx, *topics, req, res, req.matches[1] == "xml"); });
             });
  server.Get(R"(/open311/v2/requests/([^/]+)\.(json|xml))",
             [&ctx, topics](const httplib::Request& req, httplib::Response& res) {
               Guarded(res, [&] {
                 auto id = TicketIdFromPath(req, res);
                 if (!id) return;
                 auto t = ctx.deps.store->GetTicket(*id);
                 if (!t || t->status == core::TicketStatus::kWithdrawn) {
                   WriteError(res, 404, "not_found", "no service request " + *id);
                   return;
                 }
                 // GeoReport v2 answers a single request as a list of one.
                 WriteList(res, json::array({RequestJson(*t, *ctx.deps.config, *topics)}),
                           req.matches[2] == "xml", "service_requests", "request");
               });
             });
}

}  // namespace aduan::gateway
