#include "gateway/intake/intake_entry.h"

#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "core/message.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

constexpr int kVersion = 1;

}  // namespace

std::string EncodeEntry(const IntakeEntry& e) {
  const core::InboundMessage& m = e.message;
  json j = {{"v", kVersion},
            {"at", e.received_at_ms},
            {"receipt", e.receipt},
            {"channel", m.channel},
            {"id", m.provider_message_id},
            {"sender", m.sender},
            {"name", m.display_name},
            {"text", m.text},
            {"subject", m.subject},
            {"reply_address", m.reply_address},
            {"our_address", m.our_address},
            {"in_reply_to", m.in_reply_to},
            {"is_edit", m.is_edit},
            {"edits", m.edits_message_id},
            {"sent_at", m.sent_at_ms},
            {"replay_token", m.replay_token}};
  json media = json::array();
  for (const auto& x : m.media) {
    json one = {x.kind, x.reference, x.mime_type, x.filename, x.size_bytes, x.content_id};
    // An email attachment's bytes travel with the message; base64 because JSON strings must be
    // UTF-8 and a photo is not.
    if (!x.bytes.empty()) one.push_back(core::Base64Encode(x.bytes));
    media.push_back(std::move(one));
  }
  j["media"] = std::move(media);
  if (m.location) {
    j["location"] = {m.location->latitude, m.location->longitude, m.location->name,
                     m.location->address};
  }
  if (m.contact) j["contact"] = {m.contact->phone, m.contact->name, m.contact->is_sender};
  if (e.status) {
    j["status"] = {e.status->channel, e.status->provider_message_id, e.status->status,
                   e.status->error, e.status->at_ms};
  }
  // Provider bytes are not always valid UTF-8; the journal keeps them as replacement marks,
  // exactly as the database would.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<IntakeEntry> DecodeEntry(const std::string& payload) {
  json j = json::parse(payload, nullptr, false);
  if (!j.is_object() || j.value("v", 0) != kVersion) return std::nullopt;
  try {
    IntakeEntry e;
    core::InboundMessage& m = e.message;
    e.received_at_ms = j.at("at").get<int64_t>();
    e.receipt = j.at("receipt").get<std::string>();
    m.channel = j.at("channel").get<std::string>();
    m.provider_message_id = j.at("id").get<std::string>();
    m.sender = j.at("sender").get<std::string>();
    m.display_name = j.at("name").get<std::string>();
    m.text = j.at("text").get<std::string>();
    m.subject = j.at("subject").get<std::string>();
    m.reply_address = j.at("reply_address").get<std::string>();
    m.our_address = j.at("our_address").get<std::string>();
    m.in_reply_to = j.at("in_reply_to").get<std::vector<std::string>>();
    m.is_edit = j.at("is_edit").get<bool>();
    m.edits_message_id = j.at("edits").get<std::string>();
    m.sent_at_ms = j.at("sent_at").get<int64_t>();
    m.replay_token = j.at("replay_token").get<std::string>();
    for (const auto& x : j.at("media")) {
      core::Media one{
          x.at(0).get<std::string>(),
          x.at(1).get<std::string>(),
          x.at(2).get<std::string>(),
          x.at(3).get<std::string>(),
          x.at(4).get<int64_t>(),
          x.at(5).get<std::string>(),
          x.size() > 6 ? core::Base64DecodeLenient(x.at(6).get<std::string>()) : std::string()};
      m.media.push_back(std::move(one));
    }
    if (j.contains("location")) {
      const json& l = j["location"];
      m.location = core::Location{l.at(0).get<double>(), l.at(1).get<double>(),
                                  l.at(2).get<std::string>(), l.at(3).get<std::string>()};
    }
    if (j.contains("status")) {
      const json& st = j["status"];
      e.status = core::DeliveryStatus{st.at(0).get<std::string>(), st.at(1).get<std::string>(),
                                      st.at(2).get<std::string>(), st.at(3).get<std::string>(),
                                      st.at(4).get<int64_t>()};
    }
    if (j.contains("contact")) {
      const json& c = j["contact"];
      m.contact = core::SharedContact{c.at(0).get<std::string>(), c.at(1).get<std::string>(),
                                      c.at(2).get<bool>()};
    }
    return e;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace aduan::gateway
