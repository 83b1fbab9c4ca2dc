// Drives the HTML pages as a browser without JavaScript does: cookies kept between requests (Set-Cookie kept,
// Max-Age=0 forgets), forms posted as application/x-www-form-urlencoded, redirects left for the test to read from
// Location. Shared by the page tests, over a ServerProcess running the demo.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "server_process.h"

namespace tc::test {

// The demo's accounts.
inline const std::string kAdmin = "admin@demo.telecentres.example";
inline const std::string kAdminPassword = "demo-conseil-cantal";
inline const std::string kTeleworker = "teleworker@demo.telecentres.example";
inline const std::string kTeleworkerPassword = "demo-teletravail-cantal";
inline const std::string kMuratHost = "accueil.murat@demo.telecentres.example";
inline const std::string kMuratHostPassword = "demo-accueil-murat";
inline const std::string kSaintFlourHost = "accueil.saint-flour@demo.telecentres.example";
inline const std::string kSaintFlourHostPassword = "demo-accueil-saint-flour";

// A form's fields, in the order they are posted.
using Fields = std::vector<std::pair<std::string, std::string>>;

bool contains(const std::string& haystack, const std::string& needle);

// The fields as an application/x-www-form-urlencoded body (every byte but A-Z a-z 0-9 - _ . ~ percent-encoded).
std::string form_encode(const Fields& fields);

// The value of the first hidden `csrf` field of a page.
std::string csrf_field(const std::string& html);

// The value of the input of that id.
std::string input_value(const std::string& html, const std::string& id);

// The page's <main> element: what differs between two pages, without the header's and footer's links.
std::string main_of(const std::string& html);

// A browser's cookie jar over the test server: Set-Cookie is kept, Max-Age=0 (or an empty value) forgets.
class Browser {
 public:
  explicit Browser(const ServerProcess& server) : server_(server) {}

  // The jar's cookies replace any Cookie header given.
  HttpResponse get(const std::string& target, std::map<std::string, std::string> headers = {});
  HttpResponse post(const std::string& target, const Fields& fields);

  std::string cookie(const std::string& name) const;  // "" when the jar has none
  void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  void forget(const std::string& name) { cookies_.erase(name); }

  // Signs in through the form (its token read from GET /connexion); returns the answer to the POST: 303 to
  // `next` (when given) or /compte when it worked.
  HttpResponse sign_in(const std::string& email, const std::string& password, const std::string& next = {});

 private:
  std::string cookie_header() const;
  HttpResponse keep(HttpResponse r);

  const ServerProcess& server_;
  std::map<std::string, std::string> cookies_;
};

}  // namespace tc::test
