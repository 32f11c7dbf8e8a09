// Where a complaint is and whether two complaints are about the same thing. Heuristics over
// Indonesian text and coordinates; pure functions, no I/O.
#ifndef ADUAN_GATEWAY_CONVERSATION_PLACE_H_
#define ADUAN_GATEWAY_CONVERSATION_PLACE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aduan::gateway::conversation {

struct Coordinates {
  double latitude = 0;
  double longitude = 0;
};

// True when the text names a place an officer could find: a street ("Jl. Merdeka", "jalan
// Raya Serang", "gang Mawar"), RT/RW, kelurahan/desa/kampung, a numbered address, or a
// landmark ("depan SDN 3", "dekat masjid", "pasar baru").
bool MentionsPlace(std::string_view text);

// The words that say what and where: lower case, without function words and politeness,
// "rt 02" read as one term "rt02".
std::vector<std::string> KeyTerms(std::string_view text);

// Terms two lists share (each counted once).
int SharedTerms(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Great-circle distance in metres.
double DistanceMeters(const Coordinates& a, const Coordinates& b);

// Coordinates stored in a ticket's details JSON ({"location": {"latitude", "longitude"}}).
std::optional<Coordinates> CoordinatesIn(const std::string& details_json);

// The place words stored in a ticket's details JSON: its "place" and the location's label.
std::string PlaceTextIn(const std::string& details_json);

}  // namespace aduan::gateway::conversation

#endif  // ADUAN_GATEWAY_CONVERSATION_PLACE_H_
