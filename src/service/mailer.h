// E-mail to people: the message format (RFC 5322 + MIME, UTF-8 throughout, 7-bit on the wire) and one way to
// deliver it, SMTP through libcurl. Use cases never talk to a mail server: they queue messages in the outbox,
// which delivers through a Mailer, so a slow or absent server costs a retry, not a request.
// What leaves here is checked: one plausible recipient, no line break in a header (no header injection),
// valid UTF-8; anything else is refused with a MailError whose message, in French, names the recipient.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tc::service {

struct Mail {
  std::string to;        // one bare address ("usager@example.org")
  std::string subject;   // UTF-8; sent as RFC 2047 encoded-words when not plain ASCII
  std::string text;      // UTF-8 plain text; lines end with \n (or \r\n); sent quoted-printable
  std::string reply_to;  // optional bare address
};

struct SmtpConfig {
  std::string url = "smtp://127.0.0.1:25";  // smtp:// or smtps:// (TLS from the start); a curl URL
  std::string from = "Télécentres du Cantal <ne-pas-repondre@telecentres-cantal.example>";
  std::string username, password;  // AUTH when username is not empty
  bool starttls = false;           // require STARTTLS on smtp:// (the transfer fails without it)
  long timeout_ms = 10000;         // for connecting and for the whole exchange
};

struct MailError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Delivers one message at a time. Implementations must be safe to call from several threads at once.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // Sends one message; throws MailError (French message naming the recipient and the cause) on failure.
  // Returning means the server accepted the message, not that it reached the mailbox.
  virtual void send(const Mail& mail) = 0;
};

class SmtpMailer final : public Mailer {
 public:
  // Checks the configuration (URL scheme, sender address) now; throws MailError when it cannot work.
  explicit SmtpMailer(SmtpConfig c);
  // One SMTP session per message; nothing is shared between calls, so concurrent calls are fine.
  void send(const Mail& mail) override;

 private:
  SmtpConfig config_;
  std::string from_address_;  // the bare address of config_.from, for MAIL FROM and the Message-ID
};

// The message as sent: headers Date, From, To, Reply-To (when given), Subject, Message-ID, MIME-Version,
// Content-Type (text/plain; charset=utf-8), Content-Transfer-Encoding (quoted-printable); a blank line; the
// body. CRLF line endings, header lines folded to at most 78 characters, only 7-bit bytes; ends with CRLF.
// Dot-stuffing is left to the SMTP client. The same arguments always give the same text.
// `date_rfc5322` as rfc5322_date() makes it; `message_id` as new_message_id() makes it, angle brackets included.
// Throws MailError when the mail or the sender cannot be sent safely (see the top of this file).
std::string format_message(const SmtpConfig& config, const Mail& mail, std::string_view date_rfc5322,
                           std::string_view message_id);

// "Thu, 03 Jul 2025 07:05:09 +0000": the RFC 5322 date-time in UTC, English names whatever the locale.
std::string rfc5322_date(std::chrono::system_clock::time_point t);

// "<32 random hex digits@domain>": a fresh, unguessable Message-ID for mail sent from `domain`.
std::string new_message_id(std::string_view domain);

// True for what looks like one deliverable address: ASCII, one '@', a non-empty local part (at most 64
// characters) and a dotted domain, no space, control character or address punctuation, at most 254 characters.
// Plausible, not verified: only the receiving server knows whether the mailbox exists.
bool plausible_address(std::string_view address);

}  // namespace tc::service
