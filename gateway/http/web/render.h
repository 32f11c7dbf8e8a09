// Server-side pages: mustache templates (kainjow/mustache, a Debian package) filled from JSON.
// Every {{value}} is HTML-escaped by the engine, so resident text can never become markup;
// only {{{body}}} in the layout takes HTML, and that HTML is a page this module rendered.
#ifndef ADUAN_GATEWAY_WEB_RENDER_H_
#define ADUAN_GATEWAY_WEB_RENDER_H_

#include <nlohmann/json.hpp>
#include <string>

namespace aduan::gateway::web {

// Renders the template called `name` (see templates.cc) with `view`. Objects become sections,
// arrays lists, false/null/"" falsy. Throws std::runtime_error for an unknown or broken
// template (a programming error, caught by the tests).
std::string RenderTemplate(const std::string& name, const nlohmann::json& view);

// A whole page: `body_template` rendered with `view`, inside the layout with `title` and,
// when `view` has "me" (the signed-in person), the header with their name and the logout form.
std::string RenderPage(const std::string& title, const std::string& body_template,
                       const nlohmann::json& view);

// The template source for `name`, or nullptr. templates.cc.
const char* TemplateSource(const std::string& name);

}  // namespace aduan::gateway::web

#endif  // ADUAN_GATEWAY_WEB_RENDER_H_
