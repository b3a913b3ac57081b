"""Part 2: the summary table (dimension, mission, items, budget per fiscal year), as stated."""

import re

from .numbers import money_tokens, stated_counts
from .text import clean, split_enumeration

DIM_CELL_RE = re.compile(r"^(\d)\s*[.)]?\s*(.*)$")
MISSION_CELL_RE = re.compile(r"^(\d)\s*\.\s*(\d{1,2})(?!\d)\s*\.?\s*(.*)$")
YEAR_HEAD_RE = re.compile(r"^(?:ปี\s*(?:งบประมาณ)?\s*)?(?:พ\.ศ\.\s*)?(25\d\d)(?:\s*(?:งบประมาณ|\().*)?$")


class _Summary:
    def __init__(self, fiscal_years, warnings):
        self.years = list(fiscal_years)
        self.year_cols = None
        self.warnings = warnings
        self.dimensions = []  # dicts: number, name, missions, items, stated_counts, stated_budget
        self.total = {"stated_counts": {}, "stated_budget": {}}
        self.dim = None
        self.mission = None

    # -- rows ----------------------------------------------------------------------------------
    def row(self, lineno, raw):
        cells = [clean(c) for c in raw.split("\t")]
        if not any(cells):
            return
        if self._header(cells):
            return
        cols = self.year_cols or list(range(3, 3 + len(self.years)))
        c0, c1, c2 = (cells + ["", "", ""])[:3]
        if c0.replace(" ", "").startswith("รวม") and not c1:
            c0, c1 = "", c0  # a "รวม" cell merged across the first two columns
        m = DIM_CELL_RE.match(c0)
        if c0 and m and m.group(2):
            self._close_mission()
            self.dim = {
                "number": int(m.group(1)),
                "name": m.group(2),
                "missions": [],
                "items": [],
                "stated_counts": {},
                "stated_budget": {},
                "line": lineno,
            }
            self.dimensions.append(self.dim)
        elif c0 and self.dim is not None and not c0[:1].isdigit():
            self.dim["name"] = (self.dim["name"] + " " + c0).strip()
        if self.dim is None:
            return
        budgets = [money_tokens(cells[i]) if i < len(cells) else [] for i in cols]
        key = c1.replace(" ", "")
        if key.startswith("รวมทั้งสิ้น") or key.startswith("รวมทั้งหมด"):
            self._close_mission()
            self.total = {"stated_counts": stated_counts(c2), "stated_budget": self._stated(budgets)}
            return
        if key.startswith("รวม"):
            self._close_mission()
            self.dim["stated_counts"] = stated_counts(c2)
            self.dim["stated_budget"] = self._stated(budgets)
            return
        mm = MISSION_CELL_RE.match(c1)
        if mm:
            self._close_mission()
            self.mission = {
                "code": f"{int(mm.group(1))}.{int(mm.group(2))}",
                "name": mm.group(3),
                "items": [],
                "rows": [],
                "line": lineno,
            }
            self.dim["missions"].append(self.mission)
            if int(mm.group(1)) != self.dim["number"]:
                self.warnings.append(
                    {
                        "code": "summary.mission_dimension",
                        "where": f"ส่วนที่ 2 บรรทัดที่ {lineno}",
                        "message": f"ภารกิจ {self.mission['code']} อยู่ในมิติที่ {self.dim['number']} ของตารางส่วนที่ 2",
                    }
                )
        elif c1 and self.mission is not None:
            self.mission["name"] = (self.mission["name"] + " " + c1).strip()
        if self.mission is None:
            return
        if c2 and c2 not in ("-", "–", "—"):
            self._items(c2)
        if any(budgets):
            self.mission["rows"].append(budgets)

    def _header(self, cells):
        found = [(i, int(m.group(1))) for i, c in enumerate(cells) if (m := YEAR_HEAD_RE.match(c))]
        if len(found) >= 2:
            self.year_cols = [i for i, _ in found]
            self.years = [y for _, y in found]
            return True
        text = " ".join(cells)
        return ("ภารกิจ" in text and "มิติ" in text) or ("งบประมาณ" in text and not any(cells[:3]))

    def _items(self, text):
        expected = len(self.dim["items"]) + 1
        first, prefix, parts = split_enumeration(text, start=expected)
        if prefix and self.mission["items"]:
            last = self.mission["items"][-1]
            last["name"] = (last["name"] + " " + prefix).strip()
        elif prefix and not parts:
            parts, first = [prefix], expected
        elif prefix:
            parts[0] = (prefix + " " + parts[0]).strip()
        for offset, name in enumerate(parts):
            item = {"seq": first + offset, "mission": self.mission["code"], "name": name, "budget": {}}
            self.mission["items"].append(item)
            self.dim["items"].append(item)

    def _stated(self, budgets):
        out = {}
        for year, tokens in zip(self.years, budgets, strict=False):
            values = [t for t in tokens if t is not None]
            out[str(year)] = values[0] if values else None
        return out

    def _close_mission(self):
        mission, self.mission = self.mission, None
        if mission is None:
            return
        items = mission["items"]
        per_year = [[] for _ in self.years]
        for budgets in mission["rows"]:
            for j, tokens in enumerate(budgets[: len(self.years)]):
                per_year[j].extend(tokens)
        mismatch = False
        for item_index, item in enumerate(items):
            for j, year in enumerate(self.years):
                tokens = per_year[j]
                item["budget"][str(year)] = tokens[item_index] if item_index < len(tokens) else None
        for tokens in per_year:
            if items and len(tokens) != len(items):
                mismatch = True
        if mismatch:
            counts = sorted({len(t) for t in per_year})
            self.warnings.append(
                {
                    "code": "summary.budget_rows",
                    "where": f"ส่วนที่ 2 ภารกิจ {mission['code']} บรรทัดที่ {mission['line']}",
                    "message": (
                        f"ภารกิจ {mission['code']} ในตารางส่วนที่ 2 มี {len(items)} รายการ แต่มีช่องงบประมาณ "
                        f"{'/'.join(str(c) for c in counts)} ช่องต่อปี รายการที่ไม่มีช่องงบประมาณถือว่าไม่ได้ระบุ"
                    ),
                }
            )


def parse_part2(lines, fiscal_years, warnings):
    """lines: (lineno, raw) of Part 2. Returns (dimensions, summary_total, years of the table)."""
    summary = _Summary(fiscal_years, warnings)
    intro_counts = {}
    for lineno, raw in lines:
        if "\t" in raw:
            summary.row(lineno, raw)
        elif not intro_counts:
            counts = stated_counts(raw)
            if len(counts) >= 2 or ("รวม" in raw and counts):
                intro_counts = counts
    summary._close_mission()
    dims = []
    for d in summary.dimensions:
        dims.append(
            {
                "number": d["number"],
                "name": d["name"],
                "missions": [{"code": m["code"], "name": m["name"]} for m in d["missions"]],
                "summary": {
                    "items": d["items"],
                    "stated_counts": d["stated_counts"],
                    "stated_budget": d["stated_budget"],
                },
            }
        )
    total = {
        "stated_counts": summary.total["stated_counts"],
        "stated_budget": summary.total["stated_budget"],
        "intro_counts": intro_counts,
    }
    return dims, total, summary.years
