"""Assemble the parsed plan (docs/PLAN_FORMAT.md) from the reader's lines and the part parsers."""

import hashlib
import re
from collections import Counter

from .errors import PlanParseError
from .numbers import year_range
from .part1 import parse_part1, parse_preface
from .part2 import parse_part2
from .part3 import BANNER_RE, ITEM_RE, LABELS, MISSION_RE, RULE_RE, SECTIONS, parse_item_block
from .placing import fill_dimensions, merge_dimensions, place_items
from .reader import read_lines
from .text import clean

FORMAT = "sujarit.plan/1"
PART_RE = re.compile(r"^\s*ส่วน\s*ที่\s*([1-3๑-๓])\s*[.:]?\s*(.{0,80})$")
ORG_RE = re.compile(
    r"(องค์การบริหารส่วนตำบล|องค์การบริหารส่วนจังหวัด|เทศบาลนคร|เทศบาลเมือง|เทศบาลตำบล|กรุงเทพมหานคร|เมืองพัทยา)"
    r"\s?([ก-๛]*)"
)
ORG_TYPES = {
    "องค์การบริหารส่วนตำบล": "sao",
    "องค์การบริหารส่วนจังหวัด": "pao",
    "เทศบาลนคร": "city",
    "เทศบาลเมือง": "town",
    "เทศบาลตำบล": "tambon_muni",
    "กรุงเทพมหานคร": "bma",
    "เมืองพัทยา": "pattaya",
}
# Thai words that run on after an organization's name in running text.
NAME_TAILS = ("ได้", "จึง", "หวัง", "มี", "ผ่าน", "ให้", "เป็น", "และ", "ที่", "ซึ่ง", "โดย", "ต่อ", "ใน", "ของ")
PART_NAMES = {1: "ส่วนที่ 1 บทนำ", 2: "ส่วนที่ 2 แผนปฏิบัติการ", 3: "ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ"}


def parse_plan(data, filename=""):
    """Parse a plan document's bytes (.txt or .docx) into the JSON shape of docs/PLAN_FORMAT.md."""
    try:
        return _parse(data, filename or "")
    except PlanParseError:
        raise
    except RecursionError:
        raise PlanParseError("เอกสารซับซ้อนเกินกว่าจะอ่านได้ (โครงสร้างซ้อนกันลึกเกินไป)", where="ไฟล์") from None
    except Exception as exc:  # the contract: a bad file never escapes as anything else
        raise PlanParseError(
            f"อ่านเอกสารไม่สำเร็จเพราะรูปแบบไม่เป็นไปตามแบบแผนปฏิบัติการ ({type(exc).__name__})", where="ไฟล์"
        ) from exc


def _parse(data, filename):
    lines, kind, warnings = read_lines(data, filename)
    numbered = list(enumerate(lines, start=1))
    last_line = max((n for n, t in numbered if t.strip()), default=0)
    parts = _find_parts(numbered)
    items_at = [n for n, t in numbered if ITEM_RE.match(t)]
    if 3 not in parts:
        if items_at:
            parts[3] = items_at[0] - 1
            warnings.append(
                {
                    "code": "part3.no_heading",
                    "where": "ส่วนที่ 3",
                    "message": f"ไม่พบหัวข้อ 'ส่วนที่ 3' จึงเริ่มอ่านรายละเอียดโครงการที่ลำดับที่แรก (บรรทัดที่ {items_at[0]})",
                }
            )
        else:
            _no_part3(numbered, parts, last_line)
    p3 = parts[3]
    items_at = [n for n in items_at if n > p3]
    if not items_at:
        raise PlanParseError(
            f"อ่านเอกสารได้ถึงบรรทัดที่ {last_line} (ส่วนที่ 3 เริ่มที่บรรทัดที่ {p3}) แต่ไม่พบรายการ 'ลำดับที่ 1' "
            "ของโครงการ/กิจกรรม/มาตรการเลย จึงไม่ใช่แผนปฏิบัติการที่นำเข้าได้",
            line=last_line,
            where="ส่วนที่ 3",
        )

    p1, p2 = parts.get(1), parts.get(2)
    head_end = p1 or p2 or p3
    preface_lines = numbered[: head_end - 1]
    title = next((clean(t) for _, t in numbered[:40] if "แผน" in t and "\t" not in t and clean(t)), "")
    cycle = _cycle(title, numbered[: p3 - 1])

    total, per_dim, preface_names = parse_preface(preface_lines)
    part1_lines = numbered[p1 : (p2 or p3) - 1] if p1 else []
    risks, intro, goals = parse_part1(part1_lines, warnings)
    part2_lines = numbered[p2 : p3 - 1] if p2 else []
    if not p1:
        warnings.append(_note("part1.missing", "ส่วนที่ 1", "ไม่พบหัวข้อ 'ส่วนที่ 1' (บทนำ)"))
    if not p2:
        warnings.append(_note("part2.missing", "ส่วนที่ 2", "ไม่พบหัวข้อ 'ส่วนที่ 2' (ตารางสรุปโครงการและงบประมาณ)"))
    fiscal_years = cycle["fiscal_years"]
    dimensions, summary_total, table_years = parse_part2(part2_lines, fiscal_years, warnings)
    if not cycle["fiscal_years"] and table_years:
        cycle = {
            "first_year": table_years[0],
            "last_year": table_years[-1],
            "fiscal_years": list(table_years),
        }
        fiscal_years = cycle["fiscal_years"]

    items, banners, headings = _part3(numbered[p3:], fiscal_years, warnings, last_line)
    dims = merge_dimensions(dimensions, banners, headings, preface_names)
    place_items(items, dims, warnings)
    fill_dimensions(items, dims, warnings, last_line)
    org = _organization(lines)
    return {
        "format": FORMAT,
        "source": {
            "name": filename.replace("\\", "/").rsplit("/", 1)[-1],
            "sha256": hashlib.sha256(bytes(data)).hexdigest(),
            "kind": kind,
        },
        "title": title,
        "organization": org,
        "cycle": cycle,
        "preface": {"stated_total_items": total, "stated_items_per_dimension": per_dim},
        "risks": risks,
        "intro": intro,
        "goals": goals,
        "dimensions": dims,
        "summary_total": summary_total,
        "items": items,
        "warnings": warnings,
    }


