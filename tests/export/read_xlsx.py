#!/usr/bin/python3
"""Prints an .xlsx workbook as JSON for the export tests: an independent reader (openpyxl), not the writer's library.

Loads the file twice: with data_only=False a formula cell's value is its formula; with data_only=True it is the
result cached in the file, which is what readers that do not recalculate show.

Output: {"sheets": [...], "defined_names": {name: ref}, "frozen": {sheet: "A12"|null},
         "widths": {sheet: {"A": width}},
         "cells": {sheet: {"A1": {"type": "n"|"s"|"d"|"b", "value": ..., "formula": str|null,
                                  "number_format": str, "bold": bool}}}}
Dates come out as "YYYY-MM-DD" with type "d" (openpyxl reads a number as a date only under a date format).
"""
import datetime
import json
import sys

import openpyxl


def defined_names(wb):
    names = {}
    dn = wb.defined_names
    entries = dn.definedName if hasattr(dn, "definedName") else dn.values()  # openpyxl 3.0 list, 3.1 dict
    for d in entries:
        names[d.name] = d.attr_text
    return names


def main(path):
    formulas = openpyxl.load_workbook(path, data_only=False)
    values = openpyxl.load_workbook(path, data_only=True)
    out = {"sheets": formulas.sheetnames, "defined_names": defined_names(formulas), "frozen": {}, "widths": {},
           "cells": {}}
    for name in formulas.sheetnames:
        fs, vs = formulas[name], values[name]
        out["frozen"][name] = fs.freeze_panes
        widths = {}
        for dim in fs.column_dimensions.values():
            if dim.width and dim.min:
                for col in range(dim.min, (dim.max or dim.min) + 1):
                    widths[openpyxl.utils.get_column_letter(col)] = dim.width
        out["widths"][name] = widths
        cells = {}
        for row in fs.iter_rows():
            for fc in row:
                if fc.value is None:
                    continue
                vc = vs[fc.coordinate]
                value = vc.value
                formula = fc.value if fc.data_type == "f" else None
                if isinstance(value, (datetime.datetime, datetime.date)):
                    kind, value = "d", value.strftime("%Y-%m-%d")
                elif isinstance(value, bool):
                    kind = "b"
                elif isinstance(value, (int, float)):
                    kind = "n"
                else:
                    kind = "s"
                cells[fc.coordinate] = {"type": kind, "value": value, "formula": formula,
                                        "number_format": fc.number_format, "bold": bool(fc.font and fc.font.b)}
        out["cells"][name] = cells
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
