"""Every piece of free text in a parsed plan, with the place a reviewer would name for it."""

import re

from .base import SECTION_LABELS, as_dict, as_list, as_text, item_where
from .items import section_texts

INTRO_LISTS = (
    ("rationale", "ส่วนที่ 1 หลักการและเหตุผล ย่อหน้าที่"),
    ("objectives", "ส่วนที่ 1 วัตถุประสงค์ของการจัดทำแผน ข้อ"),
    ("goals", "ส่วนที่ 1 เป้าหมาย ข้อ"),
    ("benefits", "ส่วนที่ 1 ประโยชน์ของการจัดทำแผน ข้อ"),
)
_LIST_NUMBER = re.compile(r"^\s*[-•]?\s*\(?(\d{1,2})[).]")


class Place:
    """A place (where) and its texts, each tagged with a section label ('' when the place has one text)."""

    def __init__(self, where, texts):
        self.where = where
        self.texts = [(label, text) for label, text in texts if isinstance(text, str) and text.strip()]


def places(ctx):
    parsed = ctx.parsed
    yield Place("ชื่อแผน", [("", as_text(parsed.get("title")))])
    intro = as_dict(parsed.get("intro"))
    for key, prefix in INTRO_LISTS:
        for index, text in enumerate(as_list(intro.get(key)), start=1):
            if not isinstance(text, str):
                continue
            m = _LIST_NUMBER.match(text) if key != "rationale" else None
            yield Place(f"{prefix} {m.group(1) if m else index}", [("", text)])
    for risk in as_list(parsed.get("risks")):
        risk = as_dict(risk)
        texts = [("ขั้นตอนการดำเนินงาน", as_text(risk.get("process")))]
        texts += [("ประเด็นความเสี่ยง", t) for t in as_list(risk.get("issues"))]
        texts += [("มาตรการควบคุม", t) for t in as_list(risk.get("controls"))]
        yield Place(f"ส่วนที่ 1 การประเมินความเสี่ยง ลำดับที่ {risk.get('number', '?')}", texts)
    for goal in as_list(parsed.get("goals")):
        yield Place("ส่วนที่ 1 ตารางค่าเป้าหมาย", [("", as_text(as_dict(goal).get("indicator")))])
    for dim in ctx.dimensions:
        number = dim.get("number", "?")
        texts = [("ชื่อมิติ", as_text(dim.get("name")))]
        texts += [("ภารกิจ", as_text(as_dict(m).get("name"))) for m in as_list(dim.get("missions"))]
        yield Place(f"ส่วนที่ 2 มิติที่ {number}", texts)
        for row in as_list(as_dict(dim.get("summary")).get("items")):
            row = as_dict(row)
            yield Place(f"ส่วนที่ 2 มิติที่ {number} ลำดับที่ {row.get('seq', '?')}", [("", as_text(row.get("name")))])
    for item in ctx.items:
        texts = []
        for section, section_list in section_texts(item):
            texts += [(SECTION_LABELS[section], t) for t in section_list]
        yield Place(item_where(item), texts)
