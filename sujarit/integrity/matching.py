"""The conflict-of-interest matcher: covered people and their relatives against the organization's
counterparties (vendors, their directors, bidders, declared shareholdings). Pure Python — no Django —
so the benchmark runs it on generated data exactly as the check runs it on the database's.

Rules, in order (docs/ARCHITECTURE.md "Integrity"):
1. exact 13-digit ID: a person's or relative's validated ID equals a director's ID or a vendor's tax ID
   (a sole trader's tax ID is their personal ID) → score 100;
2. a declared business interest in a vendor (by its tax ID), as director/partner or above the
   shareholding limit of section 126 → score 100;
3. names after normalization (titles and ranks removed, spacing, Thai digits, zero-width and doubled
   marks): candidates share a normalized surname, its Thai soundex (udom83), or the given name's soundex
   and the surname's first two letters (blocking), with every declared former
   surname (maiden name) tried too; exact name → 95, former surname → 90, a similar name (RapidFuzz
   ratio of the whole name above the threshold, or the same soundex of given name and surname with
   each part's ratio at least 70) → 60-89; a matching address adds 5 (capped at 99);
   the same surname and address with another given name → 70 (an undeclared relative?).
Two people whose valid IDs differ are never matched by name: the ID is authoritative.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from pythainlp.soundex import soundex
from pythainlp.util import normalize as thai_normalize
from rapidfuzz import fuzz

DEFAULTS = {
    "name_threshold": 85,  # RapidFuzz ratio of the whole name (given name and surname each at least 80)
    "address_threshold": 85,
    "share_limit": Decimal("5"),  # percent: NACC announcement 2563 under section 126(2)
}

# Longest first, so "นางสาว" is taken before "นาง" and "ว่าที่ ร.ต." before "ร.ต.".
_TITLES = sorted(
    [
        "นาย",
        "นาง",
        "นางสาว",
        "น.ส.",
        "นส.",
        "เด็กชาย",
        "เด็กหญิง",
        "ด.ช.",
        "ด.ญ.",
        "ว่าที่",
        "ดร.",
        "ผศ.",
        "รศ.",
        "ศ.",
        "นพ.",
        "พญ.",
        "ทพ.",
        "ทพญ.",
        "ภก.",
        "ภญ.",
        "กำนัน",
        "ผู้ใหญ่บ้าน",
        "พล.อ.",
        "พล.ท.",
        "พล.ต.",
        "พ.อ.",
        "พ.ท.",
        "พ.ต.",
        "ร.อ.",
        "ร.ท.",
        "ร.ต.",
        "จ.ส.อ.",
        "จ.ส.ท.",
        "จ.ส.ต.",
        "ส.อ.",
        "ส.ท.",
        "ส.ต.",
        "พลฯ",
        "พลทหาร",
        "พล.ต.อ.",
        "พล.ต.ท.",
        "พล.ต.ต.",
        "พ.ต.อ.",
        "พ.ต.ท.",
        "พ.ต.ต.",
        "ร.ต.อ.",
        "ร.ต.ท.",
        "ร.ต.ต.",
        "ด.ต.",
        "ส.ต.อ.",
        "ส.ต.ท.",
        "ส.ต.ต.",
        "พลตำรวจ",
        "สิบตำรวจตรี",
        "สิบตำรวจโท",
        "สิบตำรวจเอก",
        "ดาบตำรวจ",
        "จ่าสิบตำรวจ",
        "ร้อยตำรวจตรี",
        "ร้อยตำรวจโท",
        "ร้อยตำรวจเอก",
        "พันตำรวจตรี",
        "พันตำรวจโท",
        "พันตำรวจเอก",
        "สิบตรี",
        "สิบโท",
        "สิบเอก",
        "จ่าสิบตรี",
        "จ่าสิบโท",
        "จ่าสิบเอก",
        "ร้อยตรี",
        "ร้อยโท",
        "ร้อยเอก",
        "พันตรี",
        "พันโท",
        "พันเอก",
        "พลตรี",
        "พลโท",
        "พลเอก",
        "จ.อ.",
        "พ.จ.อ.",
        "น.ต.",
        "น.ท.",
        "น.อ.",
        "เรือตรี",
        "เรือโท",
        "เรือเอก",
        "mr.",
        "mrs.",
        "ms.",
        "miss",
        "mr",
        "mrs",
        "ms",
    ],
    key=len,
    reverse=True,
)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PUNCT = re.compile(r"[\"'`“”‘’()\[\],]")
_SPACE = re.compile(r"\s+")
_ID_NOISE = re.compile(r"[\s\-.]")


def clean_text(text):
    """Unicode NFC, PyThaiNLP's mark normalization, Arabic digits, single spaces, lower case."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = thai_normalize(text).translate(_THAI_DIGITS)
    return _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip().lower()