def _note(code, where, message):
    return {"code": code, "where": where, "message": message}


def _find_parts(numbered):
    """Line numbers of the 'ส่วนที่ N' headings, not of the contents' or the preface's mentions:
    Part 3 is the last candidate before the first item, Part 2 the last before Part 3, and so on."""
    candidates = {1: [], 2: [], 3: []}
    first_item = None
    for n, raw in numbered:
        if "\t" in raw:
            continue
        if first_item is None and ITEM_RE.match(raw):
            first_item = n
        m = PART_RE.match(clean(raw))
        if not m or "ประกอบด้วย" in raw:
            continue
        candidates[int(m.group(1).translate(str.maketrans("๑๒๓", "123")))].append(n)
    found, limit = {}, first_item or (numbered[-1][0] + 1 if numbered else 0)
    for part in (3, 2, 1):
        before = [n for n in candidates[part] if n < limit]
        if before:
            found[part] = limit = before[-1]
    return found


def _no_part3(numbered, parts, last_line):
    reached = max(parts) if parts else 0
    if not parts:
        raise PlanParseError(
            f"อ่านเอกสารได้ถึงบรรทัดที่ {last_line} แต่ไม่พบโครงสร้างของแผนปฏิบัติการป้องกันการทุจริต "
            "(ส่วนที่ 1 บทนำ ส่วนที่ 2 ตารางสรุป ส่วนที่ 3 รายละเอียดโครงการ 'ลำดับที่ 1 ...') "
            "ไฟล์นี้จึงไม่ใช่แผนที่นำเข้าได้",
            line=last_line,
            where="ไฟล์",
        )
    raise PlanParseError(
        f"อ่านเอกสารได้ถึงบรรทัดที่ {last_line} ({PART_NAMES[reached]}) แล้วพบว่าเอกสารจบก่อน"
        f"{PART_NAMES[3]} (เอกสารอาจถูกตัดท้ายหรือไม่ครบ)",
        line=last_line,
        where=PART_NAMES[reached],
    )


def _cycle(title, lines):
    span = year_range(title) if title else None
    if not span:
        for _, raw in lines:
            if "พ.ศ." in raw:
                span = year_range(raw)
                if span and span[0] != span[1]:
                    break
                span = None
    if not span:
        return {"first_year": None, "last_year": None, "fiscal_years": []}
    return {"first_year": span[0], "last_year": span[1], "fiscal_years": list(range(span[0], span[1] + 1))}


