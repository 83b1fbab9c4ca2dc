// E-mail: the message format on its own, then SmtpMailer against a real SMTP server (tests/service/smtp_sink.h)
// — what the server received is decoded here and compared with what was sent, accents included.
#include "service/mailer.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "smtp_sink.h"

namespace tc::service {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kDate = "Thu, 03 Jul 2025 07:05:09 +0000";
constexpr std::string_view kId = "<0123456789abcdef0123456789abcdef@telecentres-cantal.example>";

// ---- decoding what a mail client would decode ----

std::string base64_decode(std::string_view in) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : in) {
    const auto at = std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").find(c);
    if (at == std::string_view::npos) continue;  // '=' padding
    bits = (bits << 6U) | static_cast<std::uint32_t>(at);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> static_cast<unsigned>(count)) & 0xFFU);
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Quoted-printable body to text with \n line ends.
std::string decode_quoted_printable(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in.substr(i, 3) == "=\r\n") {
      i += 2;
    } else if (in[i] == '=' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    } else if (in.substr(i, 2) == "\r\n") {
      out += '\n';
      ++i;
    } else {
      out += in[i];
    }
  }
  return out;
}

// RFC 2047 encoded-words (B and Q) to UTF-8; whitespace between two encoded-words is dropped.
std::string decode_words(std::string_view v) {
  std::string out;
  std::string space;
  bool after_word = false;
  std::size_t i = 0;
  while (i < v.size()) {
    if (v.substr(i, 2) == "=?") {
      const auto q1 = v.find('?', i + 2);
      const auto end = q1 == std::string_view::npos ? q1 : v.find("?=", q1 + 3);
      if (end != std::string_view::npos) {
        const char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(v[q1 + 1])));
        const std::string_view text = v.substr(q1 + 3, end - q1 - 3);
        if (!after_word) out += space;
        space.clear();
        if (encoding == 'B') {
          out += base64_decode(text);
        } else {
          std::string q(text);
          std::replace(q.begin(), q.end(), '_', ' ');
          out += decode_quoted_printable(q);
        }
        after_word = true;
        i = end + 2;
        continue;
      }
    }
    if (v[i] == ' ' || v[i] == '\t') {
      space += v[i++];
      continue;
    }
    out += space;
    space.clear();
    out += v[i++];
    after_word = false;
  }
  return out + space;
}

struct Parsed {
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded, in order
  std::string body;                                          // as sent (still encoded)
  std::string get(std::string_view name) const {
    for (const auto& [n, v] : headers)
      if (std::equal(n.begin(), n.end(), name.begin(), name.end(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
        return v;
    return {};
  }
  int count(std::string_view name) const {
    return static_cast<int>(
        std::count_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name; }));
  }
};

Parsed parse(const std::string& message) {
  Parsed p;
  const auto split = message.find("\r\n\r\n");
  if (split == std::string::npos) return p;
  p.body = message.substr(split + 4);
  std::string head = message.substr(0, split + 2);
  for (std::size_t at; (at = head.find("\r\n ")) != std::string::npos;) head.erase(at, 2);  // unfold
  std::size_t start = 0;
  while (start < head.size()) {
    const auto end = head.find("\r\n", start);
    const std::string line = head.substr(start, end - start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      p.headers.emplace_back(line.substr(0, colon), value);
    }
    start = end + 2;
  }
  return p;
}

// Every line ends with CRLF, is 7-bit, and (headers and body) is at most `max` characters long.
void expect_wire_safe(const std::string& message, std::size_t max = 78) {
  EXPECT_TRUE(message.ends_with("\r\n"));
  std::size_t start = 0;
  while (start < message.size()) {
    const auto end = message.find('\n', start);
    ASSERT_NE(end, std::string::npos) << "last line without a line ending";
    ASSERT_GT(end, start) << "bare LF at " << end;
    EXPECT_EQ(message[end - 1], '\r') << "bare LF at " << end;
    const std::string line = message.substr(start, end - 1 - start);
    EXPECT_EQ(line.find('\r'), std::string::npos) << "bare CR in: " << line;
    EXPECT_LE(line.size(), max) << line;
    EXPECT_TRUE(std::all_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80U; }))
        << "8-bit byte in: " << line;
    start = end + 1;
  }
}

