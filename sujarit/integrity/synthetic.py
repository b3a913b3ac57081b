"""Generated people and vendor directors with planted conflicts of interest: the developers' own
generator with known answers, for the tests (precision and recall) and bench/coi_matching.py.

Covered people and their relatives take surnames from one pool and unrelated directors from another,
so every match outside the planted ones is a false positive of the matcher. Each planted director
carries one of the variations Thai registers show: the same ID (in Thai digits and dashes, the name
written otherwise), titles and ranks, spacing, spelling variants, a woman's maiden name.
"""

import random
import unicodedata
from dataclasses import dataclass, field

from .matching import Counterparty, Subject, split_name

_GIVEN_A = (
    "สม",
    "ศรี",
    "วิ",
    "กิตติ",
    "ณัฐ",
    "ประ",
    "สุ",
    "อภิ",
    "ธน",
    "ชัย",
    "พงษ์",
    "นิ",
    "จิร",
    "ปิยะ",
    "อนุ",
    "วรร",
    "ธีร",
    "พิม",
    "รัต",
    "อรุณ",
)
_GIVEN_B = (
    "ชาย",
    "ศักดิ์",
    "พล",
    "ชัย",
    "นา",
    "วัฒน์",
    "ดา",
    "พร",
    "รัตน์",
    "กานต์",
    "ภพ",
    "วุฒิ",
    "เดช",
    "ณี",
    "ภา",
    "ยา",
)
_SUFFIX = (
    "ดี",
    "งาม",
    "สม",
    "ไทย",
    "มณี",
    "ประเสริฐ",
    "สกุล",
    "เจริญ",
    "พันธ์",
    "วงศ์",
    "รักษ์",
    "ใส",
    "แสง",
    "สวัสดิ์",
    "กุล",
    "ยิ่ง",
    "บุตร",
    "ชัย",
    "ภักดี",
    "ฤทธิ์",
)
_PEOPLE_PREFIX = (
    "ใจ",
    "แก้ว",
    "ทอง",
    "บุญ",
    "สุข",
    "รัก",
    "มั่น",
    "เพชร",
    "จันทร์",
    "คำ",
    "นาค",
    "ทรัพย์",
    "อินทร์",
    "พุ่ม",
    "ชื่น",
    "เรือง",
    "ปาน",
    "สาย",
    "ขาว",
    "เงิน",
)
_DIRECTOR_PREFIX = (
    "ธนา",
    "พิทักษ์",
    "เกียรติ",
    "วัฒนา",
    "อัคร",
    "ไพบูลย์",
    "สถิต",
    "ชำนาญ",
    "เลิศ",
    "อุดม",
    "ปัญญา",
    "กาญจน",
    "รุ่ง",
    "เอี่ยม",
    "ตั้ง",
    "เจียม",
    "ลิ้ม",
    "โชติ",
    "หอม",
    "ประทีป",
)
_TITLES = ("นาย", "นาง", "นางสาว", "น.ส.", "ว่าที่ ร.ต.", "ว่าที่ร้อยตรี", "พ.ต.ท.", "ร.ต.อ.", "จ.ส.อ.", "ดร.")
# (written, as the other register writes it): common misspellings and spelling variants
_VARIANTS = (
    ("ณ", "น"),
    ("ษ", "ศ"),
    ("ศ", "ส"),
    ("พงษ์", "พงศ์"),
    ("ชัย", "ชาย"),
    ("วัฒน์", "วัฒ"),
    ("รัตน์", "รัต"),
    ("ภักดี", "ภักดิ์"),
    ("ฤทธิ์", "ฤทธิ"),
    ("ดี", "ดีย์"),
)
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
KINDS = ("id", "title", "spacing", "spelling", "maiden")


def thai_id(rng):
    """A random valid 13-digit Thai personal ID (check digit per the Ministry of Interior's rule)."""
    digits = [rng.randint(1, 8)] + [rng.randint(0, 9) for _ in range(11)]
    check = (11 - sum(d * (13 - i) for i, d in enumerate(digits)) % 11) % 10
    return "".join(map(str, digits)) + str(check)


def _dashed_thai(id_number):
    n = id_number
    return f"{n[0]}-{n[1:5]}-{n[5:10]}-{n[10:12]}-{n[12]}".translate(_THAI)


@dataclass
class Dataset:
    subjects: list
    directors: list
    planted: set = field(default_factory=set)  # {(subject ref, counterparty ref)}
    kinds: dict = field(default_factory=dict)  # (subject ref, counterparty ref) -> variation


