#include "gateway/tickets/ticket_json.h"

#include <algorithm>

#include "gateway/common/log.h"
#include "gateway/tickets/reporter_privacy.h"

namespace aduan::gateway {

using nlohmann::json;

namespace {

constexpr auto kReplaceInvalid = json::error_handler_t::replace;

// `s` as a JSON string: plain printable ASCII as is, anything else through the json library so
// escapes and the replacement of invalid UTF-8 are exactly its own.
void AppendString(std::string_view s, std::string* out) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char ch) {
    const auto u = static_cast<unsigned char>(ch);
    return u >= 0x20 && u < 0x7f && ch != '"' && ch != '\\';
  });
  if (plain) {
    out->push_back('"');
    out->append(s);
    out->push_back('"');
  } else {
    out->append(json(s).dump(-1, ' ', false, kReplaceInvalid));
  }
}

void AppendNumber(double v, std::string* out) { out->append(json(v).dump()); }

// Members of one JSON object appended to `out`, in the order they are given.
class ObjectText {
 public:
  explicit ObjectText(std::string* out) : out_(out) { out_->push_back('{'); }
  ~ObjectText() { out_->push_back('}'); }
  ObjectText(const ObjectText&) = delete;
  ObjectText& operator=(const ObjectText&) = delete;
  void String(std::string_view key, std::string_view value) {
    Key(key);
    AppendString(value, out_);
  }
  // Only when not empty: the dump leaves such members out.
  void StringIfAny(std::string_view key, std::string_view value) {
    if (!value.empty()) String(key, value);
  }
  void Number(std::string_view key, double value) {
    Key(key);
    AppendNumber(value, out_);
  }
  void Bool(std::string_view key, bool value) {
    Key(key);
    out_->append(value ? "true" : "false");
  }
  // The key of a member whose value the caller appends next.
  void Key(std::string_view key) {
    if (!first_) out_->push_back(',');
    first_ = false;
    out_->push_back('"');
    out_->append(key);
    out_->append("\":");
  }

 private:
  std::string* out_;
  bool first_ = true;
};

// `items` as a JSON array, each appended by `one(item, out)`.
template <class Items, class One>
void AppendArray(const Items& items, std::string* out, One one) {
  out->push_back('[');
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out->push_back(',');
    one(items[i], out);
  }
  out->push_back(']');
}

}  // namespace

// Members go in the order json's std::map gives them (sorted), so the text equals the dump.
std::string ClassificationText(const classifier::Classification& c) {
  std::string out;
  out.reserve(256 + 160 * c.matched.size());
  {
    ObjectText root(&out);
    root.String("agency", c.agency);
    root.Number("agency_score", c.agency_score);
    root.Key("candidates");
    AppendArray(c.candidates, &out, [](const classifier::Candidate& k, std::string* o) {
      ObjectText one(o);
      one.String("agency", k.agency);
      one.Number("score", k.score);
      one.String("topic", k.topic);
    });
    root.Key("maladministration");
    AppendArray(c.maladministration, &out,
                [](const std::string& code, std::string* o) { AppendString(code, o); });
    root.Key("matched");
    AppendArray(c.matched, &out, [](const classifier::Match& m, std::string* o) {
      ObjectText one(o);
      one.StringIfAny("matched_text", m.matched_text);
      one.String("rule", m.rule);
      one.StringIfAny("source", m.source);
      one.String("target", m.target);
      one.StringIfAny("topic", m.topic);
      one.Number("weight", m.weight);
    });
    root.String("topic", c.topic);
    root.Bool("triage", c.triage);
    root.Bool("urgent", c.urgent);
    if (c.urgent_override) root.Bool("urgent_override", true);
  }
  return out;
}

json ClassificationJson(const classifier::Classification& c) {
  // Parsed from the one writer, so the CLI's json and a ticket's stored explanation cannot
  // drift apart; the CLI classifies one line at a time and can afford the parse.
  return json::parse(ClassificationText(c));
}

json AgencyTicketJson(const storage::TicketRecord& t, bool with_events) {
  json j = {{"id", t.id},
            {"status", t.status},
            {"agency", t.agency},
            {"agency_score", t.agency_score},
            {"maladministration", t.maladministration},
            {"urgent", t.urgent},
            {"text", AgencyVisibleText(t.text, t)},
            {"channel", t.channel},
            {"created_at", FormatTime(t.created_at_ms)},
            {"updated_at", FormatTime(t.updated_at_ms)}};
  // Agencies reach residents through aduan only, so the sender's address is never shown.
  if (t.confidential) {
    j["reporter"] = {{"confidential", true}};
  } else if (!t.reporter_name.empty()) {
    j["reporter"] = {{"name", t.reporter_name}};
  }
  // Conversations and cadres: privacy, relay, consent, place and linked reports.
  // The resident's contact is never shown: it stays with aduan like every address.
  j["privacy"] = {{"anonymous", t.confidential}, {"secret", t.content_private}};
  if (!t.relayed_by.empty()) {
    j["relayed_by"] = t.confidential ? json{{"confidential", true}} : json{{"cadre", t.relayed_by}};
    j["consent"] = t.consent;
  }
  if (auto details = json::parse(t.details_json, nullptr, false); details.is_object()) {
    if (details.contains("location")) {
      j["location"] = details["location"];
    } else if (details.contains("photo_location")) {
      // The GPS of a photo the resident sent ({"latitude","longitude","source":"photo"}): a
      // hint, weaker than a location the resident shared, which replaces it.
      j["location"] = details["photo_location"];
    }
    if (details.contains("place")) j["place"] = details["place"];
  }
  if (!t.linked_to.empty()) j["linked_to"] = t.linked_to;
  if (t.linked_count > 0) j["reported_by_residents"] = t.linked_count + 1;
  auto explanation = json::parse(t.classification_json, nullptr, false);
  if (!explanation.is_discarded()) j["classification"] = explanation;
  // The service topic the classifier chose (catalogue code), beside the agency it led to.
  if (!t.topic.empty()) {
    j["topic"] = t.topic;
  } else if (explanation.is_object() && explanation.contains("topic") &&
             explanation["topic"].is_string() && !explanation["topic"].get<std::string>().empty()) {
    j["topic"] = explanation["topic"];
  }
  if (with_events) {
    json events = json::array();
    for (const auto& e : t.events) {
      json ev = {{"at", FormatTime(e.at_ms)}, {"actor", e.actor.Name()}, {"kind", e.kind}};
      if (!e.from_status.empty()) ev["from"] = e.from_status;
      if (!e.to_status.empty()) ev["to"] = e.to_status;
      if (!e.public_note.empty()) {
        ev["note"] = AgencyVisibleText(e.public_note, t);
      }
      if (!e.internal_note.empty()) ev["internal_note"] = AgencyVisibleText(e.internal_note, t);
      events.push_back(std::move(ev));
    }
    j["events"] = std::move(events);
  }
  return j;
}

json PublicTicketJson(const storage::TicketRecord& t, const GatewayConfig& config) {
  const AgencyConfig* agency = config.FindAgency(t.agency);
  return {{"id", t.id},
          {"status", t.status},
          {"agency", t.agency},
          {"agency_name", agency ? agency->name : t.agency},
          {"created_at", FormatTime(t.created_at_ms)},
          {"updated_at", FormatTime(t.updated_at_ms)}};
}

}  // namespace aduan::gateway
