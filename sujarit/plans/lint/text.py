"""Thai text helpers: normalising item names (no spaces in Thai, wrapped lines, quotes, type words) and
comparing them by character trigrams, which survive word-break differences better than word lists."""

import re
import unicodedata

TYPE_WORDS = (
    ("แนวปฏิบัติงาน", "guideline"),
    ("แนวปฏิบัติ", "guideline"),
    ("โครงการ", "project"),
    ("มาตรการ", "measure"),
    ("กิจกรรม", "activity"),
)
# Marks that attach to the consonant before them: a name followed by one of these really ended a letter earlier.
COMBINING = set("ัิีึืุู็่้๊๋์ํะาำๅ")
_NUMBERING = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*\s*[.)]*\s*)+")
_PUNCT = re.compile(r"[\s\"“”'‘’`()\[\]{}<>\-–—,.:;/\\|*_•·]+")
GENERIC_OWNERS = ("ของหน่วยงาน", "ขององค์กรปกครองส่วนท้องถิ่น", "ขององค์การปกครองส่วนท้องถิ่น", "ของอปท")


def clean(text):
    """NFC, SARA AM composed, whitespace collapsed."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"\s+", " ", text).strip()


def squeeze(text):
    """Without spaces or punctuation: Thai words are not space-separated, and PDFs wrap anywhere."""
    return _PUNCT.sub("", clean(text))


def type_of(name):
    """The item type its name starts with ('project', 'measure', 'activity', 'guideline') or None."""
    s = _NUMBERING.sub("", clean(name)).lstrip("“\"' ")
    for word, kind in TYPE_WORDS:
        if s.startswith(word):
            return kind
    return None


def name_key(name, org_name=""):
    """An item name reduced to what identifies it: no numbering, type word, quotes, spaces, or owner suffix."""
    s = squeeze(_NUMBERING.sub("", clean(name)))
    s = s.replace("องค์กรบริหารส่วน", "องค์การบริหารส่วน")
    for word, _kind in TYPE_WORDS:
        if s.startswith(word):
            s = s[len(word) :]
            break
    if s.startswith("การ") and len(s) > 6:
        s = s[3:]
    owners = list(GENERIC_OWNERS)
    if org_name:
        owners.insert(0, "ของ" + squeeze(org_name))
    for owner in owners:
        if s.endswith(owner) and len(s) > len(owner) + 4:
            s = s[: -len(owner)]
            break
    return s


def _grams(s, n=3):
    if len(s) < n:
        return {s} if s else set()
    return {s[i : i + n] for i in range(len(s) - n + 1)}


def similarity(a, b):
    """Dice coefficient of character trigrams of two keys (1.0 = same; containment counts as 0.95)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 8 and shorter in longer:
        return 0.95
    ga, gb = _grams(a), _grams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def best_pairs(left, right, threshold):
    """Greedy best-first one-to-one pairing of two lists of keys: [(i, j, score)] with score >= threshold."""
    scored = sorted(
        ((similarity(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_left, used_right, pairs = set(), set(), []
    for score, i, j in scored:
        if score < threshold:
            break
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((i, j, score))
    return pairs


def short(text, limit=80):
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
