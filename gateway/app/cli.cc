#include "gateway/app/cli.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "gateway/common/api_keys.h"
#include "gateway/common/config.h"
#include "gateway/common/log.h"
#include "gateway/intake/classifier_handle.h"
#include "gateway/intake/intake.h"
#include "gateway/tickets/ticket_json.h"
#include "storage/store.h"

namespace aduan::gateway {
namespace {

constexpr const char* kUsage = R"(aduan: complaint intake gateway

usage:
  aduan serve [--config FILE] [--listen HOST:PORT] [--db URL] [--port-file FILE]
              [--journal-dir DIR]
  aduan classify [--config FILE] [--json] ["teks aduan"]   (no text: one per line on stdin)
  aduan check-config [--config FILE]
  aduan sign CHANNEL FILE [--url BASE]   (prints a curl command sending FILE signed)
  aduan --version
  aduan keys issue --agency CODE [--config FILE] [--db URL]
  aduan keys list [--config FILE] [--db URL]
  aduan keys revoke KEY_ID [--config FILE] [--db URL]
  aduan rules suggest --history FILE.jsonl [--out FILE.rules] [--by-topic] [--min-support N]
                      [--max-per-label N] [--min-share X] [--profile-out FILE.json]
                      [--conduct maladministration|urgent]
  aduan rules eval --history FILE.jsonl [--folds K] [--suggest] [--json] [--by-topic]
  aduan users add|list|disable ...   (people of the web inbox; see 'aduan users')

  --config FILE      configuration (default config/aduan.json)
  --listen HOST:PORT where to listen (default from config, 127.0.0.1:8080); port 0 = any
  --db URL           sqlite:PATH (default $ADUAN_DB, else the config's, sqlite:data/aduan.db)
                     or postgresql://...
  --port-file FILE   serve: write the bound port here once listening (for scripts and tests)
  --journal-dir DIR  serve: this instance's intake journal (overrides intake.journal_dir)
  --help             this text
)";

int Usage(const std::string& problem) {
  std::cerr << "aduan: " << problem << "\n\n" << kUsage;
  return 2;
}

std::optional<GatewayConfig> LoadOrReport(const CliArgs& args) {
  std::string error;
  auto cfg = LoadConfig(args.Get("--config").value_or(DefaultConfigPath()), &error);
  if (!cfg) std::cerr << "aduan: bad config: " << error << "\n";
  return cfg;
}

// Opens the store --db (or the config) names and runs `f` on it; storage failures exit 1.
template <class F>
int WithStore(const CliArgs& args, const GatewayConfig& cfg, F&& f) {
  try {
    auto store = storage::OpenStore(StorageUrl(args, cfg.storage_url), cfg.StoreOptions());
    return f(*store);
  } catch (const std::exception& e) {
    std::cerr << "aduan: " << e.what() << "\n";
    return 1;
  }
}

void PrintClassification(const classifier::Classification& c, bool json) {
  if (json) {
    std::cout << ClassificationJson(c).dump(-1, ' ', false,
                                            nlohmann::json::error_handler_t::replace)
              << "\n";
    return;
  }
  std::cout << "agency: " << c.agency << " (score " << c.agency_score << ")"
            << (c.triage ? " [triage]" : "") << (c.urgent_override ? " [urgent: routed]" : "")
            << "\n";
  std::cout << "topic: " << (c.topic.empty() ? "-" : c.topic) << "\n";
  if (c.triage && !c.candidates.empty()) {
    std::cout << "candidates:";
    for (const auto& k : c.candidates)
      std::cout << " " << k.agency << "/" << k.topic << "(" << k.score << ")";
    std::cout << "\n";
  }
  std::cout << "maladministration:";
  if (c.maladministration.empty()) std::cout << " -";
  for (const auto& m : c.maladministration) std::cout << " " << m;
  std::cout << "\nurgent: " << (c.urgent ? "yes" : "no") << "\nwhy:\n";
  for (const auto& m : c.matched) {
    // A phrase rule reads as written; a pattern rule is shown by the words it matched, with
    // where it is written, since a regular expression explains nothing to a reader.
    std::cout << "  " << (m.weight >= 0 ? "+" : "") << m.weight << "  " << m.target
              << (m.topic.empty() ? "" : "/" + m.topic) << "  "
              << (m.matched_text.empty() ? m.rule : "\"" + m.matched_text + "\" (pattern)")
              << (m.source.empty() ? "" : "  [" + m.source + "]") << "\n";
  }
}

// The configured classifier, or null after telling the operator which rule file is wrong.
std::shared_ptr<const classifier::Classifier> ClassifierOrReport(const GatewayConfig& cfg) {
  ClassifierHandle handle(cfg.classifier);
  std::string error;
  if (!handle.Reload(&error)) {
    std::cerr << "aduan: bad classifier rules: " << error << "\n";
    return nullptr;
  }
  return handle.Get();
}

int ClassifyCommand(const CliArgs& args) {
  auto cfg = LoadOrReport(args);
  if (!cfg) return 2;
  auto classifier = ClassifierOrReport(*cfg);
  if (!classifier) return 2;
  bool json = args.Has("--json");
  if (!args.positional.empty()) {
    std::string text;
    for (const auto& p : args.positional) text += (text.empty() ? "" : " ") + p;
    PrintClassification(classifier->Classify(text), json);
    return 0;
  }
  // One result per input line, each saying which line it is about, so a file of complaints
  // can be read back side by side with its results.
  std::string line;
  while (std::getline(std::cin, line)) {
    classifier::Classification c = classifier->Classify(line);
    if (json) {
      nlohmann::json out = ClassificationJson(c);
      out["input"] = line;
      std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << "input: " << line << "\n";
      PrintClassification(c, false);
      std::cout << "\n";
    }
  }
  return 0;
}

int CheckConfigCommand(const CliArgs& args) {
  auto cfg = LoadOrReport(args);
  if (!cfg || !ClassifierOrReport(*cfg)) return 2;
  std::cout << cfg->path << ": OK (" << cfg->agencies.size() << " agencies, listen " << cfg->listen
            << ", storage " << cfg->storage_url << ")\n";
  return 0;
}

int KeysCommand(const CliArgs& args) {
  const std::string verb = args.positional.empty() ? "" : args.positional[0];
  if (verb == "issue" && args.positional.size() == 1) {
    auto agency = args.Get("--agency");
    if (!agency || agency->empty()) return Usage("keys issue: --agency CODE is required");
    auto cfg = LoadOrReport(args);
    if (!cfg) return 2;
    if (!cfg->FindAgency(*agency) || *agency == classifier::kTriage) {
      std::cerr << "aduan: unknown agency '" << *agency << "' (not in " << cfg->path
                << "'s agencies file)\n";
      return 2;
    }
    return WithStore(args, *cfg, [&](storage::Store& store) {
      IssuedKey key = IssueApiKey(store, *agency, SystemNowMs());
      std::cerr << "issued " << key.id << " for " << *agency
                << "; the key is shown once, store it now:\n";
      std::cout << key.secret << "\n";
      return 0;
    });
  }
  if (verb == "list" && args.positional.size() == 1) {
    auto cfg = LoadOrReport(args);
    if (!cfg) return 2;
    return WithStore(args, *cfg, [&](storage::Store& store) {
      for (const auto& k : store.ListApiKeys()) {
        std::cout << k.id << "\t" << k.agency << "\tcreated " << FormatTime(k.created_at_ms) << "\t"
                  << (k.revoked_at_ms ? "revoked " + FormatTime(*k.revoked_at_ms) : "active")
                  << "\n";
      }
      return 0;
    });
  }
  if (verb == "revoke" && args.positional.size() == 2) {
    auto cfg = LoadOrReport(args);
    if (!cfg) return 2;
    const std::string id = args.positional[1];
    return WithStore(args, *cfg, [&](storage::Store& store) {
      if (!store.RevokeApiKey(id, SystemNowMs())) {
        std::cerr << "aduan: no key " << id << " (see 'aduan keys list')\n";
        return 2;
      }
      std::cout << "revoked " << id << "\n";
      return 0;
    });
  }
  return Usage("keys: expected 'keys issue --agency CODE', 'keys list' or 'keys revoke KEY_ID'");
}

}  // namespace

std::string StorageUrl(const CliArgs& args, const std::string& configured) {
  if (auto db = args.Get("--db")) return *db;
  const char* env = std::getenv("ADUAN_DB");
  return env != nullptr && *env != '\0' ? std::string(env) : configured;
}

std::optional<std::string> CliArgs::Get(const std::string& flag) const {
  auto it = flags.find(flag);
  if (it == flags.end()) return std::nullopt;
  return it->second;
}

std::optional<CliArgs> ParseArgs(const std::vector<std::string>& args,
                                 const std::vector<std::string>& known_flags,
                                 const std::vector<std::string>& switches, std::string* error) {
  CliArgs out;
  auto known = [](const std::vector<std::string>& list, const std::string& f) {
    return std::find(list.begin(), list.end(), f) != list.end();
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      out.positional.push_back(a);
      continue;
    }
    std::string name = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    if (known(switches, name)) {
      out.flags[name] = "";
      continue;
    }
    if (!known(known_flags, name)) {
      *error = "unknown option " + name;
      return std::nullopt;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        *error = "option " + name + " needs a value";
        return std::nullopt;
      }
      value = args[++i];
    }
    out.flags[name] = value;
  }
  return out;
}

