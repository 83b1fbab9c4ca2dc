// Message formatting and SMTP delivery (see mailer.h). The format is written by hand rather than through curl's
// MIME API so that it is deterministic, testable without a server, and checked for header injection in one place.
#include "service/mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>
#include <utility>
#include <vector>

namespace tc::service {

namespace {

constexpr std::size_t kMaxHeaderLine = 78;     // RFC 5322 §2.1.1: SHOULD not exceed 78 characters
constexpr std::size_t kMaxQuotedLine = 76;     // RFC 2045 §6.7: encoded lines at most 76 characters
constexpr std::size_t kEncodedWordBytes = 39;  // UTF-8 bytes per encoded-word: "Subject: " + 64 fits in 76

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80U) {
      ++i;
      continue;
    }
    if (c >= 0xC2U && c <= 0xDFU) {
      extra = 1;
      cp = c & 0x1FU;
    } else if (c >= 0xE0U && c <= 0xEFU) {
      extra = 2;
      cp = c & 0x0FU;
    } else if (c >= 0xF0U && c <= 0xF4U) {
      extra = 3;
      cp = c & 0x07U;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if (!is_continuation(cc)) return false;
      cp = (cp << 6U) | (cc & 0x3FU);
    }
    if ((extra == 2 && cp < 0x800U) || (extra == 3 && cp < 0x10000U) || cp > 0x10FFFFU ||
        (cp >= 0xD800U && cp <= 0xDFFFU))
      return false;
    i += extra + 1;
  }
  return true;
}

// For error messages: shows line breaks and control characters instead of letting them reach a log or a page,
// and keeps long garbage short (cut on a character boundary).
std::string printable(std::string_view s) {
  constexpr std::size_t kMax = 80;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (out.size() >= kMax && !is_continuation(c)) {
      out += "…";
      break;
    }
    if (c == '\r')
      out += "\\r";
    else if (c == '\n')
      out += "\\n";
    else if (c < 0x20U || c == 0x7FU)
      out += '?';
    else
      out += static_cast<char>(c);
  }
  return out;
}

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const std::uint32_t n = (static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16U) |
                            (static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8U) |
                            static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(n >> 18U) & 63U];
    out += kAlphabet[(n >> 12U) & 63U];
    out += kAlphabet[(n >> 6U) & 63U];
    out += kAlphabet[n & 63U];
  }
  if (const std::size_t rest = in.size() - i; rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16U;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8U;
    out += kAlphabet[(n >> 18U) & 63U];
    out += kAlphabet[(n >> 12U) & 63U];
    out += rest == 2 ? kAlphabet[(n >> 6U) & 63U] : '=';
    out += '=';
  }
  return out;
}

// RFC 2047 "B" encoded-words, each holding whole UTF-8 characters (§5: a character is never split).
std::vector<std::string> encoded_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(start + kEncodedWordBytes, text.size());
    while (end < text.size() && end > start + 1 && is_continuation(static_cast<unsigned char>(text[end]))) --end;
    words.push_back("=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

bool plain_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20U && c < 0x7FU;
  });
}

// "Name: token token…", folded before a token that would take the line past 78 characters. Tokens are never
// cut, so a single long one (a 254-character address) makes a longer line, still far below the 998 limit.
std::string header(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out(name);
  out += ':';
  std::size_t line = out.size();
  bool first = true;
  for (const auto& token : tokens) {
    if (!first && line + 1 + token.size() > kMaxHeaderLine) {
      out += "\r\n";
      line = 0;
    }
    out += ' ';
    out += token;
    line += 1 + token.size();
    first = false;
  }
  out += "\r\n";
  return out;
}

std::vector<std::string> subject_tokens(std::string_view subject) {
  // Plain when it is short printable ASCII that no decoder could take for an encoded-word; encoded otherwise.
  if (plain_ascii(subject) && subject.find("=?") == std::string_view::npos &&
      std::string_view("Subject: ").size() + subject.size() <= kMaxHeaderLine)
    return {std::string(subject)};
  return encoded_words(subject);
}

