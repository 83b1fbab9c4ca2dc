#include "page_client.h"

namespace tc::test {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string form_encode(const Fields& fields) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    for (const std::string* part : {&name, &value}) {
      for (unsigned char c : *part) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else {
          out += '%';
          out += kHex[c >> 4];
          out += kHex[c & 15];
        }
      }
      if (part == &name) out += '=';
    }
  }
  return out;
}

std::string csrf_field(const std::string& html) {
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return {};
  const auto start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

std::string input_value(const std::string& html, const std::string& id) {
  const auto at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const std::string marker = "value=\"";
  const auto v = html.find(marker, at);
  if (v == std::string::npos) return {};
  const auto start = v + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

std::string main_of(const std::string& html) {
  const auto start = html.find("<main");
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</main>", start) - start);
}

HttpResponse Browser::get(const std::string& target, std::map<std::string, std::string> headers) {
  if (!cookies_.empty()) headers["Cookie"] = cookie_header();
  return keep(server_.get(target, headers));
}

HttpResponse Browser::post(const std::string& target, const Fields& fields) {
  std::map<std::string, std::string> headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  if (!cookies_.empty()) headers["Cookie"] = cookie_header();
  return keep(server_.request("POST", target, form_encode(fields), headers));
}

std::string Browser::cookie(const std::string& name) const {
  const auto it = cookies_.find(name);
  return it == cookies_.end() ? std::string() : it->second;
}

HttpResponse Browser::sign_in(const std::string& email, const std::string& password, const std::string& next) {
  const std::string csrf = csrf_field(get("/connexion").body);
  Fields fields = {{"csrf", csrf}, {"email", email}, {"password", password}};
  if (!next.empty()) fields.emplace_back("next", next);
  return post("/connexion", fields);
}

std::string Browser::cookie_header() const {
  std::string h;
  for (const auto& [k, v] : cookies_) {
    if (!h.empty()) h += "; ";
    h += k;
    h += '=';
    h += v;
  }
  return h;
}

HttpResponse Browser::keep(HttpResponse r) {
  const std::string set = r.header("set-cookie");
  if (!set.empty()) {
    const auto eq = set.find('=');
    const auto semi = set.find(';');
    const std::string name = set.substr(0, eq);
    const std::string value = set.substr(eq + 1, semi - eq - 1);
    if (contains(set, "Max-Age=0") || value.empty()) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
  return r;
}

}  // namespace tc::test