int RunCli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage("a command is required");
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "--version" || command == "version") {
    std::cout << "aduan " << ADUAN_VERSION << "\n";
    return 0;
  }
  if (command == "--help" || command == "-h" || command == "help" ||
      std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << kUsage;
    return 0;
  }
  if (command == "users") return UsersCommand(args);
  std::vector<std::string> flags, switches;
  if (command == "serve") {
    flags = {"--config", "--listen", "--db", "--port-file", "--journal-dir"};
  } else if (command == "classify") {
    flags = {"--config"};
    switches = {"--json"};
  } else if (command == "check-config") {
    flags = {"--config"};
  } else if (command == "keys") {
    flags = {"--config", "--db", "--agency"};
  } else if (command == "sign") {
    flags = {"--url"};
  } else if (command == "rules") {
    flags = {"--config",        "--history",     "--out",       "--folds",  "--min-support",
             "--max-per-label", "--profile-out", "--min-share", "--conduct"};
    switches = {"--suggest", "--json", "--by-topic"};
  } else {
    return Usage("unknown command '" + command + "'");
  }
  std::string error;
  auto parsed = ParseArgs(args, flags, switches, &error);
  if (!parsed) return Usage(command + ": " + error);
  if (command == "serve") {
    if (!parsed->positional.empty()) return Usage("serve takes no arguments");
    return ServeCommand(*parsed);
  }
  if (command == "classify") return ClassifyCommand(*parsed);
  if (command == "sign") return SignCommand(*parsed);
  if (command == "rules") return RulesCommand(*parsed);
  if (!parsed->positional.empty() && command == "check-config") {
    return Usage("check-config takes no arguments");
  }
  if (command == "check-config") return CheckConfigCommand(*parsed);
  return KeysCommand(*parsed);
}

}  // namespace aduan::gateway
