"""Is an integrity officer named in a corruption report? A Thai-aware comparison that errs towards yes.

A reporter writes a name the way people say it: "คุณสมชาย", "ดร.สมชาย ใจดี", "ใจดี สมชาย",
"ว่าที่ ร.ต.สมชาย ใจดี (นิติกร)", with Thai digits or odd spaces. Both sides are reduced the same
way — Unicode and Thai spelling normalized (PyThaiNLP), Thai digits made Arabic, zero-width
characters, dots and case dropped, titles, ranks and honorifics (data/name_titles_th.txt) removed,
parenthesised parts read as separate names — and then compared word by word in either order.

Free-text matching can never be sure, so a doubt counts as a match: a first name or a surname
alone in the "name of the person" field is enough, and a title-like start of a word is tried both
with and without it. The free text of the report is searched only for the full name (first name
and surname together, either order), which a coincidence rarely produces. The reporter also sees
the officers and can leave any of them out (keys.recipients), so this check is not the only guard.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

TITLES_FILE = Path(__file__).resolve().parent.parent / "data" / "name_titles_th.txt"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SEPARATORS = re.compile(r"[,;/|\n\r\t]+|\s(?:และ|กับ|หรือ|and|or)\s")
_MIN = 2  # characters a name part must keep after a title is taken off
# A Thai word cannot start with a following vowel or a tone mark: "คุณากร" is not "คุณ" + "ากร".
_NO_START = re.compile("^[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")


@cache
def titles():
    """The titles, ranks and honorifics, as compared (no dots, no spaces), longest first."""
    found = set()
    for line in TITLES_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            found.add(_squash(_plain(line)))
    return tuple(sorted(found, key=len, reverse=True))


def _plain(text):
    """Normalized text: NFKC, Thai spelling, Arabic digits, no invisible characters, lower case."""
    from pythainlp.util import normalize, thai_digit_to_arabic_digit

    text = unicodedata.normalize("NFKC", str(text or "")).translate(_INVISIBLE)
    return thai_digit_to_arabic_digit(normalize(text)).casefold()


def _no_marks(text):
    """Punctuation and symbols made spaces (not with a regex: \\w misses Thai vowel and tone marks)."""
    return "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)


def _squash(text):
    return re.sub(r"[\s.]+", "", text)


def _untitled(word, depth=4):
    """The word and every form of it with titles taken off its start ("รตดรสมชาย" → … "สมชาย")."""
    forms = {word}
    if depth:
        for title in titles():
            rest = word[len(title) :]
            if word.startswith(title) and len(rest) >= _MIN and not _NO_START.match(rest):
                forms |= _untitled(rest, depth - 1)
    return forms


def _words(segment):
    """The segment's words, dots dropped (so "ร.ต." is one word), whole-title words left out."""
    words = [w for w in _no_marks(segment.replace(".", "")).split() if w]
    return [w for w in words if w not in titles()]


def _segments(text):
    """The names a text may hold: outside and inside parentheses, split at commas and "และ"."""
    text = _plain(text)
    inside = re.findall(r"[(\[{（]([^)\]}）]*)[)\]}）]?", text)
    outside = re.sub(r"[(\[{（][^)\]}）]*[)\]}）]?", " ", text)
    return [s.strip() for part in [outside, *inside] for s in _SEPARATORS.split(f" {part} ") if s.strip()]


class OfficerName:
    """An officer's name reduced for comparison: each first-name and surname form."""

    def __init__(self, full_name):
        words = []
        for segment in _segments(full_name)[:1]:  # the name itself, not a parenthesised position
            words = _words(segment)
        self.firsts = _untitled(words[0]) if words else set()
        self.lasts = {words[-1]} if len(words) > 1 else set()
        self.fulls = {f + la for f in self.firsts for la in self.lasts} | {
            la + f for f in self.firsts for la in self.lasts
        }

    def __bool__(self):
        return bool(self.firsts)

    def named_in_field(self, text):
        """True when the "name or position of the person" field may mean this officer."""
        for segment in _segments(text):
            words = _words(segment)
            if not words:
                continue
            every = set().union(*(_untitled(w) for w in words))
            joined = {"".join([first, *words[1:]]) for first in _untitled(words[0])}
            if every & (self.firsts | self.lasts):
                return True
            if any(full in j for full in self.fulls for j in joined):
                return True
            # A name typed in part ("สมชายใจ") or without spaces.
            mine = self.fulls or self.firsts
            if any(len(j) >= 4 and any(j in m for m in mine) for j in joined):
                return True
        return False

    def named_in_text(self, text):
        """True when the report's free text holds this officer's first name and surname together."""
        plain = _squash(_no_marks(_plain(text)))
        return any(len(full) >= 4 and full in plain for full in self.fulls)


def is_named(full_name, fields=(), texts=()):
    """True when the person may be the one named in any of `fields` or fully named in any of `texts`."""
    officer = OfficerName(full_name)
    if not officer:
        return False
    return any(officer.named_in_field(f) for f in fields if f) or any(
        officer.named_in_text(t) for t in texts if t
    )
