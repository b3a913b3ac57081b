"""Where each item belongs: dimensions merged from the preface, Part 2 and Part 3's banners; each
item's mission from the Part 2 entry whose name matches it best."""

import re

from .errors import PlanParseError
from .numbers import item_type
from .text import squash


def _note(code, where, message):
    return {"code": code, "where": where, "message": message}


def merge_dimensions(dimensions, banners, headings, preface_names):
    by_number = {}
    for d in dimensions:
        if d["number"] in by_number:
            continue
        by_number[d["number"]] = d
    for number in set(banners) | set(preface_names):
        by_number.setdefault(
            number,
            {
                "number": number,
                "name": "",
                "missions": [],
                "summary": {"items": [], "stated_counts": {}, "stated_budget": {}},
            },
        )
    for number, d in by_number.items():
        d["name"] = banners.get(number) or preface_names.get(number) or d["name"]
        codes = {m["code"] for m in d["missions"]}
        for code, name in headings.items():
            if code.split(".")[0] == str(number) and code not in codes:
                d["missions"].append({"code": code, "name": name})
        for m in d["missions"]:
            if m["code"] in headings:
                m["name"] = headings[m["code"]]
        d["missions"].sort(key=lambda m: tuple(int(x) for x in m["code"].split(".")))
    return [by_number[k] for k in sorted(by_number)]


def _key(name):
    key = squash(name)
    key = re.sub(r"^(?:\d+\.+)?(โครงการ|มาตรการ|กิจกรรม|แนวปฏิบัติ(?:งาน)?)", "", key)
    return re.sub(r"(ของ)?(องค์การบริหารส่วน|องค์กรบริหารส่วน|เทศบาล)\S*$", "", key)


def _bigrams(text):
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _similarity(a, b):
    """Dice coefficient of character bigrams: cheap, and robust to the PDF's wrap spaces."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def place_items(items, dims, warnings):
    """Mission (and dimension when Part 3 has no banner) of each item, from Part 2's list of names."""
    entries = [(d["number"], e) for d in dims for e in d["summary"]["items"]]
    keys = [_key(e["name"]) for _, e in entries]
    used = set()
    for item in items:
        heading = item.pop("_mission_heading", None)
        key = _key(item["name"])
        best, best_ratio = None, 0.0
        for index, (dim, _entry) in enumerate(entries):
            if item["dimension"] is not None and dim != item["dimension"]:
                continue
            ratio = _similarity(key, keys[index])
            if index in used:
                ratio -= 0.2
            if ratio > best_ratio:
                best, best_ratio = index, ratio
        item["summary_seq"] = None
        if best is not None and best_ratio >= 0.6:
            used.add(best)
            dim, entry = entries[best]
            item["mission"] = entry["mission"]
            item["summary_seq"] = entry["seq"]
            if item["dimension"] is None:
                item["dimension"] = dim
        elif heading:
            item["mission"] = heading
            warnings.append(
                _note(
                    "item.not_in_summary",
                    f"ส่วนที่ 3 ลำดับที่ {item['number']}",
                    f"ลำดับที่ {item['number']} ไม่พบชื่อที่ตรงกันในตารางส่วนที่ 2 จึงใช้ภารกิจ {heading} ตามหัวข้อในส่วนที่ 3",
                )
            )
        else:
            warnings.append(
                _note(
                    "item.no_mission",
                    f"ส่วนที่ 3 ลำดับที่ {item['number']}",
                    f"ลำดับที่ {item['number']} ไม่พบชื่อที่ตรงกันในตารางส่วนที่ 2 จึงไม่ทราบภารกิจ",
                )
            )
        if item["dimension"] is None and item["mission"]:
            item["dimension"] = int(item["mission"].split(".")[0])
        if not item["type"]:
            if best is not None and best_ratio >= 0.6:
                item["type"] = item_type(entries[best][1]["name"])
            if not item["type"]:
                warnings.append(
                    _note(
                        "item.no_type",
                        f"ส่วนที่ 3 ลำดับที่ {item['number']}",
                        f"ชื่อของลำดับที่ {item['number']} ไม่ขึ้นต้นด้วยโครงการ/มาตรการ/กิจกรรม จึงไม่ทราบประเภท",
                    )
                )


def fill_dimensions(items, dims, warnings, last_line):
    """Every item gets a dimension (the previous item's when nothing names it), and every item's
    dimension and mission are listed in dimensions[], so the import can rely on them."""
    known = next((i["dimension"] for i in items if i["dimension"] is not None), None)
    if known is None:
        raise PlanParseError(
            f"อ่านเอกสารได้ถึงบรรทัดที่ {last_line} แต่ไม่พบว่ารายการในส่วนที่ 3 อยู่ในมิติใด "
            "(ไม่มีหัวข้อ 'มิติที่ N' และไม่มีตารางสรุปส่วนที่ 2 ที่ใช้เทียบชื่อได้)",
            line=last_line,
            where="ส่วนที่ 3",
        )
    previous = known
    for item in items:
        if item["dimension"] is None:
            item["dimension"] = previous
            warnings.append(
                _note(
                    "item.no_dimension",
                    f"ส่วนที่ 3 ลำดับที่ {item['number']}",
                    f"ไม่พบว่าลำดับที่ {item['number']} อยู่ในมิติใด จึงถือว่าอยู่ในมิติที่ {previous} ตามรายการก่อนหน้า",
                )
            )
        previous = item["dimension"]
        if item["mission"] and not item["mission"].startswith(f"{item['dimension']}."):
            warnings.append(
                _note(
                    "item.mission_dimension",
                    f"ส่วนที่ 3 ลำดับที่ {item['number']}",
                    f"ลำดับที่ {item['number']} อยู่ในมิติที่ {item['dimension']} แต่ภารกิจ {item['mission']} เป็นของมิติอื่น",
                )
            )
            item["mission"] = ""
    by_number = {d["number"]: d for d in dims}
    for item in items:
        dim = by_number.get(item["dimension"])
        if dim is None:
            dim = {
                "number": item["dimension"],
                "name": "",
                "missions": [],
                "summary": {"items": [], "stated_counts": {}, "stated_budget": {}},
            }
            by_number[dim["number"]] = dim
            dims.append(dim)
        if item["mission"] and item["mission"] not in {m["code"] for m in dim["missions"]}:
            dim["missions"].append({"code": item["mission"], "name": ""})
            dim["missions"].sort(key=lambda m: tuple(int(x) for x in m["code"].split(".")))
    dims.sort(key=lambda d: d["number"])