Mail french_mail() {
  Mail m;
  m.to = "usager@example.org";
  m.subject = "Réservation confirmée : poste n°3 à Saint-Flour — jeudi 3 juillet, matinée";
  m.text =
      "Bonjour Hélène,\n"
      "\n"
      "Votre réservation au télécentre de Saint-Flour est confirmée : jeudi 3 juillet, de 9 h à 12 h 30.\n"
      ". Une ligne qui commence par un point.\n"
      "From the start: une ligne qui commence par From.\n"
      "Tarif = 0 € (ZRR), avec des espaces à la fin   \n"
      "\tune tabulation, et un emoji 🖥️ pour finir.\n"
      "\n"
      "L'équipe des télécentres du Cantal\n";
  m.reply_to = "animation.saint-flour@example.org";
  return m;
}

// ---- the format on its own ----

TEST(FormatMessageTest, IsDeterministicGivenDateAndId) {
  const SmtpConfig config;
  Mail mail;
  mail.to = "usager@example.org";
  mail.subject = "Rappel de votre reservation";
  mail.text = "Bonjour,\nÀ demain = 9 h.\n";
  const std::string expected =
      "Date: Thu, 03 Jul 2025 07:05:09 +0000\r\n"
      "From: =?UTF-8?B?VMOpbMOpY2VudHJlcyBkdSBDYW50YWw=?=\r\n"
      " <ne-pas-repondre@telecentres-cantal.example>\r\n"
      "To: usager@example.org\r\n"
      "Subject: Rappel de votre reservation\r\n"
      "Message-ID: <0123456789abcdef0123456789abcdef@telecentres-cantal.example>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Bonjour,\r\n"
      "=C3=80 demain =3D 9 h.\r\n";
  EXPECT_EQ(format_message(config, mail, kDate, kId), expected);
  EXPECT_EQ(format_message(config, mail, kDate, kId), format_message(config, mail, kDate, kId));
}

TEST(FormatMessageTest, AccentsAreEncodedAndDecodeBackExactly) {
  const Mail mail = french_mail();
  const std::string message = format_message(SmtpConfig{}, mail, kDate, kId);
  expect_wire_safe(message);
  const Parsed p = parse(message);
  EXPECT_EQ(decode_words(p.get("Subject")), mail.subject);
  EXPECT_EQ(decode_words(p.get("From")), "Télécentres du Cantal <ne-pas-repondre@telecentres-cantal.example>");
  EXPECT_EQ(p.get("Reply-To"), mail.reply_to);
  EXPECT_EQ(decode_quoted_printable(p.body), mail.text);
}

TEST(FormatMessageTest, LongSubjectsAndLinesAreFoldedWithoutLoss) {
  Mail mail;
  mail.to = "usager@example.org";
  for (int i = 0; i < 12; ++i) mail.subject += "Électricité, ŒUVRES et dégâts ";
  mail.subject += "fin";
  std::string ascii_subject(150, 'x');
  for (int i = 0; i < 40; ++i) mail.text += "é=à ";
  mail.text += "\n" + std::string(300, 'a') + "\nfin sans retour";
  const std::string message = format_message(SmtpConfig{}, mail, kDate, kId);
  expect_wire_safe(message);
  const Parsed p = parse(message);
  EXPECT_EQ(decode_words(p.get("Subject")), mail.subject);
  EXPECT_EQ(decode_quoted_printable(p.body), mail.text + "\n");  // the last line gets its line ending

  mail.subject = ascii_subject;  // too long for one line: encoded too, rather than an overlong line
  const Parsed q = parse(format_message(SmtpConfig{}, mail, kDate, kId));
  EXPECT_EQ(decode_words(q.get("Subject")), ascii_subject);
}

TEST(FormatMessageTest, AsciiThatLooksEncodedIsEncoded) {
  Mail mail;
  mail.to = "usager@example.org";
  mail.subject = "=?UTF-8?B?cGnDqGdl?=";  // would otherwise be shown as "piège"
  const Parsed p = parse(format_message(SmtpConfig{}, mail, kDate, kId));
  EXPECT_NE(p.get("Subject"), mail.subject);
  EXPECT_EQ(decode_words(p.get("Subject")), mail.subject);
}

