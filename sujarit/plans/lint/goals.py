"""Part 1's goals: the target table covers the plan's fiscal years, and the goal sentences agree with it."""

import re
from decimal import Decimal

from .base import ERROR, WARNING, Finding, as_dict, as_list, as_text, money, year_keys, years_text
from .text import clean, squeeze

GOALS_WHERE = "ส่วนที่ 1 ตารางค่าเป้าหมาย"
# "ร้อยละ 50 ในปี พ.ศ. 2566", "(85 คะแนนขึ้นไป) ในปี พ.ศ. 2566"
_GOAL_FIGURE = re.compile(
    r"(?:ร้อยละ\s*(?P<pct>\d+(?:\.\d+)?)|(?P<score>\d+(?:\.\d+)?)\s*คะแนน(?P<atleast>\s*ขึ้นไป)?)"
    r"[^\d]{0,12}?ใน\s*ปี\s*(?:พ\.\s*ศ\.)?\s*(?P<year>25\d\d)"
)
# Words an indicator and a goal sentence must share to be about the same thing.
_TOPICS = ("คดีทุจริต", "ITA", "เรื่องร้องเรียน", "CPI")


def check_goal_table(ctx):
    goals = [as_dict(g) for g in as_list(ctx.parsed.get("goals"))]
    if not goals or not ctx.years:
        return
    cycle = set(ctx.years)
    for goal in goals:
        indicator = as_text(goal.get("indicator"))
        years = year_keys(goal.get("targets"))
        outside = [y for y in years if y not in cycle]
        if outside:
            yield Finding(
                "goals.year_outside_cycle",
                ERROR,
                GOALS_WHERE,
                f"ค่าเป้าหมาย “{indicator}” มีคอลัมน์{years_text(outside)} ซึ่งอยู่นอกรอบแผน {years_text(ctx.years)}",
            )
        missing = [y for y in ctx.years if y not in years]
        if years and missing:
            yield Finding(
                "goals.year_missing",
                WARNING,
                GOALS_WHERE,
                f"ค่าเป้าหมาย “{indicator}” ไม่มีค่าของ{years_text(missing)} (รอบแผน {years_text(ctx.years)})",
            )


def check_goal_sentences(ctx):
    """A goal sentence ("…ลดลง ร้อยละ 50 ในปี พ.ศ. 2566") that the table contradicts for that year."""
    goals = [as_dict(g) for g in as_list(ctx.parsed.get("goals"))]
    sentences = [t for t in as_list(as_dict(ctx.parsed.get("intro")).get("goals")) if isinstance(t, str)]
    for index, sentence in enumerate(sentences, start=1):
        text = clean(sentence)
        topics = [t for t in _TOPICS if t in squeeze(text)]
        rows = [g for g in goals if any(t in squeeze(as_text(g.get("indicator"))) for t in topics)]
        if len(rows) != 1:
            continue
        row = rows[0]
        targets = as_dict(row.get("targets"))
        number = re.match(r"^\s*[-•]?\s*\((\d+)\)", text)
        where = f"ส่วนที่ 1 เป้าหมาย ข้อ {number.group(1) if number else index}"
        for m in _GOAL_FIGURE.finditer(text):
            year = int(m.group("year"))
            cell = as_dict(targets.get(str(year)))
            table = money(cell.get("value"))
            if table is None:
                continue
            if m.group("pct") is not None:
                if cell.get("unit") not in (None, "", "percent"):
                    continue
                ok = table == Decimal(m.group("pct"))
                said_text = f"ร้อยละ {m.group('pct')}"
            else:
                said = Decimal(m.group("score"))
                ok = table >= said if m.group("atleast") else table == said
                said_text = f"{m.group('score')} คะแนน" + ("ขึ้นไป" if m.group("atleast") else "")
            if not ok:
                yield Finding(
                    "goals.text_mismatch",
                    WARNING,
                    where,
                    f"เป้าหมายระบุ “{said_text} ในปี พ.ศ. {year}” แต่ตารางค่าเป้าหมาย “{as_text(row.get('indicator'))}” "
                    f"ปี {year} ระบุ “{as_text(cell.get('text')) or table}”",
                )


RULES = (check_goal_table, check_goal_sentences)
