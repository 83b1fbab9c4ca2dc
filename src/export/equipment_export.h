// The inventory of what the council lends the centres, as files its services keep: a workbook with the item list
// and a summary derived from it by formulas, and a CSV for French Excel.
#pragma once

#include <string>
#include <vector>

#include "domain/equipment.h"

namespace tc::exports {

struct EquipmentRow {
  domain::EquipmentItem item;
  std::string centre_name;
};

// .xlsx bytes. Sheet "Inventaire": one row per item, in the given order (centre, category, description, serial
// number, delivery date as a date cell, state, note), filterable. Sheet "Synthèse": per centre (in order of first
// appearance) and for the network, counts per category and per state, then the network's category × state table.
// Throws std::runtime_error (or std::system_error) when the file cannot be written.
std::string equipment_xlsx(const std::vector<EquipmentRow>& rows);

// UTF-8 CSV with a byte order mark, ";" separated, CRLF, RFC 4180 quoting, one row per item under the header
//   equipment_id;centre_id;centre;category;description;serial_number;delivered_on;state;note
// with French labels for category and state (as the workbook shows them) and ISO dates (empty when unknown).
std::string equipment_csv(const std::vector<EquipmentRow>& rows);

}  // namespace tc::exports
