// Media fetch throughput: how many photos per second one media worker moves from a provider
// (a cpp-httplib server on 127.0.0.1 answering like WhatsApp: id lookup, then the bytes) into
// the blob store, EXIF stripped, rows marked stored. Each photo is a distinct ~1.6 MB JPEG so
// content addressing does not skip the writes.
// Usage: media_fetch_bench [PHOTOS] [URL]   (default: 200, a temp sqlite: file)
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "channels/adapter.h"
#include "gateway/delivery/media_worker.h"
#include "storage/store.h"

namespace {

std::string Segment(unsigned char marker, const std::string& payload) {
  size_t length = payload.size() + 2;
  std::string s = {'\xFF', static_cast<char>(marker), static_cast<char>(length >> 8),
                   static_cast<char>(length & 0xFF)};
  return s + payload;
}

// A JPEG with an EXIF block to strip and `n` in its scan data so every photo differs.
std::string Photo(int n) {
  std::string scan(1'600'000, '\x11');
  std::string id = std::to_string(n);
  scan.replace(0, id.size(), id);
  return "\xFF\xD8" + Segment(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14)) +
         Segment(0xE1, std::string("Exif\0\0MM\0*\0\0\0\x08\0\0", 16)) +
         Segment(0xDB, std::string(65, '\x10')) +
         Segment(0xC0, std::string("\x08\0\x10\0\x10\x01\x01\x11\0", 9)) +
         Segment(0xDA, std::string("\x01\x01\0\0\x3F\0", 6)) + scan + "\xFF\xD9";
}

}  // namespace

int main(int argc, char** argv) {
  int photos = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
  std::string dir = std::filesystem::temp_directory_path() / "aduan-media-bench";
  std::filesystem::remove_all(dir);
  std::string url = argc > 2 ? argv[2] : "sqlite:" + dir + "/bench.db";

  httplib::Server provider;
  provider.Get(R"(/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    res.set_content("{\"url\":\"http://127.0.0.1:" + std::to_string(req.local_port) + "/dl/" +
                        req.matches[1].str() + "\"}",
                    "application/json");
  });
  provider.Get(R"(/dl/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(Photo(std::stoi(req.matches[1].str())), "image/jpeg");
  });
  int port = provider.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { provider.listen_after_bind(); });
  std::string base = "http://127.0.0.1:" + std::to_string(port);

  auto env = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "ADUAN_WHATSAPP_APP_SECRET") return "bench-secret";
    if (name == "ADUAN_WHATSAPP_ACCESS_TOKEN") return "bench-token";
    if (name == "ADUAN_WHATSAPP_API_BASE") return base;
    return std::nullopt;
  };
  std::unique_ptr<aduan::channels::ChannelAdapter> whatsapp;
  for (const auto& reg : aduan::channels::AllChannels()) {
    if (reg.name == "whatsapp") whatsapp = reg.make(env);
  }
  auto store = aduan::storage::OpenStore(url);
  for (int i = 0; i < photos; ++i) {
    aduan::storage::IntakeRequest r;
    r.message.channel = "whatsapp";
    r.message.provider_message_id = "bench-" + std::to_string(i);
    r.message.sender = "+628120000" + std::to_string(i);
    r.message.text = "foto";
    r.message.received_at_ms = 1000;
    aduan::storage::MediaDraft d;
    d.reference = std::to_string(1000 + i);
    r.media.push_back(d);
    store->Intake(r).value();
  }
  auto now = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  aduan::gateway::MediaWorkerOptions options;
  options.batch = 16;
  aduan::gateway::MediaWorker worker(store.get(), {{"whatsapp", whatsapp.get()}}, env, now,
                                     options);
  auto start = std::chrono::steady_clock::now();
  int done = 0;
  while (int n = worker.RunOnce()) done += n;
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  aduan::storage::MediaQuery stored;
  stored.status = "stored";
  stored.limit = photos + 1;
  size_t ok = store->ListMedia(stored).size();
  std::printf("store: %s\nphotos: %d fetched, %zu stored, %.2f s: %.1f photos/s, %.1f MB/s\n",
              url.c_str(), done, ok, s, done / s, done * 1.6 / s);
  provider.stop();
  serving.join();
  return ok == static_cast<size_t>(photos) ? 0 : 1;
}
