#include "gateway/intake/conversation/place.h"

#include <re2/re2.h>

#include <algorithm>
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

LinkKey LinkKeyOf(std::string_view text, std::string_view details_json) {
  LinkKey key;
  std::string words(text);
  // Most tickets carry no place: their details are "{}", and parsing them would be most of
  // the cost of comparing a complaint with its agency's recent tickets.
  const bool placed = details_json.find("\"place\"") != std::string_view::npos ||
                      details_json.find("\"location\"") != std::string_view::npos;
  if (placed) {
    const auto j = nlohmann::json::parse(details_json, nullptr, false);
    if (j.is_object()) {
      auto place = j.find("place");
      if (place != j.end() && place->is_string()) words += " " + place->get<std::string>();
      auto loc = j.find("location");
      if (loc != j.end() && loc->is_object()) {
        auto label = loc->find("label");
        if (label != loc->end() && label->is_string()) words += " " + label->get<std::string>();
        auto lat = loc->find("latitude");
        auto lon = loc->find("longitude");
        if (lat != loc->end() && lat->is_number() && lon != loc->end() && lon->is_number()) {
          key.coordinates = Coordinates{lat->get<double>(), lon->get<double>()};
        }
      }
    }
  }
  key.terms = KeyTerms(words);
  std::sort(key.terms.begin(), key.terms.end());
  key.terms.erase(std::unique(key.terms.begin(), key.terms.end()), key.terms.end());
  return key;
}

int SharedTerms(const LinkKey& a, const LinkKey& b) {
  int n = 0;
  auto i = a.terms.begin();
  auto j = b.terms.begin();
  while (i != a.terms.end() && j != b.terms.end()) {
    const int c = i->compare(*j);
    if (c == 0) ++n;
    if (c <= 0) ++i;
    if (c >= 0) ++j;
  }
  return n;
}

}  // namespace aduan::gateway::conversation
