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

// Great-circle distance in metres.
double DistanceMeters(const Coordinates& a, const Coordinates& b);

// What linking compares of one complaint, read once: the key terms of its text and of the
// place words in its details (sorted, each once), and the coordinates it was sent with.
// A new complaint is compared with each of its agency's recent tickets; building this once
// per ticket keeps that to one parse of each ticket's details and no set built per pair.
struct LinkKey {
  std::vector<std::string> terms;
  std::optional<Coordinates> coordinates;
};

// `details_json` is a ticket's stored details: {"place": "...", "location": {"latitude",
// "longitude", "label"}}; anything else in it, or details that are not JSON, add nothing.
LinkKey LinkKeyOf(std::string_view text, std::string_view details_json);

// Terms both keys hold.
int SharedTerms(const LinkKey& a, const LinkKey& b);

}  // namespace aduan::gateway::conversation

#endif  // ADUAN_GATEWAY_CONVERSATION_PLACE_H_