def _part3(numbered, fiscal_years, warnings, last_line):
    items, banners, headings = [], {}, {}
    dimension, mission, block, block_start, block_no = None, None, [], None, None
    seen = set()

    def flush():
        if block_no is None:
            return
        item, order = parse_item_block(block_no, block_start, block, fiscal_years, warnings)
        item["dimension"] = dimension
        item["_mission_heading"] = mission
        if block_no in seen:
            warnings.append(
                _note(
                    "item.duplicate_number",
                    f"ส่วนที่ 3 บรรทัดที่ {block_start}",
                    f"ลำดับที่ {block_no} ซ้ำกับรายการก่อนหน้า (บรรทัดที่ {block_start})",
                )
            )
        seen.add(block_no)
        items.append((item, order, block))

    i = 0
    while i < len(numbered):
        n, raw = numbered[i]
        text = clean(raw)
        m = ITEM_RE.match(raw)
        if m:
            flush()
            block_no, block_start, block = int(m.group(1)), n, []
            i += 1
            continue
        bm = BANNER_RE.match(text)
        if bm and "\t" not in raw and len(text) < 200 and _banner_context(numbered, i):
            flush()
            block_no, block = None, []
            dimension, mission = int(bm.group(2)), None
            name = re.sub(r"\s*จำนวน\s*\d+\s*(?:โครงการ|รายการ).*$", "", bm.group(3)).strip(" :")
            banners.setdefault(dimension, name)
            if bm.group(1) != "มิติ":
                warnings.append(
                    _note(
                        "typo.dimension_heading",
                        f"ส่วนที่ 3 บรรทัดที่ {n}",
                        f"หัวข้อมิติสะกดว่า '{bm.group(1)}ที่ {dimension}' (ควรเป็น 'มิติที่ {dimension}')",
                    )
                )
            i += 1
            continue
        mm = MISSION_RE.match(text)
        if mm and "\t" not in raw and _next_is_item(numbered, i):
            flush()
            block_no, block = None, []
            code = f"{int(mm.group(1))}.{int(mm.group(2))}"
            mission = code
            headings.setdefault(code, mm.group(3).strip())
            if dimension is None:
                dimension = int(mm.group(1))
            i += 1
            continue
        if RULE_RE.match(raw):
            i += 1
            continue
        if block_no is not None:
            block.append((n, raw))
        i += 1
    flush()

    _check_truncated(items, last_line)
    out = []
    for item, _, _ in items:
        out.append(item)
    return out, banners, headings


def _banner_context(numbered, i):
    """A dimension banner stands between rules ("#####") or right before a mission or an item;
    a sentence starting with "มิติที่ 1" inside an item's text is not one."""
    before = next((raw for _, raw in reversed(numbered[max(0, i - 6) : i]) if raw.strip()), "")
    after = next((raw for _, raw in numbered[i + 1 : i + 8] if raw.strip()), "")
    return bool(
        RULE_RE.match(before)
        or RULE_RE.match(after)
        or ITEM_RE.match(after)
        or MISSION_RE.match(clean(after))
    )


def _next_is_item(numbered, i):
    for _, raw in numbered[i + 1 : i + 8]:
        if raw.strip():
            return bool(ITEM_RE.match(raw))
    return False


def _check_truncated(items, last_line):
    """The document ends inside its last item: reading stopped before the item's last sections."""
    if not items:
        return
    item, order, block = items[-1]
    if "results" in order and (item["outputs"] or item["outcomes"]):
        if "outputs_heading" in order and "outcomes_heading" not in order:
            raise PlanParseError(
                f"อ่านเอกสารได้ถึงบรรทัดที่ {last_line} (ส่วนที่ 3 ลำดับที่ {item['number']}) "
                f"แล้วพบว่าเอกสารจบก่อนหัวข้อย่อย 'ผลลัพธ์' ของหัวข้อ {LABELS['results']} (เอกสารอาจถูกตัดท้าย)",
                line=last_line,
                where=f"ส่วนที่ 3 ลำดับที่ {item['number']}",
            )
        return
    keys = [k for k, _, _, _ in SECTIONS]
    present = [k for k in keys if k in order]
    after = keys.index(present[-1]) + 1 if present else 0
    missing = next((k for k in keys[after:] if k not in order), "results")
    if missing == "results" and "results" in order:
        heading = "เนื้อหาของหัวข้อ " + LABELS["results"]
    else:
        heading = "หัวข้อ " + LABELS[missing]
    raise PlanParseError(
        f"อ่านเอกสารได้ถึงบรรทัดที่ {last_line} (ส่วนที่ 3 ลำดับที่ {item['number']}) "
        f"แล้วพบว่าเอกสารจบก่อน{heading} (เอกสารอาจถูกตัดท้าย)",
        line=last_line,
        where=f"ส่วนที่ 3 ลำดับที่ {item['number']}",
    )


def _organization(lines):
    counts = Counter()
    for line in lines[:400]:
        for m in ORG_RE.finditer(line):
            name = m.group(2)
            for tail in NAME_TAILS:
                idx = name.find(tail, 2)
                if idx > 0:
                    name = name[:idx]
            if name:
                counts[(m.group(1), name)] += 1
    if not counts:
        return {"name": "", "type": ""}
    (prefix, name), _ = counts.most_common(1)[0]
    return {"name": prefix + name, "type": ORG_TYPES.get(prefix, "")}
