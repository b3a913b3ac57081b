"""Wording: words of another kind of organization, another organization's name, the organization's own
name misspelt or cut short, template placeholders in the body text, and the reader's own notes.
Misspelt words in general are `spelling.check_spelling`'s."""

import re

from .base import WARNING, Finding, as_dict, as_list, as_text
from .items import MARKERS
from .places import places
from .text import COMBINING, clean, short

# Names of organization types, longest first, and the type each belongs to.
TYPE_PREFIXES = (
    ("องค์การบริหารส่วนตำบล", "sao"),
    ("องค์การบริหารส่วนจังหวัด", "pao"),
    ("เทศบาลนคร", "city"),
    ("เทศบาลเมือง", "town"),
    ("เทศบาลตำบล", "tambon_muni"),
    ("กรุงเทพมหานคร", "bma"),
    ("เมืองพัทยา", "pattaya"),
)
TYPE_NAMES = {
    "sao": "องค์การบริหารส่วนตำบล (อบต.)",
    "pao": "องค์การบริหารส่วนจังหวัด (อบจ.)",
    "city": "เทศบาลนคร",
    "town": "เทศบาลเมือง",
    "tambon_muni": "เทศบาลตำบล",
    "bma": "กรุงเทพมหานคร",
    "pattaya": "เมืองพัทยา",
}
_MUNI = r"(?:รอง)?(?:ปลัด|นายก|สมาชิกสภา|สภา)?เทศ(?:บาล(?:นคร|เมือง|ตำบล)?|มนตรี|บัญญัติ)"
_SAO = r"(?:สมาชิกสภา|สภา|นายก|ปลัด)?องค์การบริหารส่วนตำบล|(?<![ก-๙])อบต\."
_PAO = r"(?:สมาชิกสภา|สภา|นายก|ปลัด)?องค์การบริหารส่วนจังหวัด|(?<![ก-๙])อบจ\."
# Words that give away a plan copied from another kind of organization, by the plan's own type.
FOREIGN = {
    "sao": re.compile(f"{_MUNI}|{_PAO}"),
    "pao": re.compile(f"{_MUNI}|{_SAO}"),
    "city": re.compile(f"{_SAO}|{_PAO}|ข้อบัญญัติ"),
    "town": re.compile(f"{_SAO}|{_PAO}|ข้อบัญญัติ"),
    "tambon_muni": re.compile(f"{_SAO}|{_PAO}|ข้อบัญญัติ"),
    "bma": re.compile(f"{_MUNI}|{_SAO}|{_PAO}"),
    "pattaya": re.compile(f"{_MUNI}|{_SAO}|{_PAO}"),
}
# "องค์การบริหารส่วน" cut before ตำบล/จังหวัด.
_CUT_TYPE = re.compile(r"องค์(?:การ|กร)\s*บริหาร\s*ส่วน(?!\s*(?:ตำบล|จังหวัด))")
# Words that may follow a type name used generically ("องค์การบริหารส่วนตำบลมีอำนาจ…", "…ทุกแห่ง").
_GENERIC_NEXT = (
    "มี เป็น ได้ จะ จึง ต้อง ทุก ทั้ง ให้ ที่ ซึ่ง และ หรือ ใน ของ โดย ก็ ไม่ นั้น นี้ แห่ง ดังกล่าว ต่าง "
    "อื่น จัด ดำเนิน ส่งเสริม พัฒนา บริหาร กำหนด ประกาศ มุ่ง เห็น เล็งเห็น หวัง อาจ ควร ย่อม "
    "ใกล้เคียง ข้างเคียง แต่ละ สามารถ"
).split()


def spaced(text):
    """A regex matching text with optional whitespace between its letters (PDF line wraps)."""
    return r"\s*".join(re.escape(ch) for ch in text)


