#include "gateway/http/web/labels.h"

#include <map>

#include "core/utf8.h"
#include "gateway/http/routes.h"
#include "gateway/tickets/sla.h"

namespace aduan::gateway::web {

using nlohmann::json;

std::string StatusLabel(const std::string& status) {
  static const std::map<std::string, std::string> kLabels = {
      {"received", "Diterima"}, {"routed", "Baru"},
      {"triage", "Triase"},     {"in_progress", "Diproses"},
      {"resolved", "Selesai"},  {"rejected", "Ditolak"},
      {"closed", "Ditutup"},    {"withdrawn", "Dibatalkan warga"},
  };
  auto it = kLabels.find(status);
  return it == kLabels.end() ? status : it->second;
}

std::string StatusLabel(core::TicketStatus status) {
  return StatusLabel(std::string(core::Name(status)));
}

std::string EventLabel(const std::string& kind) {
  auto parsed = core::ParseEventKind(kind);
  return parsed ? EventLabel(*parsed) : kind;
}

// A switch, so a new kind without a label does not compile (-Werror=switch).
std::string EventLabel(core::EventKind kind) {
  switch (kind) {
    case core::EventKind::kCreated:
      return "Aduan masuk";
    case core::EventKind::kResidentMessage:
      return "Tambahan dari warga";
    case core::EventKind::kAcked:
      return "Diambil dari antrean";
    case core::EventKind::kStatus:
      return "Status diubah";
    case core::EventKind::kReply:
      return "Balasan ke warga";
    case core::EventKind::kRouted:
      return "Diarahkan ke instansi";
    case core::EventKind::kReroute:
      return "Dialihkan";
    case core::EventKind::kNotOurAuthority:
      return "Bukan wewenang, dikembalikan";
    case core::EventKind::kReopen:
      return "Dibuka lagi";
    case core::EventKind::kClosed:
      return "Ditutup";
    case core::EventKind::kEscalation:
      return "Dieskalasi";
    case core::EventKind::kConsentGiven:
      return "Warga menyetujui laporan kader";
    case core::EventKind::kConsentRefused:
      return "Warga menolak laporan kader";
    case core::EventKind::kWithdrawn:
      return "Dibatalkan warga";
  }
  return std::string(core::Name(kind));
}

std::string AgeText(int64_t from_ms, int64_t now_ms) {
  int64_t minutes = std::max<int64_t>(0, now_ms - from_ms) / 60000;
  if (minutes < 60) return std::to_string(minutes) + " menit";
  if (minutes < 48 * 60) return std::to_string(minutes / 60) + " jam";
  return std::to_string(minutes / (24 * 60)) + " hari";
}

std::string DueText(const storage::TicketRecord& t, const GatewayConfig& config, int64_t now_ms) {
  SlaDeadline d = CurrentDeadline(t, config);
  if (d.target == SlaTarget::kNone || d.target == SlaTarget::kAutoClose) return "-";
  const WorkingCalendar& cal = config.sla.calendar;
  int64_t today = cal.LocalDay(now_ms);
  // The deadline is the midnight ending its last working day: that day is the one before.
  int64_t last = cal.LocalDay(d.due_at_ms - 1);
  int working = 0;
  if (last >= today) {
    for (int64_t day = today + 1; day <= last && working < 400; ++day) {
      if (cal.IsWorkingDay(day)) ++working;
    }
    return working == 0 ? "hari ini" : std::to_string(working) + " hari kerja lagi";
  }
  for (int64_t day = last + 1; day <= today && working < 400; ++day) {
    if (cal.IsWorkingDay(day)) ++working;
  }
  return "lewat " + std::to_string(std::max(working, 1)) + " hari kerja";
}

std::string PlaceText(const json& j) {
  auto text = [](const json& v) -> std::string {
    if (v.is_string()) return v.get<std::string>();
    if (!v.is_object()) return "";
    std::string out;
    for (const char* key : {"name", "address", "text", "kelurahan", "kecamatan"}) {
      if (v.contains(key) && v[key].is_string())
        out += (out.empty() ? "" : ", ") + v[key].get<std::string>();
    }
    if (out.empty() && v.contains("latitude") && v.contains("longitude")) {
      out = v["latitude"].dump() + ", " + v["longitude"].dump();
    }
    return out;
  };
  if (j.contains("place")) {
    if (std::string s = text(j["place"]); !s.empty()) return s;
  }
  if (j.contains("location")) return text(j["location"]);
  return "";
}

std::string AgencyName(const GatewayConfig& config, const std::string& code) {
  const AgencyConfig* a = config.FindAgency(code);
  return a ? a->name : code;
}

json QueueRow(const storage::TicketRecord& t, const GatewayConfig& config, int64_t now_ms) {
  json view = TicketWithSla(t, config, /*with_events=*/false);
  std::string text = view.value("text", "");
  if (text.size() > 140) {
    text = std::string(core::Utf8PrefixBytes(text, 140));
    text += "…";
  }
  std::string topic = view.contains("topic") && view["topic"].is_string()
                          ? view["topic"].get<std::string>()
                          : AgencyName(config, t.agency);
  return {{"id", t.id},
          {"status_label", StatusLabel(t.status)},
          {"age", AgeText(t.created_at_ms, now_ms)},
          {"due", DueText(t, config, now_ms)},
          {"topic", topic},
          {"place", PlaceText(view)},
          {"excerpt", text},
          {"urgent", t.urgent},
          {"overdue", t.overdue_since_ms > 0},
          {"anonymous", t.confidential},
          {"secret", t.content_private},
          {"residents", t.linked_count > 0 ? std::to_string(t.linked_count + 1) : ""}};
}

}  // namespace aduan::gateway::web
