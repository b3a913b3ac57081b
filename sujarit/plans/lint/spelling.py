"""Spelling: words PyThaiNLP's dictionary (plus the local-government vocabulary kept as data) does not
know, and runs of words one or two marks away from a word the plan itself uses, each with a suggestion.

Two signals, both general (no list of known misspellings):
- an *unknown* span: newmm cuts a run of Thai into dictionary words and leaves what it cannot place as
  loose pieces ("ช้อ" in "ช้อร้องเรียน"); the suggestion is the nearest word the plan uses often or the
  vocabulary holds, else PyThaiNLP's spell checker;
- a *near miss*: a typo that falls apart into real words ("รองเรียน" = รอง + เรียน) has the same
  consonants as the word meant; when that word is one the plan uses more often than the odd spelling,
  or a vocabulary term, it is a typo of it. Common phrases never match because the plan's own words are
  single dictionary tokens.
Names the plan defines (the organization, places after ตำบล/อำเภอ/บ้าน…, people after นาย/นาง…, quoted
project names) are left out, and so are abbreviations ("ปค.", "พ.ศ.")."""

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .base import WARNING, Finding
from .places import places
from .text import clean

VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "local_government_terms.txt"
_RUN = re.compile(r"[\u0e01-\u0e4e]+")
_MARKS = re.compile(r"[\u0e30-\u0e4e]")  # vowels, tone marks and the leading vowels เ แ โ ใ ไ
_REPEAT = set("ๆฯ")
# Words after which the plan names something of its own: a place, a person, a village.
_NAME_MARKERS = re.compile(
    r"(?:ตำบล|อำเภอ|จังหวัด|หมู่บ้าน|บ้าน|ชุมชน|วัด|โรงเรียน|นางสาว|นาย(?!ก)|นาง|ด\.ช\.|ด\.ญ\.)\s*([\u0e01-\u0e4e]{2,20})"
    r"(?:\s+([\u0e01-\u0e4e]{2,20}))?"
)
_PERSON = re.compile(r"(?:นางสาว|นาย|นาง)$")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,80})[”\"]")
LONG = 8  # runs of words this long may be checked against known words one letter of any kind away
COMMON = 5000  # a word this frequent in the Thai National Corpus is no broken piece of another
MIN_LENGTH = 5  # shorter runs of words are too often two real words one mark from a third


@lru_cache(maxsize=1)
def vocabulary():
    """The local-government terms shipped with the package (data/local_government_terms.txt)."""
    lines = VOCABULARY.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def lexicon():
    """(words, trie): PyThaiNLP's word list with the vocabulary, loaded once per process (about 1 s)."""
    from pythainlp.corpus import thai_words
    from pythainlp.util import dict_trie

    words = frozenset(thai_words()) | vocabulary()
    return words, dict_trie(words)


@lru_cache(maxsize=1)
def _lexicon_list():
    return sorted(w for w in lexicon()[0] if len(w) >= 3)


@lru_cache(maxsize=4096)
def tokens(run):
    from pythainlp.tokenize import word_tokenize

    _words, trie = lexicon()
    return tuple(word_tokenize(run, custom_dict=trie, engine="newmm", keep_whitespace=False))


def _deletes(word):
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _frequencies():
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())


def _frequency(word):
    return _frequencies().get(word, 0)


def skeleton(word):
    """The consonants of a word: what survives a dropped, added or swapped vowel or tone mark."""
    return _MARKS.sub("", word)


def _distance(a, b):
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b)


def defined_names(ctx, texts):
    """Names the plan itself defines: the organization, places, people and quoted project names."""
    from .wording import OrgNames

    names = set()
    if ctx.org_name:
        org = OrgNames(ctx.org_name, ctx.org_type)
        if org.short:
            names.add(org.short)
    for text in texts:
        for m in _NAME_MARKERS.finditer(text):
            names.add(m.group(1))
            if m.group(2) and _PERSON.search(text[: m.start(1)].rstrip()):
                names.add(m.group(2))  # a surname
        for m in _QUOTED.finditer(text):
            names.add(m.group(1).strip())
    return {n for n in names if len(n) >= 2}


