// URL query strings, decoded the way browsers and providers encode them.
#ifndef ADUAN_GATEWAY_URL_H_
#define ADUAN_GATEWAY_URL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aduan::gateway {

// "%41" -> "A"; with `plus_is_space`, "+" -> " ". A malformed escape is kept as written.
std::string PercentDecode(std::string_view in, bool plus_is_space);

// "a=1&b=x+y" -> {{"a","1"},{"b","x y"}}, in order, duplicates kept.
std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_URL_H_
