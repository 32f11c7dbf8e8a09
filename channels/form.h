// HTTP form bodies (application/x-www-form-urlencoded, multipart/form-data) and the MIME
// building blocks they share with the email parser: header blocks, header parameters, multipart
// splitting. Parsers work on the raw bytes, never throw, and report malformed input as nullopt.
#ifndef ADUAN_CHANNELS_FORM_H_
#define ADUAN_CHANNELS_FORM_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "channels/adapter.h"

namespace aduan::channels {

// One form field. For multipart, a file part has a filename and usually a content type; `value`
// holds its bytes.
struct FormField {
  std::string name;
  std::string value;
  std::string filename;      // multipart file parts only
  std::string content_type;  // multipart only, as sent
  std::string content_id;    // multipart only, when the part carried a Content-ID
};
using FormFields = std::vector<FormField>;

// The first field with this exact name, or nullptr / "".
const FormField* FindField(const FormFields& fields, std::string_view name);
std::string FieldValue(const FormFields& fields, std::string_view name);
// The same, ignoring ASCII case (mail headers posted as fields: "Message-Id" vs "Message-ID").
std::string FieldValueIgnoreCase(const FormFields& fields, std::string_view name);

// Percent-decoding; '+' becomes a space when `plus_is_space` (form bodies and query strings).
// nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> UrlDecode(std::string_view text, bool plus_is_space = true);
std::string UrlEncode(std::string_view text);  // for building form bodies: unreserved kept

// name=value pairs separated by '&', in order, duplicates kept. nullopt on a bad escape.
std::optional<FormFields> ParseUrlEncoded(std::string_view body);
// Builds an application/x-www-form-urlencoded body from pairs, in order.
std::string EncodeForm(const std::vector<std::pair<std::string, std::string>>& pairs);

// A header block ("Name: value" lines up to the first empty line), unfolded: a line starting
// with a space or tab continues the previous one. Names keep their case; values are trimmed.
using HeaderList = std::vector<std::pair<std::string, std::string>>;
HeaderList ParseHeaderBlock(std::string_view block);
std::string HeaderValue(const HeaderList& headers, std::string_view name);  // first, any case

// A structured header value: "type/subtype; a=1; b=\"two\"". `value` is lowercase and trimmed;
// parameter names are lowercase. RFC 2231 extended parameters (name*=charset'lang'%XX, and the
// continuations name*0*=, name*1=) are decoded to UTF-8 and take precedence over the plain form.
struct HeaderParams {
  std::string value;
  std::map<std::string, std::string> params;
  std::string Param(std::string_view name) const;
};
HeaderParams ParseHeaderParams(std::string_view header_value);

// The body split at "--boundary" lines. Each part is the raw bytes between delimiters (its own
// header block, blank line, content). The preamble and epilogue are dropped. `closed` is false
// when the closing "--boundary--" never came. nullopt when no delimiter line is found at all.
struct MultipartBody {
  std::vector<std::string_view> parts;
  bool closed = false;
};
std::optional<MultipartBody> SplitMultipart(std::string_view body, std::string_view boundary);

// Splits a part into its header block and content at the first empty line (CRLF or LF).
std::pair<std::string_view, std::string_view> SplitHeadersAndContent(std::string_view part);

// multipart/form-data: every part must carry Content-Disposition: form-data; name="...", and the
// body must end with the closing delimiter. nullopt otherwise.
std::optional<FormFields> ParseMultipartForm(std::string_view body, std::string_view boundary);

// Reads a webhook's form body as the Content-Type says (urlencoded or multipart/form-data).
// On failure returns the error to answer: 415 for any other type, 400 for a malformed body.
std::optional<WebhookError> ParseFormRequest(const WebhookRequest& request, FormFields* out);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_FORM_H_