def _strip_org(text, org):
    """The text with the organization's own name, whole, misspelt or cut short, blanked out: the
    org-name checks report those."""
    if org is None or not org.anchor:
        return text
    from .wording import spaced

    short = org.short
    cuts = "|".join(spaced(short[:n]) for n in range(len(short), max(3, len(short) // 2) - 1, -1))
    marks = "[\u0e30-\u0e3a\u0e47-\u0e4e]*"  # a mark the cut name left on the next word
    text = re.sub(f"{org.anchor.pattern}\\s*(?:{cuts})?{marks}", " ", text)
    return re.sub(spaced(short) + marks, " ", text)


class Checker:
    """The plan's own word counts, to tell its usual spelling from a one-off."""

    def __init__(self, texts, names=()):
        words, _trie = lexicon()
        self.words = words
        self.names = tuple(names)
        counts = Counter()
        for text in texts:
            for run in _RUN.findall(text):
                counts.update(t for t in tokens(run) if t in words)
        terms = {t for t in vocabulary() if len(t) >= MIN_LENGTH}
        self.known = {t: n for t, n in counts.items() if n >= 2 and len(t) >= MIN_LENGTH}
        for t in terms:
            self.known.setdefault(t, 0)
        self.terms = terms
        self.by_skeleton = {}
        for word in self.known:
            self.by_skeleton.setdefault(skeleton(word), []).append(word)
        self.joined = "\n".join(texts)
        self.long_index = {}  # symmetric-delete index: one letter off either way meets on a key
        for word in self.known:
            if len(word) >= LONG - 1:
                for key in _deletes(word):
                    self.long_index.setdefault(key, []).append(word)

    def near(self, window):
        """The known word this run of words misspells by a mark or two, or None."""
        best = None
        for word in self.by_skeleton.get(skeleton(window), ()):
            d = _distance(word, window)
            if d != 1:  # a mark dropped, added, changed or two swapped
                continue
            used, odd = self.joined.count(word), self.joined.count(window)
            if word not in self.terms and used < 2 * max(odd, 1):
                continue  # the plan writes it this way as often: a word of its own, not a slip
            if best is None or (d, -used) < best[0]:
                best = ((d, -used), word)
        return best[1] if best else None

    def near_long(self, window, pieces):
        """A long known word this run of words misses by one letter of any kind ("ทุกกระดับ"), or None.

        Only when the run breaks into a rare piece: common words next to each other ("เพื่อใช้" beside
        the plan's "เพื่อให้") are a choice of word, not a slip of the hand."""
        if all(_frequency(p) >= COMMON for p in pieces):
            return None
        for key in _deletes(window):
            for word in self.long_index.get(key, ()):
                if _distance(word, window) != 1:
                    continue
                if word in self.terms or self.joined.count(word) >= 2 * max(self.joined.count(window), 1):
                    return word
        return None

    def suggest(self, windows):
        """(shown, suggestion): the nearest word the plan uses for the first window that has one, else
        the nearest dictionary word, else PyThaiNLP's spell checker ('' when it has nothing better)."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        for window in windows:
            cutoff = 1 if len(window) < 5 else 2
            hits = []
            for rank, choices in enumerate((list(self.known), _lexicon_list())):  # the plan's words first
                hit = process.extractOne(window, choices, scorer=OSA.distance, score_cutoff=cutoff)
                if hit and hit[0] != window:
                    hits.append((hit[1], rank, hit[0]))
            if hits:
                return window, min(hits)[2]
        from pythainlp.spell import correct

        window = windows[0]
        fixed = correct(window)
        return window, (fixed if fixed and fixed != window else "")

    def findings(self, text):
        """[(wrong, suggestion)] for one text."""
        covered = set()
        for name in self.names:
            for m in re.finditer(re.escape(name), text):
                covered.update(range(m.start(), m.end()))
        found = []
        for m in _RUN.finditer(text):
            run, after = m.group(0), text[m.end() : m.end() + 1]
            toks = tokens(run)
            starts, at = [], m.start()
            for tok in toks:
                starts.append(at)
                at += len(tok)
            named = [
                all(k in covered for k in range(s, s + len(t))) for s, t in zip(starts, toks, strict=True)
            ]
            taken = list(named)  # a name the plan defines is its own business
            found += self._unknown(toks, taken, after)
            found += self._near_misses(toks, taken)
        return found

    def _unknown(self, toks, taken, after):
        found, i = [], 0
        while i < len(toks):
            if toks[i] in self.words or set(toks[i]) <= _REPEAT:
                i += 1
                continue
            j = i
            while j < len(toks) and toks[j] not in self.words and not set(toks[j]) <= _REPEAT:
                j += 1
            span = "".join(toks[i:j])
            abbreviation = j == len(toks) and after == "." or len(toks) == 1 and len(span) <= 3
            if len(span) > 1 and not abbreviation and not any(taken[i:j]):
                before, following = toks[i - 1] if i else "", toks[j] if j < len(toks) else ""
                windows = [before + span + following, span + following, before + span]
                windows += [before[-n:] + span for n in (2, 3) if len(before) > n]
                windows = [w for w in dict.fromkeys(windows) if len(w) >= 3 and w != span]
                wrong, right = self.suggest(windows or [span])
                found.append((wrong, right))
                for k in range(max(i - 1, 0), min(j + 1, len(toks))):
                    taken[k] = True
            i = j
        return found

    def _near_misses(self, toks, taken):
        found = []
        for size in (5, 4, 3, 2, 1):
            for i in range(len(toks) - size + 1):
                if any(taken[i : i + size]):
                    continue
                window = "".join(toks[i : i + size])
                if len(window) < MIN_LENGTH or window in self.words or _REPEAT & set(window):
                    continue
                right = self.near(window)
                if not right and len(window) >= LONG:
                    right = self.near_long(window, toks[i : i + size])
                if right:
                    found.append((window, right))
                    for k in range(i, i + size):
                        taken[k] = True
        return found


def misspellings(ctx):
    """[(where, label, wrong, suggestion)] for every word of the plan the check doubts, in plan order."""
    from .wording import OrgNames

    org = OrgNames(ctx.org_name, ctx.org_type) if ctx.org_name else None
    texts = {}
    for place in places(ctx):
        for label, raw in place.texts:  # a section's paragraphs read as one: PDFs break lines mid-word
            texts.setdefault(place.where, {}).setdefault(label, []).append(clean(raw))
    joined = {
        where: {label: " ".join(parts) for label, parts in labels.items()} for where, labels in texts.items()
    }
    names = defined_names(ctx, [t for labels in joined.values() for t in labels.values()])
    stripped = {
        where: {label: _strip_org(t, org) for label, t in labels.items()} for where, labels in joined.items()
    }
    checker = Checker([t for labels in stripped.values() for t in labels.values()], names)
    found = []
    for where, labels in stripped.items():
        for label, text in labels.items():
            found += [(where, label, wrong, right) for wrong, right in checker.findings(text)]
    return found


def check_spelling(ctx):
    by_place = {}
    for where, label, wrong, right in misspellings(ctx):
        by_place.setdefault(where, []).append((label, wrong, right))
    for where, found in by_place.items():
        shown = ", ".join(dict.fromkeys(f"“{w}” (ควรเป็น “{r}”)" if r else f"“{w}”" for _label, w, r in found))
        yield Finding(
            "wording.typo",
            WARNING,
            where,
            f"คำที่อาจสะกดผิด {shown}{_labels([label for label, _w, _r in found])}",
        )


def _labels(labels):
    labels = [label for label in dict.fromkeys(labels) if label]
    return f" (หัวข้อ {', '.join(labels)})" if labels else ""


RULES = (check_spelling,)