TEST(FormatMessageTest, LineEndingsOfTheTextBecomeCrlf) {
  Mail mail;
  mail.to = "usager@example.org";
  mail.text = "un\r\ndeux\ntrois\rquatre\n\n";
  const Parsed p = parse(format_message(SmtpConfig{}, mail, kDate, kId));
  EXPECT_EQ(p.body, "un\r\ndeux\r\ntrois\r\nquatre\r\n\r\n");
}

TEST(FormatMessageTest, ReplyToOnlyWhenGiven) {
  Mail mail = french_mail();
  EXPECT_EQ(parse(format_message(SmtpConfig{}, mail, kDate, kId)).count("Reply-To"), 1);
  mail.reply_to.clear();
  EXPECT_EQ(parse(format_message(SmtpConfig{}, mail, kDate, kId)).count("Reply-To"), 0);
}

TEST(FormatMessageTest, SenderNamesAreQuotedOrEncodedAsNeeded) {
  Mail mail;
  mail.to = "usager@example.org";
  SmtpConfig config;
  config.from = "Telecentres du Cantal <contact@example.org>";
  EXPECT_EQ(parse(format_message(config, mail, kDate, kId)).get("From"), "Telecentres du Cantal <contact@example.org>");
  config.from = "Cantal, \"telecentres\" <contact@example.org>";
  EXPECT_EQ(parse(format_message(config, mail, kDate, kId)).get("From"),
            "\"Cantal, \\\"telecentres\\\"\" <contact@example.org>");
  config.from = "contact@example.org";
  EXPECT_EQ(parse(format_message(config, mail, kDate, kId)).get("From"), "contact@example.org");
  config.from = "Sans adresse";
  EXPECT_THROW(format_message(config, mail, kDate, kId), MailError);
  config.from = "Injection <contact@example.org>\r\nBcc: x@example.org";
  EXPECT_THROW(format_message(config, mail, kDate, kId), MailError);
}

TEST(FormatMessageTest, LineBreaksInHeadersAreRefused) {
  for (const std::string bad : {"Objet\r\nBcc: cible@example.org", "Objet\nBcc: cible@example.org", "Objet\rX"}) {
    Mail mail;
    mail.to = "usager@example.org";
    mail.subject = bad;
    EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, kId), MailError) << bad;
    mail.subject = "Objet";
    mail.reply_to = "a@example.org" + bad;
    EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, kId), MailError) << bad;
    mail.reply_to.clear();
    mail.to = "usager@example.org" + bad;
    EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, kId), MailError) << bad;
  }
}

TEST(FormatMessageTest, InvalidUtf8IsRefused) {
  Mail mail;
  mail.to = "usager@example.org";
  mail.subject = "caf\xE9";  // Latin-1, not UTF-8
  EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, kId), MailError);
  mail.subject = "café";
  mail.text = "\xC3\x28";
  EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, kId), MailError);
  mail.text = "\xED\xA0\x80";  // a surrogate
  EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, kId), MailError);
  mail.text = "\xC3";  // cut short
  EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, kId), MailError);
}

TEST(FormatMessageTest, MalformedMessageIdIsRefused) {
  Mail mail;
  mail.to = "usager@example.org";
  EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, "sans-chevrons@example.org"), MailError);
  EXPECT_THROW(format_message(SmtpConfig{}, mail, kDate, "<a@example.org>\r\nBcc: x@example.org"), MailError);
}

TEST(MailHelpersTest, DateIsRfc5322InUtcWithEnglishNames) {
  const auto t = std::chrono::sys_days{std::chrono::year{2025} / std::chrono::July / 3} + 7h + 5min + 9s;
  EXPECT_EQ(rfc5322_date(t), kDate);
  EXPECT_EQ(rfc5322_date(std::chrono::sys_days{std::chrono::year{2024} / std::chrono::February / 29} + 23h + 59min),
            "Thu, 29 Feb 2024 23:59:00 +0000");
}

TEST(MailHelpersTest, MessageIdsAreRandomAndAtTheDomain) {
  const std::regex shape(R"(<[0-9a-f]{32}@telecentres-cantal\.example>)");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string id = new_message_id("telecentres-cantal.example");
    EXPECT_TRUE(std::regex_match(id, shape)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100U);
}

