"""Thai text cut into the words the search index holds and a query asks for.

Thai is written without spaces between words, so text is cut into words with PyThaiNLP's newmm
tokenizer, on the index side and on the query side alike. One tokenizer cut is not enough on the
index side: newmm keeps dictionary compounds whole ("ปีงบประมาณ", "จัดซื้อจัดจ้าง"), so a person
typing "งบประมาณ" or "จัดจ้าง" would not find them. `inner_words` therefore also finds every dictionary
word that starts and ends on a Thai character-cluster boundary of the text, which is what makes a
word in the middle of an unspaced title findable.

PyThaiNLP is imported on first use, not with this module: it costs about 0.1 s, which pages that never
search should not pay (as in core.thai).
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

MAX_TERM_CHARS = 100  # SearchTerm.term's length

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_RUNS = re.compile(r"([\u0e00-\u0e7f]+)|([^\W_]+)")  # a run of Thai, or a Latin/digit word
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@lru_cache(maxsize=1)
def _stop_words():
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


@lru_cache(maxsize=1)
def _dictionary():
    from pythainlp.tokenize import word_dict_trie

    return word_dict_trie()


def _clean(text):
    from pythainlp.util import normalize

    return normalize(str(text).translate(_INVISIBLE)).translate(THAI_DIGITS).casefold()


def _keep(token):
    """The token without punctuation, or "" when it is too short or a stop word."""
    token = "".join(ch for ch in token if unicodedata.category(ch)[0] in "LMN")[:MAX_TERM_CHARS]
    if len(token) < 2 or token in _stop_words():
        return ""
    return token


def segment(text) -> list[str]:
    """The words of `text` in order: newmm for Thai, Latin words and numbers kept whole, normalised."""
    from pythainlp.tokenize import word_tokenize

    words = []
    for thai, other in _RUNS.findall(_clean(text or "")):
        pieces = word_tokenize(thai, engine="newmm", keep_whitespace=False) if thai else [other]
        words += [w for w in map(_keep, pieces) if w]
    return words


def inner_words(text):
    """Dictionary words inside the Thai runs of `text` that another cut of the run would give.

    A candidate starts and ends on character-cluster boundaries, and what it leaves of each newmm
    word it cuts into must itself be a dictionary word: "งบประมาณ" in "ปี|งบประมาณ" and "จัดจ้าง" in
    "จัดซื้อ|จัดจ้าง" are kept, "อน" in "เดื|อน" is not.
    """
    from pythainlp.tokenize import word_tokenize
    from pythainlp.tokenize.tcc import tcc_pos

    trie, found = _dictionary(), set()
    for thai, _other in _RUNS.findall(_clean(text or "")):
        if len(thai) < 3:
            continue
        starts, ends, at = [], [], 0
        for token in word_tokenize(thai, engine="newmm", keep_whitespace=False):
            at = thai.find(token, at)
            starts.append(at)
            at += len(token)
            ends.append(at)
        clusters = tcc_pos(thai) | {0}
        for start in sorted(clusters):
            left = thai[starts[bisect_right(starts, start) - 1] : start]
            if left and left not in trie:
                continue
            for word in trie.prefixes(thai[start:]):
                end = start + len(word)
                if end not in clusters:
                    continue
                i = bisect_left(ends, end)
                right = thai[end : ends[i]] if i < len(ends) else ""
                if (not right or right in trie) and (kept := _keep(word)):
                    found.add(kept)
    return found