ABBREVIATIONS = (
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("ทน.", "เทศบาลนคร"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทต.", "เทศบาลตำบล"),
    ("องค์กรบริหารส่วน", "องค์การบริหารส่วน"),
)


def canonical_name(name):
    """An organization's name spelt out, without spaces: 'อบต. แหลมสอม' -> 'องค์การบริหารส่วนตำบลแหลมสอม'."""
    name = clean(name).replace(" ", "")
    for short_form, full in ABBREVIATIONS:
        if name.startswith(short_form):
            return full + name[len(short_form) :]
    return name


def split_name(name):
    """('องค์การบริหารส่วนตำบล', 'แหลมสอม') for a full name; ('', name) when the type is not recognised."""
    name = canonical_name(name)
    for prefix, _type in TYPE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return prefix, name[len(prefix) :]
    return "", name


class OrgNames:
    """The organization's own name, split, with the patterns that find it (and its faulty forms) in text."""

    def __init__(self, full_name, org_type):
        self.full = canonical_name(full_name)
        self.prefix, self.short = split_name(full_name)
        self.type = org_type or dict(TYPE_PREFIXES).get(self.prefix, "")
        prefixes = [self.prefix] if self.prefix else []
        if self.prefix.startswith("องค์การ"):
            prefixes.append("องค์กร" + self.prefix[len("องค์การ") :])
        abbreviations = {"sao": "อบต.", "pao": "อบจ.", "city": "ทน.", "town": "ทม.", "tambon_muni": "ทต."}
        if self.type in abbreviations:
            prefixes.append(abbreviations[self.type])
        self.anchor = (
            re.compile("(" + "|".join(spaced(p) for p in prefixes) + ")") if prefixes and self.short else None
        )
        self.whole = re.compile(spaced(self.short)) if self.short else None

    def faults(self, text):
        """[('misspelt'|'truncated'|'other', shown)] for each faulty mention of an organization in text."""
        if not self.anchor:
            return []
        found = []
        for m in self.anchor.finditer(text):
            said = re.sub(r"\s+", "", m.group(1))
            rest = text[m.end() :]
            stripped = rest.lstrip()
            whole = self.whole.match(stripped)
            if whole:
                after = stripped[whole.end() :]
                if after[:1] in COMBINING:
                    # "แหลมสอมีการ": the name's last letter was taken as the next word's first
                    syllable = re.match(r"[\u0e30-\u0e4e]*", after).group(0)
                    found.append(("truncated", said + re.sub(r"\s+", "", whole.group(0)) + syllable + "…"))
                elif said.startswith("องค์กร"):
                    found.append(("misspelt", said + self.short))
                continue
            part = self._longest_prefix(stripped)
            if part:
                found.append(("truncated", said + part))
                continue
            if rest[:1].isspace() or not rest or not _thai(rest[0]):
                continue  # the type used generically ("พนักงานองค์การบริหารส่วนตำบล ลูกจ้าง…")
            other = _other_name(rest)
            if other:
                found.append(("other", said + other))
        return found

    def _longest_prefix(self, text):
        """The own name cut short at the start of text ('แหลมสอ' for 'แหลมสอม'), or ''.

        Cut by one letter it is taken as the own name whatever follows (Thai runs words together);
        cut by more it counts only when nothing Thai follows, else it may be another name."""
        for length in range(len(self.short) - 1, max(3, (len(self.short) + 1) // 2) - 1, -1):
            m = re.match(spaced(self.short[:length]), text)
            if not m:
                continue
            after = text[m.end() :]
            if after[:1] in COMBINING:
                return ""  # the last letter matched begins another syllable: a different name
            if length == len(self.short) - 1 or not after or not _thai(after[0]):
                return re.sub(r"\s+", "", m.group(0))
            return ""
        return ""


def _thai(ch):
    return "\u0e01" <= ch <= "\u0e4e"


def _other_name(rest):
    """The word directly after a type name when it stands alone like a proper name, else ''.

    Only a short run of Thai letters ended by a space or punctuation counts ("…ตำบลบางพลี จึง…"), and
    not a single dictionary word or a word that commonly follows a type name used generically
    ("…ตำบลมอบหมาย …", "…ตำบลทุกแห่ง"): a missed name is better than a false alarm."""
    run = re.match(r"[\u0e01-\u0e4e]+", rest)
    if not run or len(run.group(0)) > 14:
        return ""
    run = run.group(0)
    if any(run.startswith(w) for w in _GENERIC_NEXT):
        return ""
    # PyThaiNLP costs half a second to import; only a plan that names a place pays for it.
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(run, keep_whitespace=False)
    if len(tokens) <= 1 and run in thai_words():
        return ""
    return run if len(run) >= 3 else ""


def _labels(labels):
    labels = [label for label in dict.fromkeys(labels) if label]
    return f" (หัวข้อ {', '.join(labels)})" if labels else ""


def _quoted(words):
    return ", ".join(f"“{w}”" for w in dict.fromkeys(words))


def check_wording(ctx):
    names = OrgNames(ctx.org_name, ctx.org_type) if ctx.org_name else None
    own_type = names.type if names else ctx.org_type
    foreign = FOREIGN.get(own_type)
    for place in places(ctx):
        hits = {"other_type": ([], []), "misspelt": ([], []), "truncated": ([], []), "other": ([], [])}
        hits["placeholder"] = ([], [])
        joined = {}
        for label, raw in place.texts:  # a section's paragraphs read as one: PDFs break lines mid-name
            joined.setdefault(label, []).append(clean(raw))
        for label, parts in joined.items():
            text = " ".join(parts)
            if foreign:
                for m in foreign.finditer(text):
                    hits["other_type"][0].append(m.group(0))
                    hits["other_type"][1].append(label)
            if names:
                for kind, shown in names.faults(text):
                    hits[kind][0].append(shown)
                    hits[kind][1].append(label)
                for m in _CUT_TYPE.finditer(text):
                    hits["truncated"][0].append(re.sub(r"\s+", "", m.group(0)))
                    hits["truncated"][1].append(label)
            if place.where.startswith(("ส่วนที่ 1", "ส่วนที่ 2", "ชื่อแผน")) and MARKERS.search(text):
                hits["placeholder"][0].append(short(text, 60))
                hits["placeholder"][1].append(label)
        yield from _findings(place.where, hits, names, own_type)


def _findings(where, hits, names, own_type):
    words, labels = hits["other_type"]
    if words:
        yield Finding(
            "wording.other_org_type",
            WARNING,
            where,
            f"พบคำของหน่วยงานประเภทอื่น {_quoted(words)}{_labels(labels)} ในแผนของ"
            f"{TYPE_NAMES.get(own_type, 'หน่วยงาน')} — อาจคัดลอกมาจากแม่แบบหรือแผนของหน่วยงานอื่น ควรใช้คำของหน่วยงานตนเอง",
        )
    if names:
        words, labels = hits["other"]
        if words:
            yield Finding(
                "wording.other_org_name",
                WARNING,
                where,
                f"พบชื่อหน่วยงานอื่น {_quoted(words)}{_labels(labels)} ในแผนของ{names.full}",
            )
        words, labels = hits["misspelt"]
        if words:
            yield Finding(
                "wording.org_name_misspelt",
                WARNING,
                where,
                f"ชื่อหน่วยงานสะกดผิด {_quoted(words)}{_labels(labels)} ควรเป็น “{names.full}”",
            )
        words, labels = hits["truncated"]
        if words:
            yield Finding(
                "wording.org_name_truncated",
                WARNING,
                where,
                f"ชื่อหน่วยงานไม่ครบ {_quoted(words)}{_labels(labels)} ควรเป็น “{names.full}”",
            )
    words, labels = hits["placeholder"]
    if words:
        yield Finding(
            "wording.placeholder",
            WARNING,
            where,
            f"ยังมีข้อความของแม่แบบที่ยังไม่ได้กรอก {_quoted(words)}{_labels(labels)}",
        )


def check_org(ctx):
    """The document names another organization than the one it is being linted for."""
    parsed_name = as_text(as_dict(ctx.parsed.get("organization")).get("name"))
    org_name = as_text(getattr(ctx.org, "name", ""))
    if parsed_name and org_name and canonical_name(parsed_name) != canonical_name(org_name):
        yield Finding(
            "plan.org_mismatch",
            "error",
            "ชื่อแผน",
            f"เอกสารนี้เป็นแผนของ “{parsed_name}” ไม่ใช่ของ “{org_name}”",
        )


# Notes about how the reader read the file rather than about the document: not a reviewer's business.
READER_ONLY = ("reader.", "summary.budget_rows")


_TITLE_CYCLE = re.compile(r"พ\.\s*ศ\.\s*(25\d\d)\s*[-–—]\s*(25\d\d)")


def check_title_cycle(ctx):
    """The title's "(พ.ศ. 2566 - 2570)" against the plan's cycle."""
    m = _TITLE_CYCLE.search(clean(as_text(ctx.parsed.get("title"))))
    if m and ctx.years and (int(m.group(1)), int(m.group(2))) != (ctx.years[0], ctx.years[-1]):
        yield Finding(
            "plan.title_cycle_mismatch",
            WARNING,
            "ชื่อแผน",
            f"ชื่อแผนระบุ พ.ศ. {m.group(1)} – {m.group(2)} แต่รอบแผนที่อ่านได้คือ {ctx.years[0]} – {ctx.years[-1]}",
        )


def check_reader_notes(ctx):
    """The parser's notes on the document (e.g. a misspelt heading it still recognised), as warnings."""
    for note in as_list(ctx.parsed.get("warnings")):
        note = as_dict(note)
        code = as_text(note.get("code")) or "note"
        message = as_text(note.get("message"))
        if not message or code.startswith(READER_ONLY):
            continue
        yield Finding(
            code if "." in code else f"parse.{code}",
            WARNING,
            as_text(note.get("where")) or "เอกสาร",
            message,
        )


RULES = (check_org, check_title_cycle, check_wording, check_reader_notes)