TEST(MailHelpersTest, PlausibleAddresses) {
  for (const char* good : {"usager@example.org", "prenom.nom+tag@sous.domaine.fr", "a@b.co"})
    EXPECT_TRUE(plausible_address(good)) << good;
  const std::string local64(64, 'a');
  EXPECT_TRUE(plausible_address(local64 + "@example.org"));
  EXPECT_FALSE(plausible_address(local64 + "a@example.org"));
  EXPECT_FALSE(plausible_address(local64 + "@" + std::string(190, 'b') + ".org"));  // 255 characters
  for (const char* bad :
       {"", "sans-arobase.example.org", "deux@@example.org", "a@b@example.org", "espace @example.org", "@example.org",
        "usager@", "usager@localhost", "usager@.example.org", "usager@example..org", "Nom <usager@example.org>",
        "usager@example.org,autre@example.org", "élodie@example.org", "usager@example.org\r\n", "usager@exa\tmple.org"})
    EXPECT_FALSE(plausible_address(bad)) << bad;
}

TEST(SmtpMailerConfigTest, BadConfigurationIsRefusedAtOnce) {
  SmtpConfig config;
  config.url = "http://127.0.0.1:25";
  EXPECT_THROW(SmtpMailer{config}, MailError);
  config.url = "smtp://127.0.0.1:25";
  config.from = "personne";
  EXPECT_THROW(SmtpMailer{config}, MailError);
  config.from = SmtpConfig{}.from;
  config.timeout_ms = 0;
  EXPECT_THROW(SmtpMailer{config}, MailError);
}

// ---- through a real SMTP server ----

class SmtpMailerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    try {
      sink_ = std::make_unique<test::SmtpSink>();
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
  }
  SmtpConfig config() const {
    SmtpConfig c;
    c.url = sink_->url();
    c.timeout_ms = 5000;
    return c;
  }
  std::unique_ptr<test::SmtpSink> sink_;
};