def strip_titles(text):
    """The name without its leading titles and ranks (several may stand in a row: ว่าที่ ร.ต. ดร.)."""
    changed = True
    while changed and text:
        changed = False
        for title in _TITLES:
            if text.startswith(title):
                rest = text[len(title) :].lstrip()
                # A title glued to a name is a title only when something is left to be the name.
                if rest and rest != text:
                    text, changed = rest, True
                    break
    return text


def split_name(raw):
    """(given, surname) normalized; extra spaces inside either part are removed."""
    parts = strip_titles(clean_text(raw)).split(" ")
    if len(parts) == 1:
        return parts[0], ""
    # "สม ชาย ใจดี": the surname is the last token; the rest is the given name split by a typist.
    return "".join(parts[:-1]), parts[-1]


def clean_id(raw):
    """The 13 digits of an ID written with Thai digits, spaces or dashes; "" when it is not 13 digits."""
    digits = _ID_NOISE.sub("", str(raw or "").translate(_THAI_DIGITS))
    return digits if len(digits) == 13 and digits.isdigit() else ""


def clean_address(raw):
    text = clean_text(raw)
    for word in (
        "เลขที่",
        "บ้านเลขที่",
        "หมู่ที่",
        "หมู่",
        "ม.",
        "ตำบล",
        "ต.",
        "อำเภอ",
        "อ.",
        "จังหวัด",
        "จ.",
        "ถนน",
        "ถ.",
    ):
        text = text.replace(word, " ")
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=100_000)
def sound(word):
    """PyThaiNLP's udom83 soundex, cached: a register repeats the same names many times."""
    return soundex(word, engine="udom83") if word else ""


@dataclass(frozen=True)
class Subject:
    """A covered person (relation "") or one of their declared relatives."""

    ref: str
    name: str
    id_number: str = ""
    address: str = ""
    former_surnames: tuple = ()
    relation: str = ""
    official: str = ""  # the covered person's name and position (for a relative: whose relative)


@dataclass(frozen=True)
class Counterparty:
    """A vendor, a director of one, or a vendor in which a covered person declared an interest."""

    ref: str
    kind: str  # "vendor", "bidder" (bid, never won), "director", "shareholder" (a declared interest)
    name: str
    id_number: str = ""
    address: str = ""
    vendor: str = ""  # the firm's name
    vendor_ref: str = ""
    share_percent: Decimal | None = None
    role: str = ""  # for a declared interest: director, partner, shareholder
    declared_by: str = ""  # the subject ref that declared it


@dataclass
class Match:
    subject: Subject
    counterparty: Counterparty
    score: int
    rule: str
    reason: str
    detail: dict = field(default_factory=dict)

    @property
    def key(self):
        return f"{self.subject.ref}|{self.counterparty.ref}"


@dataclass
class _Prepared:
    item: object
    given: str
    surname: str
    id_number: str
    address: str


def _prepare(item):
    given, surname = split_name(item.name)
    return _Prepared(item, given, surname, clean_id(item.id_number), clean_address(item.address))


