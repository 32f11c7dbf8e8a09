// The `aduan` command line (API.md): serve, classify, check-config, keys, sign, --version.
// Exit status: 0 success, 2 bad usage or bad config (message on stderr), 1 runtime failure.
#ifndef ADUAN_GATEWAY_CLI_H_
#define ADUAN_GATEWAY_CLI_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aduan::gateway {

int RunCli(int argc, char** argv);

// Parsed "--flag value" / "--flag=value" / "--switch" arguments plus positionals.
struct CliArgs {
  std::map<std::string, std::string> flags;
  std::vector<std::string> positional;
  std::optional<std::string> Get(const std::string& flag) const;
  bool Has(const std::string& flag) const { return flags.count(flag) > 0; }
};

// Parses args after the subcommand. `switches` take no value. Unknown flags set *error.
std::optional<CliArgs> ParseArgs(const std::vector<std::string>& args,
                                 const std::vector<std::string>& known_flags,
                                 const std::vector<std::string>& switches, std::string* error);

// The storage URL a command uses: --db, else $ADUAN_DB, else the config's storage.url.
std::string StorageUrl(const CliArgs& args, const std::string& configured);

int ServeCommand(const CliArgs& args);                   // serve_command.cc
int SignCommand(const CliArgs& args);                    // sign_command.cc
int RulesCommand(const CliArgs& args);                   // rules_command.cc
int UsersCommand(const std::vector<std::string>& args);  // users_command.cc

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_CLI_H_