bool is_atext_or_space(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == ' ' ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

struct Sender {
  std::string display_name;
  std::string address;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "Name <address>", "\"Name\" <address>", "<address>" or "address".
Sender parse_sender(std::string_view from) {
  const auto refuse = [&] {
    return MailError("Configuration SMTP invalide : adresse d'expéditeur illisible « " + printable(from) + " ».");
  };
  if (has_line_break(from) || !valid_utf8(from)) throw refuse();
  Sender sender;
  const std::string_view f = trim(from);
  if (!f.empty() && f.back() == '>') {
    const auto open = f.rfind('<');
    if (open == std::string_view::npos) throw refuse();
    sender.address = std::string(f.substr(open + 1, f.size() - open - 2));
    std::string_view name = trim(f.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
      for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '\\' && i + 1 < name.size()) ++i;
        sender.display_name += name[i];
      }
    } else {
      sender.display_name = std::string(name);
    }
  } else {
    sender.address = std::string(f);
  }
  if (!plausible_address(sender.address)) throw refuse();
  return sender;
}

std::vector<std::string> from_tokens(const Sender& sender) {
  if (sender.display_name.empty()) return {sender.address};
  std::vector<std::string> tokens;
  const std::string_view name = sender.display_name;
  if (plain_ascii(name) && name.find("=?") == std::string_view::npos) {
    if (std::all_of(name.begin(), name.end(), is_atext_or_space)) {
      tokens.emplace_back(name);
    } else {
      std::string quoted = "\"";
      for (const char c : name) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      tokens.push_back(quoted + "\"");
    }
  } else {
    tokens = encoded_words(name);
  }
  tokens.push_back("<" + sender.address + ">");
  return tokens;
}

// Quoted-printable (RFC 2045 §6.7): \n, \r\n or a lone \r end a line and become CRLF; '=', non-ASCII, control
// characters and whitespace at the end of a line are escaped; lines longer than 76 get soft breaks.
std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 4 + 8);
  const auto encode_line = [&](std::string_view line) {
    std::size_t length = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool last = i + 1 == line.size();
      std::array<char, 3> token{};
      std::size_t n = 1;
      if ((c >= 33U && c <= 126U && c != '=') || ((c == ' ' || c == '\t') && !last)) {
        token[0] = static_cast<char>(c);
      } else {
        token = {'=', kHex[c >> 4U], kHex[c & 15U]};
        n = 3;
      }
      // Room for the soft break's '=' unless this is the line's last token.
      const std::size_t limit = last ? kMaxQuotedLine : kMaxQuotedLine - 1;
      if (length + n > limit) {
        out += "=\r\n";
        length = 0;
      }
      out.append(token.data(), n);
      length += n;
    }
    out += "\r\n";
  };
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) {
      encode_line(text.substr(start));
      break;
    }
    encode_line(text.substr(start, end - start));
    start = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
  }
  return out;
}

// Everything about a Mail that must hold before it is formatted or sent.
void check_mail(const Mail& mail) {
  if (!plausible_address(mail.to))
    throw MailError("Adresse de destinataire invalide : « " + printable(mail.to) + " ». Le courriel n'est pas envoyé.");
  const std::string refused = "Courriel pour " + mail.to + " refusé : ";
  if (has_line_break(mail.subject)) throw MailError(refused + "l'objet contient un retour à la ligne.");
  if (!valid_utf8(mail.subject)) throw MailError(refused + "l'objet n'est pas un texte UTF-8 valide.");
  if (!valid_utf8(mail.text)) throw MailError(refused + "le texte n'est pas un texte UTF-8 valide.");
  if (has_line_break(mail.reply_to)) throw MailError(refused + "l'adresse de réponse contient un retour à la ligne.");
  if (!mail.reply_to.empty() && !plausible_address(mail.reply_to))
    throw MailError(refused + "adresse de réponse invalide « " + printable(mail.reply_to) + " ».");
}

void init_curl_once() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK)
    throw MailError(std::string("Impossible d'initialiser l'envoi de courriels (libcurl) : ") +
                    curl_easy_strerror(result));
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

