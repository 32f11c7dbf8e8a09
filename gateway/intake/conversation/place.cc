#include "gateway/intake/conversation/place.h"

#include <re2/re2.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "classifier/normalize.h"

namespace aduan::gateway::conversation {

bool MentionsPlace(std::string_view text) {
  // "jalan" alone is the thing complained about ("jalan rusak"); a street is "jl." or
  // "jalan" followed by a capitalised name, so that case is checked on the original text.
  static const RE2 kStreet(R"((?:^|[^A-Za-z])(?:[Jj][Ll][Nn]?\.?\s+\w|[Jj]alan\s+[A-Z0-9]))");
  static const RE2 kPlace(
      R"((?i)(?:^|[^a-z])(?:rt|rw)\s*\.?\s*\d|(?:^|[^a-z])(?:gg|gang|kel|kelurahan|desa|kampung|)"
      R"(kp|dusun|kecamatan|kec|komplek|kompleks|perum|perumahan|blok|no)\.?\s+\w|)"
      R"((?:^|[^a-z])(?:depan|dekat|samping|belakang|seberang|sebelah|ujung|pojok|pinggir)\s+\w|)"
      R"((?:^|[^a-z])(?:pasar|masjid|musholla|mushola|gereja|sdn?|smpn?|sman?|smkn?|sekolah|)"
      R"(puskesmas|rsud|terminal|stasiun|alun-alun|alun|taman|lapangan|simpang|perempatan|)"
      R"(pertigaan|jembatan|bundaran|kantor|balai)(?:[^a-z]|$))");
  re2::StringPiece piece(text.data(), text.size());
  return RE2::PartialMatch(piece, kStreet) || RE2::PartialMatch(piece, kPlace);
}

std::vector<std::string> KeyTerms(std::string_view text) {
  static const std::set<std::string> kStop = {
      "yang",  "dan",    "di",      "ke",     "dari",   "ini",    "itu",    "ada",   "sudah",
      "udah",  "sdh",    "belum",   "blm",    "tidak",  "tdk",    "gak",    "nggak", "ga",
      "mohon", "tolong", "segera",  "pak",    "bu",     "bapak",  "ibu",    "min",   "kak",
      "saya",  "kami",   "kita",    "warga",  "sangat", "sekali", "banget", "bgt",   "juga",
      "lagi",  "karena", "untuk",   "dengan", "pada",   "akan",   "bisa",   "dong",  "nih",
      "sih",   "ya",     "terima",  "kasih",  "hari",   "minggu", "bulan",  "tahun", "sejak",
      "masih", "jadi",   "atau",    "oleh",   "agar",   "supaya", "para",   "dinas", "pemerintah",
      "lapor", "aduan",  "keluhan", "the",    "and",    "near",   "please"};
  std::vector<std::string> words = classifier::Tokenize(text);
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if ((w == "rt" || w == "rw") && i + 1 < words.size() &&
        std::isdigit(static_cast<unsigned char>(words[i + 1][0]))) {
      std::string n = words[i + 1];
      while (n.size() > 1 && n[0] == '0') n.erase(0, 1);
      out.push_back(w + n);
      ++i;
      continue;
    }
    if (w.size() < 3 || kStop.count(w)) continue;
    out.push_back(w);
  }
  return out;
}

int SharedTerms(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> left(a.begin(), a.end());
  std::set<std::string> seen;
  int n = 0;
  for (const auto& t : b) {
    if (left.count(t) && seen.insert(t).second) ++n;
  }
  return n;
}

double DistanceMeters(const Coordinates& a, const Coordinates& b) {
  constexpr double kEarthRadius = 6371000.0;
  constexpr double kRad = M_PI / 180.0;
  double dlat = (b.latitude - a.latitude) * kRad;
  double dlon = (b.longitude - a.longitude) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(a.latitude * kRad) *
                                                           std::cos(b.latitude * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

std::optional<Coordinates> CoordinatesIn(const std::string& details_json) {
  auto j = nlohmann::json::parse(details_json, nullptr, false);
  if (!j.is_object() || !j.contains("location") || !j["location"].is_object()) return std::nullopt;
  const auto& loc = j["location"];
  if (!loc.contains("latitude") || !loc["latitude"].is_number() || !loc.contains("longitude") ||
      !loc["longitude"].is_number()) {
    return std::nullopt;
  }
  return Coordinates{loc["latitude"].get<double>(), loc["longitude"].get<double>()};
}

std::string PlaceTextIn(const std::string& details_json) {
  auto j = nlohmann::json::parse(details_json, nullptr, false);
  if (!j.is_object()) return "";
  std::string out;
  if (j.contains("place") && j["place"].is_string()) out = j["place"].get<std::string>();
  if (j.contains("location") && j["location"].is_object() && j["location"].contains("label") &&
      j["location"]["label"].is_string()) {
    out += (out.empty() ? "" : " ") + j["location"]["label"].get<std::string>();
  }
  return out;
}

}  // namespace aduan::gateway::conversation
