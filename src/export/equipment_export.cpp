#include "export/equipment_export.h"

#include <algorithm>
#include <array>

#include "export/csv_writer.h"
#include "export/xlsx_book.h"

namespace tc::exports {

namespace {

using domain::EquipmentCategory;
using domain::EquipmentState;
using domain::kAllEquipmentCategories;
using domain::kAllEquipmentStates;
using xlsx::cell;

const std::string kInventory = "Inventaire";

enum InvCol { kCentre = 0, kCategory, kDescription, kSerial, kDelivered, kState, kNote };

void write_inventory(xlsx::Book& book, const std::vector<EquipmentRow>& rows) {
  const auto& f = book.formats();
  xlsx::Sheet sh = book.add_sheet(kInventory);
  const std::array<double, 7> widths{34, 20, 40, 20, 12, 12, 40};
  for (int c = 0; c < static_cast<int>(widths.size()); ++c) sh.width(c, widths[static_cast<std::size_t>(c)]);
  sh.landscape_one_page_wide();
  // The header is the first row so that the summary's ranges start at row 2 and the filter covers the whole table.
  const std::array<std::string_view, 7> headers{"Centre",   "Catégorie", "Description", "N° de série",
                                                "Livré le", "État",      "Remarque"};
  for (int c = 0; c < static_cast<int>(headers.size()); ++c)
    sh.text(0, c, headers[static_cast<std::size_t>(c)], f.header);
  sh.freeze_rows(1);
  int row = 1;
  for (const auto& r : rows) {
    sh.text(row, kCentre, r.centre_name);
    sh.text(row, kCategory, label_fr(r.item.category));
    sh.text(row, kDescription, r.item.description, f.wrap);
    sh.text(row, kSerial, r.item.serial_number);
    if (r.item.delivered_on)
      sh.date(row, kDelivered, *r.item.delivered_on, f.date);
    else
      sh.blank(row, kDelivered, f.date);
    sh.text(row, kState, label_fr(r.item.state));
    sh.text(row, kNote, r.item.note, f.wrap);
    ++row;
  }
  sh.autofilter(0, 0, row - 1, kNote);
}

struct CentreGroup {
  std::string name;
  std::vector<domain::EquipmentItem> items;
};

// Grouped by the name shown, not the id: the summary's COUNTIFS can only match what the inventory sheet shows.
std::vector<CentreGroup> by_centre(const std::vector<EquipmentRow>& rows) {
  std::vector<CentreGroup> groups;
  for (const auto& r : rows) {
    auto it =
        std::find_if(groups.begin(), groups.end(), [&r](const CentreGroup& g) { return g.name == r.centre_name; });
    if (it == groups.end()) it = groups.insert(groups.end(), CentreGroup{r.centre_name, {}});
    it->items.push_back(r.item);
  }
  return groups;
}

// Counts are COUNTIFS over the inventory sheet, not numbers copied from it: a reviewer sees where each comes from,
// and when someone marks an item returned in "Inventaire" the summary follows. The cached results are
// domain::summarise's, so readers that do not recalculate show the same figures.
void write_summary(xlsx::Book& book, const std::vector<EquipmentRow>& rows) {
  const auto& f = book.formats();
  xlsx::Sheet sh = book.add_sheet("Synthèse");
  sh.width(0, 34);
  for (int c = 1; c <= 9; ++c) sh.width(c, 12);
  sh.landscape_one_page_wide();

  // Rows 2 … n+1 of the inventory; with no item, row 2 alone (empty), so that no range runs backwards onto the
  // header.
  const int last = std::max(static_cast<int>(rows.size()), 1);
  const auto range = [last](int col) { return kInventory + "!" + cell(1, col, true) + ":" + cell(last, col, true); };

  int row = 0;
  sh.text(row++, 0, "Synthèse de l'inventaire du matériel prêté par le Département", f.title);
  sh.text(row++, 0, "Comptes calculés sur la feuille « Inventaire » (formules NB.SI.ENS).", f.italic);
  ++row;

  constexpr int kCategories = static_cast<int>(kAllEquipmentCategories.size());
  constexpr int kStates = static_cast<int>(kAllEquipmentStates.size());
  const int header = row++;
  sh.text(header, 0, "Centre", f.header);
  for (int i = 0; i < kCategories; ++i)
    sh.text(header, 1 + i, label_fr(kAllEquipmentCategories[static_cast<std::size_t>(i)]), f.header);
  for (int j = 0; j < kStates; ++j)
    sh.text(header, 1 + kCategories + j, label_fr(kAllEquipmentStates[static_cast<std::size_t>(j)]), f.header);
  const int total_col = 1 + kCategories + kStates;
  sh.text(header, total_col, "Total", f.header);
  sh.freeze_rows(header + 1);

  const auto groups = by_centre(rows);
  const int first = row;
  for (const auto& g : groups) {
    const auto summary = domain::summarise(g.items);
    const std::string centre = range(kCentre) + "," + xlsx::exact_criterion(g.name);
    sh.text(row, 0, g.name);
    // The criterion for a category or a state is the column's header, which is its label.
    for (int i = 0; i < kCategories; ++i)
      sh.formula(row, 1 + i, "=COUNTIFS(" + centre + "," + range(kCategory) + "," + cell(header, 1 + i, true) + ")",
                 summary.of_category(kAllEquipmentCategories[static_cast<std::size_t>(i)]), f.integer);
    for (int j = 0; j < kStates; ++j)
      sh.formula(row, 1 + kCategories + j,
                 "=COUNTIFS(" + centre + "," + range(kState) + "," + cell(header, 1 + kCategories + j, true) + ")",
                 summary.of_state(kAllEquipmentStates[static_cast<std::size_t>(j)]), f.integer);
    sh.formula(row, total_col, "=COUNTIFS(" + centre + ")", summary.total(), f.integer_bold);
    ++row;
  }
  const auto network = domain::summarise([&rows] {
    std::vector<domain::EquipmentItem> items;
    items.reserve(rows.size());
    for (const auto& r : rows) items.push_back(r.item);
    return items;
  }());
  const int network_row = row++;
  sh.text(network_row, 0, "Réseau", f.bold);
  for (int c = 1; c <= total_col; ++c) {
    int cached = 0;
    if (c <= kCategories)
      cached = network.of_category(kAllEquipmentCategories[static_cast<std::size_t>(c - 1)]);
    else if (c < total_col)
      cached = network.of_state(kAllEquipmentStates[static_cast<std::size_t>(c - 1 - kCategories)]);
    else
      cached = network.total();
    if (network_row > first)
      sh.formula(network_row, c, "=SUM(" + cell(first, c) + ":" + cell(network_row - 1, c) + ")", cached,
                 f.integer_bold);
    else
      sh.number(network_row, c, 0, f.integer_bold);  // no centre: an empty SUM range cannot be written
  }

  // The network's category × state table: what the per-centre margins cannot show (how many screens are broken).
  ++row;
  sh.text(row++, 0, "Réseau : matériel par catégorie et par état", f.bold);
  const int cross_header = row++;
  sh.text(cross_header, 0, "Catégorie", f.header);
  for (int j = 0; j < kStates; ++j)
    sh.text(cross_header, 1 + j, label_fr(kAllEquipmentStates[static_cast<std::size_t>(j)]), f.header);
  sh.text(cross_header, 1 + kStates, "Total", f.header);
  const int cross_first = row;
  for (int i = 0; i < kCategories; ++i) {
    const auto category = kAllEquipmentCategories[static_cast<std::size_t>(i)];
    sh.text(row, 0, label_fr(category));
    for (int j = 0; j < kStates; ++j)
      sh.formula(row, 1 + j,
                 "=COUNTIFS(" + range(kCategory) + "," + cell(row, 0, true) + "," + range(kState) + "," +
                     cell(cross_header, 1 + j, true) + ")",
                 network.count(category, kAllEquipmentStates[static_cast<std::size_t>(j)]), f.integer);
    sh.formula(row, 1 + kStates, "=SUM(" + cell(row, 1) + ":" + cell(row, kStates) + ")", network.of_category(category),
               f.integer_bold);
    ++row;
  }
  sh.text(row, 0, "Total", f.bold);
  for (int c = 1; c <= kStates + 1; ++c) {
    const int cached =
        c <= kStates ? network.of_state(kAllEquipmentStates[static_cast<std::size_t>(c - 1)]) : network.total();
    sh.formula(row, c, "=SUM(" + cell(cross_first, c) + ":" + cell(row - 1, c) + ")", cached, f.integer_bold);
  }
}

}  // namespace

std::string equipment_xlsx(const std::vector<EquipmentRow>& rows) {
  xlsx::Book book("Inventaire du matériel prêté aux télécentres");
  write_inventory(book, rows);
  write_summary(book, rows);
  return book.finish();
}

std::string equipment_csv(const std::vector<EquipmentRow>& rows) {
  CsvWriter csv;
  for (const char* h : {"equipment_id", "centre_id", "centre", "category", "description", "serial_number",
                        "delivered_on", "state", "note"})
    csv.raw(h);
  csv.end_row();
  for (const auto& r : rows) {
    csv.integer(r.item.id).integer(r.item.centre_id).text(r.centre_name).raw(label_fr(r.item.category));
    csv.text(r.item.description).text(r.item.serial_number);
    if (r.item.delivered_on)
      csv.date(*r.item.delivered_on);
    else
      csv.empty();
    csv.raw(label_fr(r.item.state)).text(r.item.note);
    csv.end_row();
  }
  return csv.str();
}

}  // namespace tc::exports
