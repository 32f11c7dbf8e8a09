#include "gateway/common/config.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

namespace aduan::gateway {
namespace {

using nlohmann::json;

struct ConfigProblem {
  std::string message;
};

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

json ParseJsonFile(const std::string& path) {
  std::string text;
  if (!ReadFile(path, &text)) throw ConfigProblem{path + ": cannot read the file"};
  try {
    return json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const json::parse_error& e) {
    // e.what() carries "at line L, column C" for the operator.
    std::string what = e.what();
    auto at = what.find("parse error");
    throw ConfigProblem{path +
                        ": invalid JSON: " + (at == std::string::npos ? what : what.substr(at))};
  }
}

// Walks one JSON object, naming every problem by its dotted place and rejecting unknown keys
// (a misspelt key silently ignored is the worst kind of config bug).
class Section {
 public:
  Section(const std::string& file, std::string place, const json& node)
      : file_(file), place_(std::move(place)), node_(node) {
    if (!node_.is_object()) Fail("", "must be an object");
  }

  void Int(const char* key, int* out, int min, int max) {
    auto it = Take(key);
    if (!it) return;
    if (!(*it)->is_number_integer() || (*it)->get<int64_t>() < min || (*it)->get<int64_t>() > max) {
      Fail(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                    ", got " + (*it)->dump());
    }
    *out = static_cast<int>((*it)->get<int64_t>());
  }
  void Size(const char* key, size_t* out, int64_t min, int64_t max) {
    auto it = Take(key);
    if (!it) return;
    if (!(*it)->is_number_integer() || (*it)->get<int64_t>() < min || (*it)->get<int64_t>() > max) {
      Fail(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                    ", got " + (*it)->dump());
    }
    *out = static_cast<size_t>((*it)->get<int64_t>());
  }
  // An array of exactly `count` integers from min to max.
  void IntList(const char* key, std::vector<int>* out, int min, int max, size_t count) {
    auto it = Take(key);
    if (!it) return;
    bool ok = (*it)->is_array() && (*it)->size() == count;
    for (size_t i = 0; ok && i < count; ++i) {
      const json& v = (**it)[i];
      ok = v.is_number_integer() && v.get<int64_t>() >= min && v.get<int64_t>() <= max;
    }
    if (!ok) {
      Fail(key, "must be an array of " + std::to_string(count) + " integers from " +
                    std::to_string(min) + " to " + std::to_string(max) + ", got " + (*it)->dump());
    }
    out->clear();
    for (const auto& v : **it) out->push_back(v.get<int>());
  }
  void Double(const char* key, double* out, double min, double max) {
    auto it = Take(key);
    if (!it) return;
    if (!(*it)->is_number() || (*it)->get<double>() < min || (*it)->get<double>() > max) {
      Fail(key, "must be a number from " + Num(min) + " to " + Num(max) + ", got " + (*it)->dump());
    }
    *out = (*it)->get<double>();
  }
  void String(const char* key, std::string* out) {
    auto it = Take(key);
    if (!it) return;
    if (!(*it)->is_string() || (*it)->get<std::string>().empty()) {
      Fail(key, "must be a non-empty string, got " + (*it)->dump());
    }
    *out = (*it)->get<std::string>();
  }
  void Bool(const char* key, bool* out) {
    auto it = Take(key);
    if (!it) return;
    if (!(*it)->is_boolean()) Fail(key, "must be true or false, got " + (*it)->dump());
    *out = (*it)->get<bool>();
  }
  void Strings(const char* key, std::vector<std::string>* out) {
    auto it = Take(key);
    if (!it) return;
    if (!(*it)->is_array()) Fail(key, "must be an array of strings, got " + (*it)->dump());
    out->clear();
    for (const auto& v : **it) {
      if (!v.is_string() || v.get<std::string>().empty()) {
        Fail(key, "must be an array of non-empty strings, got " + (*it)->dump());
      }
      out->push_back(v.get<std::string>());
    }
  }
  std::optional<Section> Child(const char* key) {
    auto it = Take(key);
    if (!it) return std::nullopt;
    return Section(file_, Place(key), **it);
  }
  // Call last: anything not taken is unknown.
  void RejectUnknown() const {
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      if (!taken_.count(it.key())) Fail(it.key(), "unknown setting");
    }
  }
  [[noreturn]] void Fail(const std::string& key, const std::string& problem) const {
    std::string place = key.empty() ? place_ : Place(key);
    throw ConfigProblem{file_ + ": " + (place.empty() ? "top level" : place) + ": " + problem};
  }

