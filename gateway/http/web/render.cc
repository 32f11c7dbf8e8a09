#include "gateway/http/web/render.h"

#include <kainjow/mustache.hpp>
#include <stdexcept>

namespace aduan::gateway::web {
namespace {

namespace mstch = kainjow::mustache;

mstch::data ToData(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mstch::data d{mstch::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), ToData(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mstch::data d{mstch::data::type::list};
      for (const auto& v : j) d.push_back(ToData(v));
      return d;
    }
    case nlohmann::json::value_t::string: {
      const std::string& s = j.get_ref<const std::string&>();
      // An empty string is falsy, so {{#note}}...{{/note}} hides an absent note.
      return s.empty() ? mstch::data{false} : mstch::data{s};
    }
    case nlohmann::json::value_t::boolean:
      return mstch::data{j.get<bool>()};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mstch::data{false};
    default:
      return mstch::data{j.dump()};
  }
}

}  // namespace

std::string RenderTemplate(const std::string& name, const nlohmann::json& view) {
  const char* source = TemplateSource(name);
  if (!source) throw std::runtime_error("no template '" + name + "'");
  mstch::mustache tmpl{std::string(source)};
  if (!tmpl.is_valid()) {
    throw std::runtime_error("template '" + name + "': " + tmpl.error_message());
  }
  return tmpl.render(ToData(view));
}

std::string RenderPage(const std::string& title, const std::string& body_template,
                       const nlohmann::json& view) {
  nlohmann::json page = {{"title", title}, {"body", RenderTemplate(body_template, view)}};
  if (view.contains("me")) page["me"] = view["me"];
  return RenderTemplate("layout", page);
}

}  // namespace aduan::gateway::web