def generate(people=100, directors=1000, planted_share=0.1, seed=1):
    """`people` covered people, each with about three relatives, and `directors` directors of
    directors // 3 vendors; about planted_share of the people (or their relatives) planted as directors."""
    rng = random.Random(seed)
    given = [a + b for a in _GIVEN_A for b in _GIVEN_B]
    people_surnames = [p + s + t for p in _PEOPLE_PREFIX for s in _SUFFIX for t in ("",) + _SUFFIX if s != t]
    director_surnames = [
        p + s + t for p in _DIRECTOR_PREFIX for s in _SUFFIX for t in ("",) + _SUFFIX if s != t
    ]
    subjects = []
    maiden = {}
    used = set()  # (given, surname) taken, former surnames included: namesakes would blur the answers

    def fresh_given(*surnames):
        while True:
            g = rng.choice(given)
            if all((g, sn) not in used for sn in surnames):
                used.update((g, sn) for sn in surnames)
                return g

    for i in range(people):
        surname = rng.choice(people_surnames)
        ref = f"person:{i}"
        official = f"{fresh_given(surname)} {surname}"
        subjects.append(
            Subject(
                ref,
                f"นาย{official}",
                thai_id(rng),
                f"{rng.randint(1, 300)} หมู่ {rng.randint(1, 12)} ตำบลแหลมสอม",
                (),
                "",
                official,
            )
        )
        for j, relation in enumerate(("spouse", "child", "parent")[: rng.randint(1, 3)]):
            former = (rng.choice(people_surnames),) if relation == "spouse" else ()
            r_ref = f"relative:{i}:{j}"
            subjects.append(
                Subject(
                    r_ref,
                    f"{fresh_given(surname, *former)} {surname}",
                    thai_id(rng) if rng.random() < 0.6 else "",
                    "",
                    former,
                    relation,
                    official,
                )
            )
            if former:
                maiden[r_ref] = former[0]
    counterparties = []
    planted, kinds = set(), {}
    n_planted = int(len(subjects) * planted_share)
    for k, s in enumerate(rng.sample(subjects, n_planted)):
        kind = KINDS[k % len(KINDS)]
        if kind == "maiden" and s.ref not in maiden:
            kind = "title"
        g, sn = split_name(s.name)
        id_number = ""
        if kind == "id":
            name = (
                f"{rng.choice(_TITLES)}{rng.choice(given)} {sn}"  # another given name: only the ID ties them
            )
            id_number = _dashed_thai(s.id_number) if s.id_number else ""
            if not id_number:
                kind, name = "title", f"{rng.choice(_TITLES)} {g} {sn}"
        elif kind == "title":
            name = f"{rng.choice(_TITLES)}{rng.choice(('', ' '))}{g}  {sn}"
        elif kind == "spacing":
            cut = next(
                c
                for c in range(max(1, len(g) // 2), len(g) + 1)
                if c == len(g)
                or (unicodedata.category(g[c]) != "Mn" and g[c] not in "ะาำๅ" and g[c - 1] not in "เแโใไ")
            )
            name = f"นาย {g[:cut]} {g[cut:]}   {sn}"
        elif kind == "spelling":
            name = f"{g} {sn}"
            for old, new in rng.sample(_VARIANTS, len(_VARIANTS)):
                if old in name:
                    name = name.replace(old, new, 1)
                    break
            else:
                name = f"{g} {sn}์" if not sn.endswith("์") else f"{g} {sn[:-1]}"
        else:  # maiden: the wife as director under her maiden name
            name = f"นางสาว{g} {maiden[s.ref]}"
        ref = f"director:planted:{k}"
        counterparties.append(
            Counterparty(ref, "director", name, id_number, "", f"หจก.planted {k}", f"vendor:p{k}")
        )
        planted.add((s.ref, ref))
        kinds[(s.ref, ref)] = kind
    for d in range(directors - len(counterparties)):
        name = f"{rng.choice(_TITLES)}{rng.choice(given)} {rng.choice(director_surnames)}"
        vendor = d // 3
        counterparties.append(
            Counterparty(
                f"director:{d}",
                "director",
                name,
                thai_id(rng) if rng.random() < 0.7 else "",
                "",
                f"บริษัท {vendor} จำกัด",
                f"vendor:{vendor}",
            )
        )
    rng.shuffle(counterparties)
    return Dataset(subjects, counterparties, planted, kinds)


def score(found_pairs, planted):
    """(precision, recall) of found (subject ref, counterparty ref) pairs against the planted ones."""
    found_pairs = set(found_pairs)
    hit = len(found_pairs & planted)
    return (hit / len(found_pairs) if found_pairs else 1.0, hit / len(planted) if planted else 1.0)