 private:
  static std::string Num(double v) {
    std::ostringstream ss;
    ss << v;
    return ss.str();
  }
  std::string Place(const std::string& key) const {
    return place_.empty() ? key : place_ + "." + key;
  }
  std::optional<const json*> Take(const char* key) {
    taken_.insert(key);
    auto it = node_.find(key);
    if (it == node_.end()) return std::nullopt;
    return &*it;
  }

  const std::string& file_;
  std::string place_;
  const json& node_;
  std::set<std::string> taken_;
};

std::string Resolve(const std::filesystem::path& base, const std::string& p) {
  if (p.empty()) return p;
  std::filesystem::path path(p);
  return path.is_absolute() ? p : (base / path).lexically_normal().string();
}

void LoadAgencies(const std::string& path, GatewayConfig* cfg) {
  json doc = ParseJsonFile(path);
  Section top(path, "", doc);
  auto it = doc.find("agencies");
  if (it == doc.end() || !it->is_array() || it->empty()) {
    top.Fail("agencies", "must be a non-empty array of {\"code\", \"name\"}");
  }
  static const std::regex kCode("^[A-Z][A-Z0-9_]{1,31}$");
  std::set<std::string> seen;
  for (size_t i = 0; i < it->size(); ++i) {
    std::string place = "agencies[" + std::to_string(i) + "]";
    Section s(path, place, (*it)[i]);
    AgencyConfig a;
    s.String("code", &a.code);
    s.String("name", &a.name);
    std::string description;
    s.String("description", &description);
    s.String("push_url", &a.push_url);
    s.String("inspektorat", &a.inspektorat);
    a.sla = cfg->sla.defaults;
    if (auto t = s.Child("sla")) {
      t->Int("response_days", &a.sla.response_days, 1, 365);
      t->Int("auto_close_days", &a.sla.auto_close_days, 1, 365);
      t->RejectUnknown();
    }
    s.RejectUnknown();
    if (!a.push_url.empty() && a.push_url.rfind("http://", 0) != 0 &&
        a.push_url.rfind("https://", 0) != 0) {
      s.Fail("push_url", "must start with http:// or https://");
    }
    if (a.code.empty()) s.Fail("code", "is required");
    if (!std::regex_match(a.code, kCode)) {
      s.Fail("code", "must be upper-case letters, digits or _, got \"" + a.code + "\"");
    }
    if (!seen.insert(a.code).second) s.Fail("code", "\"" + a.code + "\" appears twice");
    if (a.name.empty()) a.name = a.code;
    cfg->agencies.push_back(std::move(a));
  }
  for (auto key = doc.begin(); key != doc.end(); ++key) {
    if (key.key() != "agencies") top.Fail(key.key(), "unknown setting");
  }
}

// Every template the gateway renders; a city's replies.json must define them all.
constexpr const char* kRequiredReplies[] = {"ack",
                                            "ack_triage",
                                            "urgent_note",
                                            "followup",
                                            "help",
                                            "ask_location",
                                            "location_added",
                                            "duplicate",
                                            "status_owner",
                                            "status_public",
                                            "status_usage",
                                            "bad_number",
                                            "ticket_not_found",
                                            "not_your_ticket",
                                            "withdrawn",
                                            "cannot_withdraw",
                                            "list_header",
                                            "list_empty",
                                            "relay_ack",
                                            "relay_no_text",
                                            "relay_hint",
                                            "consent_request",
                                            "consent_given",
                                            "consent_refused",
                                            "rate_limited",
                                            "unknown_command",
                                            "status_changed"};

void LoadReplies(const std::string& path, const std::string& language, GatewayConfig* cfg) {
  json doc = ParseJsonFile(path);
  Section top(path, "", doc);
  auto lang = doc.find(language);
  if (lang == doc.end() || !lang->is_object()) {
    top.Fail(language, "no reply templates for language \"" + language + "\"");
  }
  for (auto it = lang->begin(); it != lang->end(); ++it) {
    if (!it->is_string()) top.Fail(language + "." + it.key(), "must be a string");
    cfg->replies[it.key()] = it->get<std::string>();
  }
  for (const char* required : kRequiredReplies) {
    if (!cfg->replies.count(required)) top.Fail(language + "." + required, "is required");
  }
}

// {"cadres": [{"id", "channel", "sender", "name", "area"?, "active"?}]}
void LoadCadres(const std::string& path, std::vector<GatewayConfig::Conversation::Cadre>* out) {
  json doc = ParseJsonFile(path);
  Section top(path, "", doc);
  auto it = doc.find("cadres");
  if (it == doc.end() || !it->is_array()) top.Fail("cadres", "must be an array of cadres");
  static const std::regex kId("^[A-Za-z0-9_.-]{1,64}$");
  std::set<std::string> ids, identities;
  for (size_t i = 0; i < it->size(); ++i) {
    Section s(path, "cadres[" + std::to_string(i) + "]", (*it)[i]);
    GatewayConfig::Conversation::Cadre c;
    s.String("id", &c.id);
    s.String("channel", &c.channel);
    s.String("sender", &c.sender);
    s.String("name", &c.name);
    s.String("area", &c.area);
    s.Bool("active", &c.active);
    s.RejectUnknown();
    const std::pair<const char*, const std::string*> required[] = {
        {"id", &c.id}, {"channel", &c.channel}, {"sender", &c.sender}, {"name", &c.name}};
    for (const auto& [key, value] : required) {
      if (value->empty()) s.Fail(key, "is required");
    }
    if (!std::regex_match(c.id, kId)) s.Fail("id", "must be letters, digits, _ . or -");
    if (!ids.insert(c.id).second) s.Fail("id", "\"" + c.id + "\" appears twice");
    if (!identities.insert(c.channel + ":" + c.sender).second) {
      s.Fail("sender", "another cadre already writes from " + c.channel + ":" + c.sender);
    }
    out->push_back(std::move(c));
  }
}

void LoadConversation(Section& s, const std::filesystem::path& base,
                      GatewayConfig::Conversation* c) {
  constexpr int kDay = 86400;
  s.Int("followup_window_seconds", &c->followup_window_seconds, 0, kDay);
  s.Int("duplicate_window_seconds", &c->duplicate_window_seconds, 1, kDay);
  s.Int("location_wait_seconds", &c->location_wait_seconds, 0, 7 * kDay);
  s.Int("rate_limit_messages", &c->rate_limit_messages, 1, 100000);
  s.Int("rate_limit_window_seconds", &c->rate_limit_window_seconds, 1, kDay);
  s.Strings("place_agencies", &c->place_agencies);
  s.Int("link_window_hours", &c->link_window_hours, 0, 24 * 365);
  s.Int("link_min_shared_terms", &c->link_min_shared_terms, 1, 50);
  s.Int("link_radius_meters", &c->link_radius_meters, 1, 100000);
  std::string cadres;
  s.String("cadres", &cadres);
  s.RejectUnknown();
  c->cadres_path = Resolve(base, cadres);
  if (!c->cadres_path.empty()) LoadCadres(c->cadres_path, &c->cadres);
}

GatewayConfig Load(const std::string& path) {
  GatewayConfig cfg;
  cfg.path = path;
  json doc = ParseJsonFile(path);
  auto base = std::filesystem::path(path).parent_path();
  Section top(path, "", doc);
  top.String("listen", &cfg.listen);
  if (auto s = top.Child("storage")) {
    s->String("url", &cfg.storage_url);
    s->Int("max_batch", &cfg.storage_max_batch, 1, 100000);
    s->Int("pool_size", &cfg.storage_pool_size, 1, 1000);
    s->Int("connect_timeout_ms", &cfg.storage_connect_timeout_ms, 100, 600000);
    s->Int("statement_timeout_ms", &cfg.storage_statement_timeout_ms, 100, 3600000);
    s->RejectUnknown();
  }
  if (auto s = top.Child("http")) {
    s->Int("threads", &cfg.http_threads, 1, 4096);
    s->Int("event_threads", &cfg.http_event_threads, 0, 64);
    s->Size("max_body_bytes", &cfg.max_body_bytes, 1024, int64_t{1} << 30);
    s->Int("keep_alive_seconds", &cfg.keep_alive_seconds, 1, 3600);
    s->Int("keep_alive_max_requests", &cfg.keep_alive_max_requests, 1, 1000000);
    s->Int("read_timeout_seconds", &cfg.read_timeout_seconds, 1, 3600);
    s->Size("max_email_body_bytes", &cfg.max_email_body_bytes, 1024, int64_t{1} << 30);
    s->Int("header_timeout_seconds", &cfg.header_timeout_seconds, 1, 3600);
    s->Int("body_timeout_seconds", &cfg.body_timeout_seconds, 1, 3600);
    s->Int("max_connections", &cfg.max_connections, 1, 1000000);
    s->Int("max_connections_per_address", &cfg.max_connections_per_address, 1, 1000000);
    s->RejectUnknown();
  }
  if (auto s = top.Child("limits")) {
    s->Size("max_text_chars", &cfg.max_text_chars, 1, 1000000);
    s->RejectUnknown();
  }
  if (auto s = top.Child("media")) {
    s->Size("max_file_bytes", &cfg.media.max_file_bytes, 1024, int64_t{1} << 32);
    s->Size("max_ticket_bytes", &cfg.media.max_ticket_bytes, 1024, int64_t{1} << 36);
    s->Int("max_attempts", &cfg.media.max_attempts, 1, 100);
    s->Int("fetch_timeout_seconds", &cfg.media.fetch_timeout_seconds, 1, 600);
    s->RejectUnknown();
  }
  if (auto s = top.Child("queue")) {
    s->Int("default_lease_seconds", &cfg.default_lease_seconds, 1, 86400);
    s->Int("max_lease_seconds", &cfg.max_lease_seconds, 1, 86400);
    s->Int("max_lease_batch", &cfg.max_lease_batch, 1, 1000);
    s->Int("max_abandoned_leases", &cfg.max_abandoned_leases, 1, 1000);
    s->RejectUnknown();
    if (cfg.default_lease_seconds > cfg.max_lease_seconds) {
      s->Fail("default_lease_seconds", "must not exceed max_lease_seconds");
    }
  }
  if (auto s = top.Child("conversation")) LoadConversation(*s, base, &cfg.conversation);
  std::string rules, fallback_rules, conduct_rules, lexicon, roots, topics, profile;
  if (auto s = top.Child("classifier")) {
    s->String("rules", &rules);
    s->String("fallback_rules", &fallback_rules);
    s->String("conduct_rules", &conduct_rules);
    s->String("topics", &topics);
    s->String("profile", &profile);
    s->String("lexicon", &lexicon);
    s->String("roots", &roots);
    s->Double("triage_threshold", &cfg.classifier.triage_threshold, 0, 1);
    s->Double("min_margin", &cfg.classifier.min_margin, 0, 1);
    s->Double("fallback_threshold", &cfg.classifier.fallback_threshold, 0, 1);
    s->RejectUnknown();
  }
  if (rules.empty()) top.Fail("classifier.rules", "is required");
  cfg.classifier.rules_path = Resolve(base, rules);
  cfg.classifier.lexicon_path = Resolve(base, lexicon);
  cfg.classifier.roots_path = Resolve(base, roots);
  if (!topics.empty()) cfg.classifier.topics_path = Resolve(base, topics);
  if (!profile.empty()) cfg.classifier.profile_path = Resolve(base, profile);
  if (!fallback_rules.empty()) cfg.classifier.fallback_rules_path = Resolve(base, fallback_rules);
  if (!conduct_rules.empty()) cfg.classifier.conduct_rules_path = Resolve(base, conduct_rules);
  std::string calendar;
  if (auto s = top.Child("sla")) {
    s->Int("route_days", &cfg.sla.defaults.route_days, 1, 365);
    s->Int("response_days", &cfg.sla.defaults.response_days, 1, 365);
    s->Int("auto_close_days", &cfg.sla.defaults.auto_close_days, 1, 365);
    s->Int("scan_interval_seconds", &cfg.sla.scan_interval_seconds, 0, 86400);
    s->String("calendar", &calendar);
    s->String("operator_channel", &cfg.sla.operator_channel);
    s->String("operator_address", &cfg.sla.operator_address);
    s->IntList("escalation_after_days", &cfg.sla.escalation_after_days, 0, 365, 3);
    s->RejectUnknown();
  }
  if (auto s = top.Child("intake")) {
    s->Bool("journal", &cfg.intake.journal);
    s->String("journal_dir", &cfg.intake.journal_dir);
    s->Size("journal_max_bytes", &cfg.intake.journal_max_bytes, 1 << 16, int64_t{1} << 40);
    s->Size("journal_segment_bytes", &cfg.intake.journal_segment_bytes, 1 << 12, int64_t{1} << 30);
    s->Bool("journal_prewrite", &cfg.intake.journal_prewrite);
    s->Int("journal_lazy_sync_ms", &cfg.intake.journal_lazy_sync_ms, 0, 1000);
    s->Int("reply_wait_ms", &cfg.intake.reply_wait_ms, 0, 60000);
    s->Int("provider_wait_ms", &cfg.intake.provider_wait_ms, 0, 60000);
    s->Int("batch_records", &cfg.intake.batch_records, 1, 100000);
    s->Int("lanes", &cfg.intake.lanes, 1, 256);
    std::string priority;
    s->String("processor_priority", &priority);
    using Priority = GatewayConfig::Intake::ProcessorPriority;
    if (priority == "idle") {
      cfg.intake.processor_priority = Priority::kIdle;
    } else if (priority == "low") {
      cfg.intake.processor_priority = Priority::kLow;
    } else if (priority == "normal") {
      cfg.intake.processor_priority = Priority::kNormal;
    } else if (!priority.empty()) {
      s->Fail("processor_priority",
              "must be \"idle\", \"low\" or \"normal\", not \"" + priority + "\"");
    }
    s->RejectUnknown();
  }
  std::string agencies, replies, language = "id";
  top.String("agencies", &agencies);
  top.String("replies", &replies);
  top.String("language", &language);
  top.RejectUnknown();
  if (agencies.empty()) top.Fail("agencies", "is required (a file of agencies)");
  if (replies.empty()) top.Fail("replies", "is required (a file of reply templates)");
  if (!calendar.empty()) {
    std::string error;
    auto loaded = WorkingCalendar::Load(Resolve(base, calendar), &error);
    if (!loaded) throw ConfigProblem{error};
    cfg.sla.calendar = std::move(*loaded);
  }
  LoadAgencies(Resolve(base, agencies), &cfg);
  LoadReplies(Resolve(base, replies), language, &cfg);
  return cfg;
}

}  // namespace

const AgencyConfig* GatewayConfig::FindAgency(const std::string& code) const {
  for (const auto& a : agencies) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

storage::StoreOptions GatewayConfig::StoreOptions() const {
  storage::StoreOptions o;
  o.max_batch = storage_max_batch;
  o.pool_size = storage_pool_size;
  o.connect_timeout_ms = storage_connect_timeout_ms;
  o.statement_timeout_ms = storage_statement_timeout_ms;
  return o;
}

std::optional<GatewayConfig> LoadConfig(const std::string& path, std::string* error) {
  try {
    return Load(path);
  } catch (const ConfigProblem& p) {
    if (error) *error = p.message;
  } catch (const std::exception& e) {
    if (error) *error = path + ": " + e.what();
  }
  return std::nullopt;
}

std::string DefaultConfigPath() { return "config/aduan.json"; }

}  // namespace aduan::gateway
