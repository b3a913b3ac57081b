"""Text helpers: whitespace and tag clean-up, line-wrap joining, list and enumeration splitting."""

import re
import unicodedata
from functools import lru_cache

TAG_RE = re.compile(r"</?\s*p\s*/?>", re.IGNORECASE)
SPACE_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
QUOTES_RE = re.compile(r"[\"'“”‘’«»`]")


def is_thai(ch):
    return "\u0e00" <= ch <= "\u0e7f"


THAI_DIGIT_RE = re.compile("[๐-๙]")


def normalise_text(text):
    """Whole-text clean-up done by the reader: digits, invisible characters, decomposed SARA AM."""
    if THAI_DIGIT_RE.search(text):
        text = THAI_DIGIT_RE.sub(lambda m: str(ord(m.group(0)) - 0x0E50), text)
    text = INVISIBLE_RE.sub("", text)
    # PDF exports often write SARA AM as NIKHAHIT + SARA AA.
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


@lru_cache(maxsize=16384)
def clean(text):
    """Remove <p> fragments and bold markers, collapse whitespace."""
    if not text:
        return ""
    text = TAG_RE.sub(" ", text).replace("**", "")
    return SPACE_RE.sub(" ", text).strip()


def squash(text):
    """A comparison key: no spaces, no quotes (table cells keep PDF wrap spaces, so compare this)."""
    return QUOTES_RE.sub("", clean(text)).replace(" ", "").lower()


def join_wrapped(head, tail):
    """Join a line to the text it continues: a Thai-Thai wrap had no space in the source."""
    head, tail = head.rstrip(), tail.strip()
    if not head:
        return tail
    if not tail:
        return head
    if is_thai(head[-1]) and is_thai(tail[0]):
        return head + tail
    return head + " " + tail


# --- list markers ------------------------------------------------------------------------------

MARK_RE = re.compile(
    r"^\s*(?P<dash>[-–•●▪*]\s*)?"
    r"(?:\(\s*(?P<pn>\d{1,2})\s*\)|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\s*(?P<close>[).])(?!\d))\s*"
)
BULLET_RE = re.compile(r"^\s*[-–•●▪*]\s*(?=\S)")


def marker(line):
    """(style, depth, number, rest) of a list line, or None. Styles: '(n)', 'n)', 'n.', '-'."""
    m = MARK_RE.match(line)
    if m:
        if m.group("pn"):
            return "(n)", 1, int(m.group("pn")), line[m.end() :]
        parts = m.group("num").split(".")
        style = "n)" if m.group("close") == ")" else "n."
        return style, len(parts), int(parts[0]), line[m.end() :]
    m = BULLET_RE.match(line)
    if m and not line.strip().startswith("--"):
        return "-", 1, None, line[m.end() :]
    return None


# The blank line the .docx reader puts after a Word paragraph: a paragraph end for certain, never a
# PDF wrap (clean() turns it into an empty line, so everything else sees a blank line).
HARD_BREAK = "\f"
OPENERS = ("ดังนั้น", "ทั้งนี้", "อีกทั้ง", "นอกจากนี้", "เพื่อ", "โดย", "จึง", "การ")


def wrapped_across_blank(prev, text):
    """A PDF export sometimes puts a blank line inside a wrapped paragraph: a full-width line
    followed by a short tail ("...ขององค์การบริหารส่วน" / "ตำบลแหลมสอม พ.ศ. 2566")."""
    return 60 <= len(prev) <= 100 and len(text) < 60 and not marker(text) and not text.startswith(OPENERS)


def paragraphs(lines):
    """Blank-line separated paragraphs of (lineno, text) lines; wrapped lines are joined."""
    out, cur, blank, hard, prev = [], "", True, False, ""
    for _, raw in lines:
        text = clean(raw)
        if not text:
            blank, hard = True, hard or raw == HARD_BREAK
            continue
        wrapped = not hard and (cur.count("(") > cur.count(")") or wrapped_across_blank(prev, text))
        if cur and (not blank or wrapped):
            cur = join_wrapped(cur, text)
        else:
            if cur:
                out.append(cur)
            cur = text
        blank, hard, prev = False, False, text
    if cur:
        out.append(cur)
    return out


def split_list(lines):
    """Entries of a list section: entries start at the section's main marker style."""
    rows = []
    for _, raw in lines:
        text = clean(raw)
        rows.append((text, marker(text) if text else None))
    main = next(((m[0]) for t, m in rows if m and m[1] == 1), None)
    if main is None:
        return paragraphs(lines)
    entries, cur = [], None
    for text, m in rows:
        if not text:
            continue
        if m and m[0] == main and m[1] == 1:
            if cur is not None:
                entries.append(cur)
            cur = clean(m[3])
        elif cur is None:
            cur = text
        elif m:
            cur = cur + " " + text
        else:
            cur = join_wrapped(cur, text)
    if cur is not None:
        entries.append(cur)
    return [e for e in entries if e]


ENUM_RE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=>))(\d{1,2})\s*\.+(?!\d)\s*")


def split_enumeration(text, start=None):
    """Split '1. aaa 2. bbb 3..ccc' into (first_number, prefix, [aaa, bbb, ccc]).

    Only a sequence counting up by one is taken, so numbers inside the text stay put."""
    text = clean(text)
    cuts, expected = [], start
    for m in ENUM_RE.finditer(text):
        n = int(m.group(1))
        if expected is None or n == expected:
            cuts.append(m)
            expected = n + 1
    if not cuts:
        return None, text, []
    prefix = text[: cuts[0].start()].strip()
    parts = []
    for i, m in enumerate(cuts):
        end = cuts[i + 1].start() if i + 1 < len(cuts) else len(text)
        parts.append(text[m.end() : end].strip())
    return int(cuts[0].group(1)), prefix, parts