TEST_F(SmtpMailerTest, FrenchMessageArrivesIntact) {
  SmtpMailer mailer(config());
  const Mail mail = french_mail();
  mailer.send(mail);

  const auto received = sink_->wait_for(1);
  ASSERT_EQ(received.size(), 1U);
  EXPECT_EQ(received[0].mail_from, "ne-pas-repondre@telecentres-cantal.example");
  EXPECT_EQ(received[0].rcpt_to, std::vector<std::string>{"usager@example.org"});
  expect_wire_safe(received[0].data);
  const Parsed p = parse(received[0].data);
  EXPECT_EQ(p.get("To"), "usager@example.org");
  EXPECT_EQ(decode_words(p.get("From")), "Télécentres du Cantal <ne-pas-repondre@telecentres-cantal.example>");
  EXPECT_EQ(decode_words(p.get("Subject")), mail.subject);
  EXPECT_EQ(p.get("Reply-To"), "animation.saint-flour@example.org");
  EXPECT_EQ(p.get("MIME-Version"), "1.0");
  EXPECT_EQ(p.get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(p.get("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_TRUE(
      std::regex_match(p.get("Date"), std::regex(R"([A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000)")))
      << p.get("Date");
  EXPECT_EQ(decode_quoted_printable(p.body), mail.text);  // the line starting with '.' survived dot-stuffing
}

TEST_F(SmtpMailerTest, EachSendHasItsOwnMessageId) {
  SmtpMailer mailer(config());
  Mail mail = french_mail();
  mailer.send(mail);
  mailer.send(mail);
  const auto received = sink_->wait_for(2);
  ASSERT_EQ(received.size(), 2U);
  const std::string first = parse(received[0].data).get("Message-ID");
  const std::string second = parse(received[1].data).get("Message-ID");
  const std::regex shape(R"(<[0-9a-f]{32}@telecentres-cantal\.example>)");
  EXPECT_TRUE(std::regex_match(first, shape)) << first;
  EXPECT_TRUE(std::regex_match(second, shape)) << second;
  EXPECT_NE(first, second);
}

TEST_F(SmtpMailerTest, LineBreakInSubjectIsRefusedWithoutSending) {
  SmtpMailer mailer(config());
  Mail mail = french_mail();
  mail.subject = "Réservation\r\nBcc: tout-le-monde@example.org";
  try {
    mailer.send(mail);
    ADD_FAILURE() << "a subject with CRLF was sent";
  } catch (const MailError& e) {
    EXPECT_NE(std::string(e.what()).find("usager@example.org"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("objet"), std::string::npos) << e.what();
  }
  mail.subject = "Réservation\nBcc: tout-le-monde@example.org";
  EXPECT_THROW(mailer.send(mail), MailError);
  EXPECT_EQ(sink_->connections(), 0);
  EXPECT_TRUE(sink_->messages().empty());
}

TEST_F(SmtpMailerTest, ImplausibleRecipientIsRefusedWithoutSending) {
  SmtpMailer mailer(config());
  Mail mail = french_mail();
  for (const std::string& bad : std::vector<std::string>{"", "sans-arobase", "deux@@example.org", "espace @example.org",
                                                         "usager@example.org\r\nRCPT TO:<autre@example.org>",
                                                         std::string(250, 'a') + "@x.org"}) {
    mail.to = bad;
    try {
      mailer.send(mail);
      ADD_FAILURE() << "sent to " << bad;
    } catch (const MailError& e) {
      EXPECT_NE(std::string(e.what()).find("Adresse de destinataire invalide"), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "the message carries the line break";
    }
  }
  EXPECT_EQ(sink_->connections(), 0);
  EXPECT_TRUE(sink_->messages().empty());
}

TEST_F(SmtpMailerTest, RecipientRefusedByTheServerGivesMailErrorNamingIt) {
  SmtpMailer mailer(config());
  Mail mail = french_mail();
  mail.to = "refuse-moi@example.org";
  try {
    mailer.send(mail);
    ADD_FAILURE() << "the server's refusal went unnoticed";
  } catch (const MailError& e) {
    EXPECT_NE(std::string(e.what()).find("refuse-moi@example.org"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("550"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(sink_->messages().empty());
}

TEST_F(SmtpMailerTest, ConcurrentSendsAllArrive) {
  SmtpMailer mailer(config());
  constexpr std::size_t kThreads = 4;
  constexpr std::size_t kEach = 5;
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < kEach; ++i) {
        Mail mail = french_mail();
        mail.subject = "Envoi n°" + std::to_string(t * kEach + i);
        try {
          mailer.send(mail);
        } catch (const MailError& e) {
          const std::lock_guard lock(mutex);
          failures.emplace_back(e.what());
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  const auto received = sink_->wait_for(kThreads * kEach);
  std::set<std::string> subjects;
  for (const auto& r : received) subjects.insert(decode_words(parse(r.data).get("Subject")));
  EXPECT_EQ(subjects.size(), kThreads * kEach);
}

// ---- when the server is not there ----

// A loopback port that nothing listens on (bound, then released).
unsigned short closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("cannot find a free loopback port");
  close(fd);
  return ntohs(address.sin_port);
}

TEST(SmtpMailerUnreachableTest, ServerNotListeningGivesMailErrorQuickly) {
  SmtpConfig config;
  config.url = "smtp://127.0.0.1:" + std::to_string(closed_port());
  config.timeout_ms = 1000;
  SmtpMailer mailer(config);
  const auto start = std::chrono::steady_clock::now();
  try {
    mailer.send(french_mail());
    ADD_FAILURE() << "sent to a closed port";
  } catch (const MailError& e) {
    EXPECT_NE(std::string(e.what()).find("Échec de l'envoi du courriel à usager@example.org"), std::string::npos)
        << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(SmtpMailerUnreachableTest, SilentServerTimesOut) {
  // Listens (the kernel completes the handshake) but never says a word.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);

  SmtpConfig config;
  config.url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  config.timeout_ms = 300;
  SmtpMailer mailer(config);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(mailer.send(french_mail()), MailError);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  close(fd);
}

TEST(SmtpSinkTest, MissingPythonSaysHowToInstall) {
  try {
    const test::SmtpSink sink("/nonexistent/python3");
    ADD_FAILURE() << "a sink started without Python";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("scripts/install-deps.sh --test"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace tc::service