bool plausible_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.empty() || local.size() > 64 || domain.empty()) return false;
  for (const char ch : address) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20U || c >= 0x7FU || std::string_view("<>()[],;:\\\"").find(ch) != std::string_view::npos) return false;
  }
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && domain.front() != '.' && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos && domain.front() != '-';
}

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  std::array<char, 40> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays.at(tm.tm_wday), tm.tm_mday,
                kMonths.at(tm.tm_mon), tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer.data();
}

std::string new_message_id(std::string_view domain) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device random;  // the kernel's generator: unguessable, and safe to use from several threads
  std::string id = "<";
  for (int i = 0; i < 4; ++i) {
    std::uint32_t bits = random();
    for (int k = 0; k < 8; ++k, bits >>= 4U) id += kHex[bits & 15U];
  }
  id += '@';
  id += domain;
  id += '>';
  return id;
}

std::string format_message(const SmtpConfig& config, const Mail& mail, std::string_view date_rfc5322,
                           std::string_view message_id) {
  check_mail(mail);
  const Sender sender = parse_sender(config.from);
  if (date_rfc5322.empty() || !plain_ascii(date_rfc5322))
    throw MailError("Date de courriel invalide : « " + printable(date_rfc5322) + " ».");
  if (message_id.size() < 5 || message_id.front() != '<' || message_id.back() != '>' ||
      !plausible_address(message_id.substr(1, message_id.size() - 2)))
    throw MailError("Identifiant de courriel (Message-ID) invalide : « " + printable(message_id) + " ».");

  std::string out;
  out.reserve(512 + mail.text.size() * 3 / 2);
  out += header("Date", {std::string(date_rfc5322)});
  out += header("From", from_tokens(sender));
  out += header("To", {mail.to});
  if (!mail.reply_to.empty()) out += header("Reply-To", {mail.reply_to});
  out += header("Subject", subject_tokens(mail.subject));
  out += header("Message-ID", {std::string(message_id)});
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += quoted_printable(mail.text);
  return out;
}

SmtpMailer::SmtpMailer(SmtpConfig c) : config_(std::move(c)) {
  if (!config_.url.starts_with("smtp://") && !config_.url.starts_with("smtps://"))
    throw MailError("Configuration SMTP invalide : l'adresse du serveur doit commencer par smtp:// ou smtps:// (« " +
                    printable(config_.url) + " »).");
  if (config_.timeout_ms <= 0)
    throw MailError("Configuration SMTP invalide : le délai d'attente doit être positif (" +
                    std::to_string(config_.timeout_ms) + " ms).");
  from_address_ = parse_sender(config_.from).address;
  init_curl_once();
}

void SmtpMailer::send(const Mail& mail) {
  check_mail(mail);
  const std::string domain = from_address_.substr(from_address_.find('@') + 1);
  const std::string message =
      format_message(config_, mail, rfc5322_date(std::chrono::system_clock::now()), new_message_id(domain));

  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw MailError("Échec de l'envoi du courriel à " + mail.to + " : libcurl n'a pas pu démarrer.");
  const std::string mail_from = "<" + from_address_ + ">";
  const std::string rcpt = "<" + mail.to + ">";
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(curl_slist_append(nullptr, rcpt.c_str()),
                                                                               &curl_slist_free_all);
  if (!recipients) throw MailError("Échec de l'envoi du courriel à " + mail.to + " : mémoire insuffisante.");
  Upload upload{message, 0};
  std::array<char, CURL_ERROR_SIZE> error{};

  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error.data());
  curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: we run among the server's threads
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, config_.timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, config_.timeout_ms);
  if (config_.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);

  const CURLcode result = curl_easy_perform(h);
  if (result != CURLE_OK) {
    std::string cause = curl_easy_strerror(result);
    if (error[0] != '\0') cause += std::string(" (") + error.data() + ")";
    throw MailError("Échec de l'envoi du courriel à " + mail.to + " : " + cause + ".");
  }
}

}  // namespace tc::service
