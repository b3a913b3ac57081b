"""Numbers in plan text: money, stated counts, fiscal-year ranges, item types."""

import re
from decimal import Decimal, InvalidOperation

from .text import clean

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONEY_TOKEN_RE = re.compile(rf"(?P<n>{NUM})|(?P<dash>(?<![\w])[-–—](?![\w]))|(?P<none>ไม่ใช้งบ)")
YEAR_RE = re.compile(r"(25\d\d)")
RANGE_RE = re.compile(r"(25\d\d)\s*(?:[-–—]+|ถึง)\s*(25\d\d)")
COUNT_RE = re.compile(r"(\d+)\s*(โครงการ|มาตรการ|กิจกรรม|แนวปฏิบัติ(?:งาน)?)")
TYPE_WORDS = {"โครงการ": "project", "มาตรการ": "measure", "กิจกรรม": "activity", "แนวปฏิบัติ": "guideline"}


def decimal_string(raw):
    """'20,000' -> '20000', '7,200.50' -> '7200.50'; None when not a number."""
    try:
        value = Decimal(raw.replace(",", ""))
    except (InvalidOperation, AttributeError):
        return None
    if not value.is_finite() or value < 0:
        return None
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f")


def money_tokens(text):
    """Amounts in a budget cell, in order: '10,000 -' -> ['10000', None]; 'จำนวน7,200 บาท' -> ['7200']."""
    out = []
    for m in MONEY_TOKEN_RE.finditer(clean(text)):
        if m.group("n"):
            out.append(decimal_string(m.group("n")))
        elif m.group("none"):
            out.append("0")
        else:
            out.append(None)
    return out


def stated_counts(text):
    """'จำนวน 1 โครงการ 3 มาตรการ 2กิจกรรม' -> {'project': 1, 'measure': 3, 'activity': 2}."""
    out = {}
    for m in COUNT_RE.finditer(clean(text)):
        kind = TYPE_WORDS["แนวปฏิบัติ" if m.group(2).startswith("แนวปฏิบัติ") else m.group(2)]
        out.setdefault(kind, int(m.group(1)))
    return out


def year_range(text):
    """(first, last) Buddhist Era years named in a text such as 'ปีงบประมาณ พ.ศ. 2566 – 2570'."""
    text = clean(text)
    m = RANGE_RE.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 20:
            return a, b
    years = [int(y) for y in YEAR_RE.findall(text)]
    if years:
        return min(years), max(years)
    return None


def item_type(name):
    """The item type its name starts with (โครงการ/มาตรการ/กิจกรรม/แนวปฏิบัติ), or ''."""
    name = re.sub(r"^[\s\"“”'‘’(]+", "", clean(name))
    for word, kind in TYPE_WORDS.items():
        if name.startswith(word):
            return kind
    return ""
