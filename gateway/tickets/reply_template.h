// The replies residents read are templates in config/replies.json with {name} fields, so a
// city rewords them without a build. This fills them.
#ifndef ADUAN_GATEWAY_REPLY_TEMPLATE_H_
#define ADUAN_GATEWAY_REPLY_TEMPLATE_H_

#include <string>
#include <utility>
#include <vector>

namespace aduan::gateway {

// Fills {name} fields of `tmpl` from `fields`; unknown fields are left as written, so a typo in
// a city's template shows in the reply rather than silently vanishing.
std::string FillTemplate(const std::string& tmpl,
                         const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_REPLY_TEMPLATE_H_
