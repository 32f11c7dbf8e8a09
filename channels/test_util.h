// Helpers for the channel tests only (header-only, so it stays out of aduan_channels).
#ifndef ADUAN_CHANNELS_TEST_UTIL_H_
#define ADUAN_CHANNELS_TEST_UTIL_H_

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "channels/adapter.h"
#include "core/crypto.h"

namespace aduan::channels::testing {

// Bytes of channels/<relative>, e.g. ReadTestdata("sms/testdata/x.form"). Throws when missing,
// which fails the test loudly.
inline std::string ReadTestdata(const std::string& relative) {
  std::string path = std::string(ADUAN_SOURCE_DIR) + "/channels/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing test data: " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The .meta recorded beside a fixture, channels/<stem>.meta (stem e.g.
// "whatsapp/testdata/whatsapp_text"): what the provider sent with it and what to expect.
inline nlohmann::json ReadMeta(const std::string& stem) {
  return nlohmann::json::parse(ReadTestdata(stem + ".meta"));
}

// A recorded provider payload and its .meta.
struct Fixture {
  std::string body;
  nlohmann::json meta;
};

// channels/<stem>.<ext> with its .meta. Throws when the body's size or SHA-256 is not what the
// .meta recorded: a fixture re-encoded by an editor or by git would otherwise fail later as a
// bad signature, which points the reader at the adapter instead of the file.
inline Fixture LoadFixture(const std::string& stem, const std::string& ext) {
  Fixture f{ReadTestdata(stem + "." + ext), ReadMeta(stem)};
  bool size_ok = !f.meta.contains("body_bytes") || f.meta["body_bytes"] == f.body.size();
  bool hash_ok = !f.meta.contains("body_sha256") ||
                 f.meta["body_sha256"] == core::HexEncode(core::Sha256(f.body));
  if (!size_ok || !hash_ok) {
    throw std::runtime_error("test data " + stem + "." + ext + " does not match its .meta (" +
                             (size_ok ? "sha256" : "size") + ")");
  }
  return f;
}

// An EnvLookup over a fixed map.
inline EnvLookup FakeEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

inline WebhookRequest MakePost(std::string path, std::string content_type, std::string body) {
  WebhookRequest req;
  req.method = "POST";
  req.path = std::move(path);
  if (!content_type.empty()) req.headers.emplace("Content-Type", std::move(content_type));
  req.body = std::move(body);
  req.now_ms = 1717377400000;  // 2024-06-03T01:16:40Z, just after the fixtures were sent
  return req;
}

}  // namespace aduan::channels::testing

#endif  // ADUAN_CHANNELS_TEST_UTIL_H_
