// Form decoding (application/x-www-form-urlencoded) and the form pages' handlers. The first byte picks a form
// route (POST pages), the second the id put in its path parameters, the rest is the body; the session's CSRF
// token is put first so that the handler reads the fields rather than refusing the form. Before that, the same
// body goes through FormData and the shared field readers (clock times, dates, the `next` redirect check).
// A ServiceError is the documented refusal; any other exception or a 500 aborts (harness.h).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness.h"
#include "web/pages/account_forms.h"
#include "web/pages/events_pages.h"

namespace {

void decode(const std::string& body) {
  using namespace tc::web;
  const FormData form(body);
  (void)form.oversized();
  for (const char* name : {"csrf", "next", "date", "start", "end", "from", "to", "name", "email", "weekdays"}) {
    (void)form.raw(name);
    for (const auto& value : form.all(name)) {
      (void)parse_clock_time(value);
      (void)parse_form_date(value);
      if (is_local_path(value) && (value.empty() || value[0] != '/' || value.starts_with("//"))) {
        std::fprintf(stderr, "form_fuzz: is_local_path accepted \"%s\"\n", value.c_str());
        std::abort();
      }
    }
    const std::string text = form.text(name);
    if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) {
      std::fprintf(stderr, "form_fuzz: text() left white space around \"%s\"\n", text.c_str());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static tc::fuzz::Harness harness;
  static const auto routes = harness.write_routes(false);
  if (size < 2) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 2, size - 2);
  decode(body);
  const auto& route = *routes[data[0] % routes.size()];
  const std::string id = std::to_string(data[1] % 12);
  tc::fuzz::call_handler(
      route, harness.request(route, id, "csrf=" + harness.csrf() + "&" + body, "application/x-www-form-urlencoded"));
  return 0;
}