def find(subjects, counterparties, options=None):
    """Every match of subjects against counterparties, strongest rule first, one per pair."""
    opts = {**DEFAULTS, **(options or {})}
    subs = [_prepare(s) for s in subjects]
    cps = [_prepare(c) for c in counterparties]
    found = {}

    def keep(m):
        old = found.get(m.key)
        if old is None or m.score > old.score:
            found[m.key] = m

    # 1. IDs
    by_id = defaultdict(list)
    for c in cps:
        if c.id_number and c.item.kind != "shareholder":
            by_id[c.id_number].append(c)
    for s in subs:
        for c in by_id.get(s.id_number, ()) if s.id_number else ():
            what = "เลขประจำตัวประชาชนของกรรมการ" if c.item.kind == "director" else "เลขประจำตัวผู้เสียภาษีของผู้ขาย"
            keep(
                Match(
                    s.item,
                    c.item,
                    100,
                    "id",
                    f"เลขประจำตัวประชาชน {s.id_number} ตรงกับ{what} {c.item.vendor or c.item.name}",
                )
            )
    # 2. declared interests
    limit = Decimal(str(opts["share_limit"]))
    for c in cps:
        if c.item.kind != "shareholder":
            continue
        share = c.item.share_percent
        if c.item.role == "shareholder" and share is not None and share <= limit:
            continue
        subject = next((s.item for s in subs if s.item.ref == c.item.declared_by), None)
        if subject is None:
            continue
        held = (
            f"ถือหุ้นร้อยละ {share}"
            if c.item.role == "shareholder"
            else {"director": "เป็นกรรมการ", "partner": "เป็นหุ้นส่วน"}.get(c.item.role, "มีส่วนได้เสีย")
        )
        keep(
            Match(
                subject,
                c.item,
                100,
                "interest",
                f"แจ้งว่า{held}ใน {c.item.vendor} ซึ่งเป็นคู่สัญญา (เกินเกณฑ์ร้อยละ {limit} ตามมาตรา 126)",
            )
        )
    # 3. names: block on surname and its soundex
    blocks = defaultdict(list)
    for c in cps:
        if c.item.kind == "shareholder" or not c.surname:
            continue
        for block in _blocks(c.given, c.surname):
            blocks[block].append(c)
    threshold = opts["name_threshold"]
    for s in subs:
        if not s.surname:
            continue
        surnames = [(s.surname, False)] + [
            (split_name("x " + f)[1], True) for f in s.item.former_surnames if f.strip()
        ]
        for surname, former in surnames:
            seen = set()
            for block in _blocks(s.given, surname):
                for c in blocks.get(block, ()):
                    if id(c) in seen:
                        continue
                    seen.add(id(c))
                    if s.id_number and c.id_number and s.id_number != c.id_number:
                        continue
                    m = _name_match(s, c, surname, former, threshold, opts["address_threshold"])
                    if m:
                        keep(m)
    return sorted(found.values(), key=lambda m: (-m.score, m.subject.ref, m.counterparty.ref))


def _blocks(given, surname):
    """Blocking keys: the surname, its soundex, and the given name's soundex with the surname's first
    two letters (a variant at the surname's end, e.g. a thanthakhat added or lost)."""
    return (("s", surname), ("x", sound(surname)), ("g", sound(given), surname[:2]))


def _name_match(s, c, surname, former, threshold, address_threshold):
    given_score = fuzz.ratio(s.given, c.given)
    surname_score = fuzz.ratio(surname, c.surname)
    same_address = (
        bool(s.address and c.address) and fuzz.token_set_ratio(s.address, c.address) >= address_threshold
    )
    where = c.item.vendor or c.item.name
    what = {"vendor": "ผู้ขาย", "bidder": "ผู้เสนอราคา"}.get(c.item.kind, "กรรมการของ")
    addr = " และที่อยู่ตรงกัน" if same_address else ""
    detail = {"given": round(given_score), "surname": round(surname_score), "address": same_address}
    if given_score == 100 and surname_score == 100:
        if former:
            return Match(
                s.item,
                c.item,
                90 + (5 if same_address else 0),
                "former_surname",
                f"ชื่อตรงกับ{what} {where} เมื่อใช้นามสกุลเดิม {surname}{addr}",
                detail,
            )
        return Match(
            s.item,
            c.item,
            95 + (4 if same_address else 0),
            "name",
            f"ชื่อและนามสกุลตรงกับ{what} {where} (หลังตัดคำนำหน้าและช่องว่าง){addr}",
            detail,
        )
    phonetic = sound(s.given) == sound(c.given) and sound(surname) == sound(c.surname)
    whole = fuzz.ratio(s.given + surname, c.given + c.surname)
    if (whole >= threshold and min(given_score, surname_score) >= 80) or (
        phonetic and min(given_score, surname_score) >= 70
    ):
        score = int(whole * 0.9) + (5 if same_address else 0)
        score = max(60, min(score, 89))
        label = "นามสกุลเดิม " + surname if former else "ชื่อ"
        sounds = ", เสียงอ่านตรงกัน" if phonetic else ""
        return Match(
            s.item,
            c.item,
            score,
            "similar_name",
            f"{label}คล้ายกับ{what} {where} (ชื่อ {round(given_score)}%, นามสกุล {round(surname_score)}%{sounds}){addr}",
            detail,
        )
    if surname_score == 100 and same_address and not former:
        return Match(
            s.item,
            c.item,
            70,
            "surname_address",
            f"นามสกุลและที่อยู่ตรงกับ{what} {where} แต่ชื่อต่างกัน (อาจเป็นญาติที่ไม่ได้แจ้ง)",
            detail,
        )
    return None
