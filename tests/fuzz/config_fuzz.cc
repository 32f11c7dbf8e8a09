// Fuzzes the gateway config loader. The bytes are written to a file in a scratch folder and
// loaded five ways: as aduan.json itself, and as each data file it names (agencies, replies,
// cadres, calendar) beside the shipped others. Every refusal must name the problem.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "gateway/common/config.h"
#include "tests/fuzz/fuzz_request.h"

namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) aduan::fuzz::Violation("cannot write", path.string());
}

// A scratch folder holding the shipped data files and one config per fuzzed file; removed at
// exit.
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "aduan-config-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) aduan::fuzz::Violation("mkdtemp failed", pattern);
    dir = pattern;
    fs::path shipped = fs::path(ADUAN_SOURCE_DIR) / "config";
    for (const char* name : {"agencies.json", "replies.json", "cadres.json", "calendar.json"}) {
      fs::copy_file(shipped / name, dir / name);
    }
    const std::string rules = R"("classifier": {"rules": "classifier/rules"})";
    auto config = [&](const std::string& agencies, const std::string& replies,
                      const std::string& extra) {
      return "{" + rules + R"(, "agencies": ")" + agencies + R"(", "replies": ")" + replies + "\"" +
             extra + "}";
    };
    Write(dir / "agencies-fuzzed.json", config("fuzzed.json", "replies.json", ""));
    Write(dir / "replies-fuzzed.json", config("agencies.json", "fuzzed.json", ""));
    Write(dir / "cadres-fuzzed.json", config("agencies.json", "replies.json",
                                             R"(, "conversation": {"cadres": "fuzzed.json"})"));
    Write(dir / "calendar-fuzzed.json",
          config("agencies.json", "replies.json", R"(, "sla": {"calendar": "fuzzed.json"})"));
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

void Load(const fs::path& path) {
  std::string error;
  auto config = aduan::gateway::LoadConfig(path.string(), &error);
  if (!config && error.empty()) aduan::fuzz::Violation("LoadConfig failed silently", path.string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Scratch scratch;
  std::string_view raw = aduan::fuzz::AsView(data, size);
  Write(scratch.dir / "aduan.json", raw);
  Load(scratch.dir / "aduan.json");
  Write(scratch.dir / "fuzzed.json", raw);
  for (const char* config : {"agencies-fuzzed.json", "replies-fuzzed.json", "cadres-fuzzed.json",
                             "calendar-fuzzed.json"}) {
    Load(scratch.dir / config);
  }
  return 0;
}
