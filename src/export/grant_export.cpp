#include "export/grant_export.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "export/csv_writer.h"
#include "export/xlsx_book.h"

namespace tc::exports {

namespace {

using domain::Cents;
using domain::GrantLine;
using xlsx::cell;

double eur(Cents c) { return static_cast<double>(c) / 100.0; }

std::string fr_date(domain::Date d) {
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf.data();
}

std::string amounts_text(const domain::GrantRuleset& r) {
  using domain::format_euros;
  return "En ZRR : " + format_euros(r.centre_zrr_cents) + " par centre et " + format_euros(r.post_zrr_cents) +
         " par poste occupé ; hors ZRR : " + format_euros(r.centre_other_cents) + " par centre et " +
         format_euros(r.post_other_cents) + " par poste occupé ; enveloppe : " + format_euros(r.envelope_cents) + ".";
}

std::string occupancy_text(const domain::OccupancyRule& rule) {
  const std::string share = std::to_string(rule.booked_share_percent) + " % de ses demi-journées d'ouverture";
  const bool bookings = rule.booked_share_percent > 0;
  if (rule.agreements_count && bookings)
    return "Un poste est occupé s'il est couvert par une convention d'occupation, ou réservé au moins " + share + ".";
  if (rule.agreements_count)
    return "Un poste est occupé s'il est couvert par une convention d'occupation (les réservations ne comptent pas).";
  if (bookings) return "Un poste est occupé s'il est réservé au moins " + share + " (les conventions ne comptent pas).";
  return "Aucun poste n'est compté occupé sous ce barème.";
}

// The words of the "Postes occupés" sheet's last column; its subtotals count the cells that are not kNotOccupied.
constexpr std::string_view kNotOccupied = "Non occupé";

std::string counted_label(const domain::OccupancyRule& rule, domain::OccupiedBy by) {
  switch (by) {
    case domain::OccupiedBy::Agreement: return "Convention";
    case domain::OccupiedBy::Bookings: return "Réservations ≥ " + std::to_string(rule.booked_share_percent) + " %";
    case domain::OccupiedBy::None: break;
  }
  return std::string(kNotOccupied);
}

// ---- sheet "État" ----

enum Col { kName = 0, kCommune, kStatus, kZrr, kBase, kPosts, kPerPost, kTotal };

// One line per centre from `row`; returns the first row after them. The total is a formula over the line's own
// cells, so a reviewer sees how it is made and a corrected input recalculates.
int write_lines(xlsx::Sheet& sh, const xlsx::Formats& f, const std::vector<GrantLine>& lines, int row) {
  for (const auto& l : lines) {
    sh.text(row, kName, l.name);
    sh.text(row, kCommune, l.commune);
    sh.text(row, kStatus, status_label_fr(l.status));
    sh.text(row, kZrr, l.zrr ? "Oui" : "Non");
    sh.number(row, kBase, eur(l.base_cents), f.euros);
    sh.number(row, kPosts, l.occupied_posts, f.integer);
    sh.number(row, kPerPost, eur(l.per_post_cents), f.euros);
    sh.formula(row, kTotal, "=" + cell(row, kBase) + "+" + cell(row, kPosts) + "*" + cell(row, kPerPost),
               eur(l.total_cents), f.euros);
    ++row;
  }
  return row;
}

void write_header(xlsx::Sheet& sh, const xlsx::Formats& f, int row, std::string_view posts_header) {
  const std::array<std::string_view, 8> headers{"Centre",     "Commune",           "Statut", "ZRR", "Montant de base",
                                                posts_header, "Montant par poste", "Total"};
  for (int c = 0; c < static_cast<int>(headers.size()); ++c)
    sh.text(row, c, headers[static_cast<std::size_t>(c)], f.header);
}

// The sum of the lines in [first, end) of the total column; with no line, a plain 0 (an empty SUM range cannot be
// written).
void write_sum(xlsx::Sheet& sh, const xlsx::Formats& f, int row, int first, int end, Cents cached) {
  if (end > first)
    sh.formula(row, kTotal, "=SUM(" + cell(first, kTotal) + ":" + cell(end - 1, kTotal) + ")", eur(cached),
               f.euros_bold);
  else
    sh.number(row, kTotal, 0, f.euros_bold);
}

void write_statement_sheet(xlsx::Book& book, const domain::GrantRuleset& r, const domain::GrantStatement& s,
                           const std::string& generated_at) {
  const auto& f = book.formats();
  const std::string sheet_name = "État";
  xlsx::Sheet sh = book.add_sheet(sheet_name);
  const std::array<double, 8> widths{40, 22, 20, 6, 16, 10, 16, 16};
  for (int c = 0; c < static_cast<int>(widths.size()); ++c) sh.width(c, widths[static_cast<std::size_t>(c)]);
  sh.landscape_one_page_wide();

  int row = 0;
  sh.text(row++, 0, "État récapitulatif de la subvention FNADT — réseau des télécentres", f.title);
  sh.text(row, 0, "Barème", f.bold);
  sh.text(row, 1, r.name);
  sh.text(row++, 2, r.description);
  sh.text(row, 0, "Période du", f.bold);
  sh.date(row, 1, s.from, f.date);
  sh.text(row, 2, "au");
  sh.date(row++, 3, s.to, f.date);
  sh.text(row, 0, "Classement ZRR au", f.bold);
  sh.date(row, 1, s.zrr_date, f.date);
  sh.text(row++, 2, "premier jour de la période : la commune compte en ZRR si elle l'est à cette date", f.italic);
  sh.text(row, 0, "Statut au", f.bold);
  sh.date(row, 1, s.status_date, f.date);
  sh.text(row++, 2, "dernier jour de la période : seuls les centres en cours d'ouverture ou en service sont éligibles",
          f.italic);
  sh.text(row, 0, "Montants du barème", f.bold);
  sh.text(row++, 1, amounts_text(r));
  sh.text(row, 0, "Poste occupé", f.bold);
  sh.text(row++, 1, occupancy_text(r.occupancy));
  for (const auto& w : s.warnings) {
    sh.text(row, 0, "Attention", f.bold);
    sh.text(row++, 1, w.message_fr);
  }
  ++row;

  const int header = row++;
  write_header(sh, f, header, "Postes occupés");
  sh.freeze_rows(header + 1);
  const int first = row;
  row = write_lines(sh, f, s.centres, row);
  if (s.centres.empty()) sh.text(row++, kName, "Aucun centre éligible sur la période.", f.italic);
  const int end = first + static_cast<int>(s.centres.size());

  const auto label = [&](int at, std::string_view text) { sh.text(at, kName, text, f.bold); };
  const int total = row++;
  label(total, "Total du réseau");
  write_sum(sh, f, total, first, end, s.total_cents);
  const int envelope = row++;
  label(envelope, "Enveloppe du programme");
  sh.number(envelope, kTotal, eur(s.envelope_cents), f.euros_bold);
  const int payable = row++;
  label(payable, "Montant payable (plafonné à l'enveloppe)");
  sh.formula(payable, kTotal, "=MIN(" + cell(total, kTotal) + "," + cell(envelope, kTotal) + ")", eur(s.payable_cents),
             f.euros_bold);
  const int shortfall = row++;
  label(shortfall, "Dépassement non financé");
  sh.formula(shortfall, kTotal, "=" + cell(total, kTotal) + "-" + cell(payable, kTotal), eur(s.shortfall_cents),
             f.euros_bold);
  const int remaining = row++;
  label(remaining, "Reste de l'enveloppe");
  sh.formula(remaining, kTotal, "=" + cell(envelope, kTotal) + "-" + cell(payable, kTotal), eur(s.remaining_cents),
             f.euros_bold);

  // Names a reader (or another workbook) can refer to instead of cell addresses.
  const auto name = [&](const char* n, int at) { book.define(n, "='" + sheet_name + "'!" + cell(at, kTotal, true)); };
  name("Total_reseau", total);
  name("Enveloppe", envelope);
  name("Montant_payable", payable);

  ++row;
  sh.text(row++, kName, "Prévision : centres en projet, comptés avec tous leurs postes", f.bold);
  const int forecast_header = row++;
  write_header(sh, f, forecast_header, "Postes prévus");
  const int forecast_first = row;
  row = write_lines(sh, f, s.forecast_centres, row);
  if (s.forecast_centres.empty()) sh.text(row++, kName, "Aucun centre en projet.", f.italic);
  const int forecast_end = forecast_first + static_cast<int>(s.forecast_centres.size());
  const int forecast_total = row++;
  label(forecast_total, "Total des centres en projet");
  write_sum(sh, f, forecast_total, forecast_first, forecast_end, s.forecast_cents);
  const int with_forecast = row++;
  label(with_forecast, "Total du réseau avec la prévision");
  sh.formula(with_forecast, kTotal, "=" + cell(total, kTotal) + "+" + cell(forecast_total, kTotal),
             eur(s.forecast_network_cents), f.euros_bold);
  const int forecast_payable = row++;
  label(forecast_payable, "Montant payable avec la prévision");
  sh.formula(forecast_payable, kTotal, "=MIN(" + cell(with_forecast, kTotal) + "," + cell(envelope, kTotal) + ")",
             eur(s.forecast_payable_cents), f.euros_bold);
  const int forecast_shortfall = row++;
  label(forecast_shortfall, "Dépassement avec la prévision");
  sh.formula(forecast_shortfall, kTotal, "=" + cell(with_forecast, kTotal) + "-" + cell(forecast_payable, kTotal),
             eur(s.forecast_shortfall_cents), f.euros_bold);

  ++row;
  sh.text(row++, kName, "Établi le " + generated_at + " selon le barème " + r.name + ".", f.italic);
  sh.text(row, kName, "Visa et signature :", f.bold);
}

// ---- sheet "Postes occupés" ----

enum PostCol { kPCentre = 0, kPOffice, kPPost, kPOpen, kPBooked, kPShare, kPAgreement, kPCounted };

void write_posts_sheet(xlsx::Book& book, const domain::GrantRuleset& r, const domain::GrantStatement& s,
                       const std::vector<domain::CentreOccupancy>& occupancy) {
  const auto& f = book.formats();
  xlsx::Sheet sh = book.add_sheet("Postes occupés");
  const std::array<double, 8> widths{40, 16, 14, 13, 13, 10, 11, 24};
  for (int c = 0; c < static_cast<int>(widths.size()); ++c) sh.width(c, widths[static_cast<std::size_t>(c)]);
  sh.landscape_one_page_wide();

  int row = 0;
  sh.text(row++, 0, "Postes occupés du " + fr_date(s.from) + " au " + fr_date(s.to), f.title);
  sh.text(row++, 0, occupancy_text(r.occupancy));
  ++row;
  const int header = row++;
  const std::array<std::string_view, 8> headers{"Centre",
                                                "Bureau",
                                                "Poste",
                                                "Demi-journées ouvertes",
                                                "Demi-journées réservées",
                                                "Part réservée",
                                                "Convention",
                                                "Compté au titre de"};
  for (int c = 0; c < static_cast<int>(headers.size()); ++c)
    sh.text(header, c, headers[static_cast<std::size_t>(c)], f.header);
  sh.freeze_rows(header + 1);

  for (const auto& c : occupancy) {
    const int first = row;
    for (const auto& p : c.posts) {
      sh.text(row, kPCentre, c.name);
      sh.text(row, kPOffice, p.office);
      sh.text(row, kPPost, p.label);
      sh.number(row, kPOpen, p.open_half_days, f.integer);
      sh.number(row, kPBooked, p.booked_half_days, f.integer);
      if (p.open_half_days > 0)
        sh.formula(row, kPShare, "=" + cell(row, kPBooked) + "/" + cell(row, kPOpen),
                   static_cast<double>(p.booked_half_days) / p.open_half_days, f.percent);
      else
        sh.blank(row, kPShare, f.percent);  // never open over the period: no share to speak of
      if (p.agreement_id) sh.number(row, kPAgreement, static_cast<double>(*p.agreement_id), f.integer);
      sh.text(row, kPCounted, counted_label(r.occupancy, p.by));
      ++row;
    }
    // A subtotal per centre, to set against the statement's "Postes occupés" column.
    sh.text(row, kPCentre, "Postes occupés — " + c.name, f.bold);
    const bool planned = std::any_of(s.forecast_centres.begin(), s.forecast_centres.end(),
                                     [&c](const GrantLine& l) { return l.centre_id == c.centre_id; });
    if (planned) sh.text(row, kPOffice, "en projet : la prévision compte tous ses postes", f.italic);
    if (row > first)
      sh.formula(row, kPCounted,
                 "=COUNTIF(" + cell(first, kPCounted) + ":" + cell(row - 1, kPCounted) + ",\"<>" +
                     std::string(kNotOccupied) + "\")",
                 c.occupied(), f.integer_bold);
    else
      sh.number(row, kPCounted, 0, f.integer_bold);
    ++row;
  }
  if (occupancy.empty()) sh.text(row, kPCentre, "Aucun poste sur la période.", f.italic);
}

}  // namespace

std::string status_label_fr(domain::CentreStatus s) {
  switch (s) {
    case domain::CentreStatus::Planned: return "En projet";
    case domain::CentreStatus::Opening: return "En cours d'ouverture";
    case domain::CentreStatus::InService: return "En service";
    case domain::CentreStatus::Closed: return "Fermé";
  }
  return "En projet";
}

std::string grant_xlsx(const domain::GrantRuleset& r, const domain::GrantStatement& s,
                       const std::vector<domain::CentreOccupancy>& occupancy, const std::string& generated_at) {
  xlsx::Book book("Subvention FNADT — " + r.name + " — " + s.from.iso() + " au " + s.to.iso());
  write_statement_sheet(book, r, s, generated_at);
  write_posts_sheet(book, r, s, occupancy);
  return book.finish();
}

std::string grant_csv(const domain::GrantRuleset& r, const domain::GrantStatement& s) {
  constexpr std::size_t kWidth = 9;
  CsvWriter csv;
  for (const char* h :
       {"centre_id", "name", "commune", "status", "zrr", "base_eur", "occupied_posts", "per_post_eur", "total_eur"})
    csv.raw(h);
  csv.end_row();
  const auto lines = [&csv](const std::vector<GrantLine>& ls) {
    for (const auto& l : ls) {
      csv.integer(l.centre_id).text(l.name).text(l.commune).raw(status_label_fr(l.status)).raw(l.zrr ? "Oui" : "Non");
      csv.euros(l.base_cents).integer(l.occupied_posts).euros(l.per_post_cents).euros(l.total_cents);
      csv.end_row();
    }
  };
  // Key and label, then the amount under total_eur.
  const auto summary = [&csv](std::string_view key, std::string_view label, Cents amount) {
    csv.raw(key).raw(label);
    for (std::size_t i = 2; i + 1 < kWidth; ++i) csv.empty();
    csv.euros(amount);
    csv.end_row();
  };
  lines(s.centres);
  summary("total", "Total du réseau", s.total_cents);
  summary("envelope", "Enveloppe du programme", s.envelope_cents);
  summary("payable", "Montant payable", s.payable_cents);
  summary("shortfall", "Dépassement non financé", s.shortfall_cents);
  summary("remaining", "Reste de l'enveloppe", s.remaining_cents);
  csv.raw("forecast").raw("Prévision : centres en projet, comptés avec tous leurs postes");
  csv.end_row(kWidth);
  lines(s.forecast_centres);
  summary("forecast_total", "Total des centres en projet", s.forecast_cents);
  summary("forecast_network_total", "Total du réseau avec la prévision", s.forecast_network_cents);
  summary("forecast_payable", "Montant payable avec la prévision", s.forecast_payable_cents);
  summary("forecast_shortfall", "Dépassement avec la prévision", s.forecast_shortfall_cents);
  csv.raw("ruleset").text(r.name);
  csv.end_row(kWidth);
  csv.raw("period_from").date(s.from);
  csv.end_row(kWidth);
  csv.raw("period_to").date(s.to);
  csv.end_row(kWidth);
  return csv.str();
}

}  // namespace tc::exports
