"""Thai full-text search of public publications: an inverted index of words in SearchTerm rows.

Thai is written without spaces between words, so text is cut into words with PyThaiNLP's newmm
tokenizer, on the index side and on the query side alike. One tokenizer cut is not enough on the
index side: newmm keeps dictionary compounds whole ("ปีงบประมาณ", "จัดซื้อจัดจ้าง"), so a person
typing "งบประมาณ" or "จัดจ้าง" would not find them. The index therefore also holds every dictionary
word that starts and ends on a Thai character-cluster boundary of the text (at a lower weight), which
is what makes a word in the middle of an unspaced title findable.

Rows exist only for public publications (published, not withdrawn); the publishing verbs call
`index_publication` on commit, and `sujarit disclosure reindex` rebuilds everything.
"""

import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Case, Count, IntegerField, Q, Sum, When
from django.utils import translation
from django.utils.html import strip_tags

from ..models import Area, Publication, SearchTerm

log = logging.getLogger(__name__)

TITLE, LABEL, BODY = 3, 2, 1  # weights: title words outrank OIT codes and area, which outrank the text
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 8  # bounds the SQL whatever a visitor pastes
MAX_TERM_CHARS = 100  # SearchTerm.term's length
MAX_PDF_TEXT = 200_000  # characters of a PDF's text indexed; a 500-page report needs no more
PDF_TIMEOUT = 20  # seconds pdftotext may take before the file is indexed without its text

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
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

    return normalize(str(text).translate(_INVISIBLE)).translate(_THAI_DIGITS).casefold()


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


def _inner_words(text):
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


def _weighted_terms(fields):
    """{term: weight} from [(text, weight)]: newmm words at their field's weight, inner words lower."""
    terms = {}
    for text, weight in fields:
        if not text:
            continue
        for word in _inner_words(text):
            terms[word] = max(terms.get(word, 0), max(1, weight - 1))
        for word in segment(text):
            terms[word] = max(terms.get(word, 0), weight)
    return terms


# --- indexing ------------------------------------------------------------------------------------


def _is_pdf(version):
    return version.content_type == "application/pdf" or version.file_name.lower().endswith(".pdf")


def pdf_text(version):
    """The text of a version's PDF through pdftotext, or "" (no tool, unreadable, too slow)."""
    if not version.file or not _is_pdf(version) or not shutil.which("pdftotext"):
        return ""
    try:
        with version.file.open("rb") as f, tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
            shutil.copyfileobj(f, tmp)
            tmp.flush()
            done = subprocess.run(
                ["pdftotext", "-q", "-enc", "UTF-8", tmp.name, "-"],
                capture_output=True,
                timeout=PDF_TIMEOUT,
                check=False,
            )
    except (OSError, subprocess.SubprocessError, ValueError) as e:
        log.warning("disclosure.search: no text from %s: %s", version.file_name, e)
        return ""
    return done.stdout.decode("utf-8", "replace")[:MAX_PDF_TEXT]


def _fields(publication, codes, with_pdf=True):
    version = publication.current_version
    labels = []
    if publication.area in Area.values:
        for lang in ("th", "en"):
            with translation.override(lang):
                labels.append(str(Area(publication.area).label))
    fields = [
        (publication.title, TITLE),
        (" ".join(codes), LABEL),
        (" ".join(labels), LABEL),
        (str(publication.fiscal_year), BODY),
        (strip_tags(version.body), BODY),
        (version.file_name.rsplit(".", 1)[0].replace("_", " "), BODY),
    ]
    if with_pdf:
        fields.append((pdf_text(version), BODY))
    return fields


def _rows(publication, codes, with_pdf=True):
    terms = _weighted_terms(_fields(publication, codes, with_pdf))
    return [
        SearchTerm(org_id=publication.org_id, publication=publication, term=term, weight=weight)
        for term, weight in terms.items()
    ]


@transaction.atomic
def index_publication(publication):
    """Rebuild the publication's SearchTerm rows; none when it is not public. Never raises on content."""
    publication = (
        Publication.objects.select_related("current_version").prefetch_related("tags").get(pk=publication.pk)
    )
    SearchTerm.objects.filter(publication=publication).delete()
    if not publication.is_public:
        return 0
    rows = _rows(publication, [t.code for t in publication.tags.all()])
    SearchTerm.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def index_publications(publications, *, with_pdf=True, batch=500):
    """Rebuild the index of many publications (a queryset) in batches; returns the rows written."""
    written = 0
    ids = list(publications.values_list("pk", flat=True))
    for i in range(0, len(ids), batch):
        chunk = ids[i : i + batch]
        with transaction.atomic():
            SearchTerm.objects.filter(publication_id__in=chunk).delete()
            rows = []
            for pub in (
                Publication.objects.filter(pk__in=chunk)
                .public()
                .select_related("current_version")
                .prefetch_related("tags")
            ):
                rows += _rows(pub, [t.code for t in pub.tags.all()], with_pdf)
            SearchTerm.objects.bulk_create(rows, batch_size=2000)
            written += len(rows)
    return written


def reindex(org=None):
    """Rebuild the whole index (of one organization or all); returns (publications, rows)."""
    qs = Publication.objects.all() if org is None else Publication.objects.for_org(org)
    stale = SearchTerm.objects.all() if org is None else SearchTerm.objects.filter(org=org)
    stale.exclude(publication__in=qs.public()).delete()
    return qs.public().count(), index_publications(qs.public())


# --- searching -----------------------------------------------------------------------------------


class Results(list):
    """Publications, best first; `matched_all` is False when no publication had every word (OR)."""

    def __init__(self, items=(), *, terms=(), matched_all=True):
        super().__init__(items)
        self.terms = list(terms)
        self.matched_all = matched_all


def query_terms(query):
    """The distinct words of a query, in order, at most MAX_QUERY_TERMS."""
    return list(dict.fromkeys(segment(str(query or "")[:MAX_QUERY_CHARS])))[:MAX_QUERY_TERMS]


def _matches(org, terms):
    """(publication id, words matched, score) of public publications with any of the words, best first.

    Aggregates the narrow SearchTerm rows (joined only for visibility and date), so the cost follows
    the number of matching words, not the width of publications; the last word is matched as a
    prefix, so results follow a person still typing it.
    """
    *whole, last = terms
    prefix = Q(term__startswith=last)
    if connection.vendor == "sqlite":
        # SQLite's LIKE ignores ASCII case and so cannot use the (org, term) index; the same prefix as
        # a range of code points can (terms are stored case-folded, so nothing is lost).
        prefix &= Q(term__gte=last, term__lt=last + "\U0010ffff")
    which = Case(
        *[When(term=t, then=i) for i, t in enumerate(whole)],
        When(prefix, then=len(whole)),
        output_field=IntegerField(),
    )
    return (
        # The organization inside each alternative (not around them) lets SQLite look each one up in
        # the (org, term) index instead of reading every row of the organization.
        SearchTerm.objects.filter(
            Q(org=org, term__in=whole) | Q(prefix, org=org) if whole else Q(prefix, org=org)
        )
        .filter(publication__current_version__isnull=False, publication__withdrawn_at__isnull=True)
        .values("publication_id")
        .annotate(hits=Count(which, distinct=True), score=Sum("weight"))
        .order_by("-hits", "-score", "-publication__publish_date", "-publication_id")
        .values_list("publication_id", "hits", "score")
    )


def search(org, query, *, limit=20, offset=0) -> Results:
    """Public publications of `org` matching every word of `query` (else any word), best first.

    Two queries whatever the size: the ranking (every word first; when no publication has them all,
    those with the most), then the page's publications.
    """
    terms = query_terms(query)
    offset, limit = max(0, offset), max(0, limit)
    if not terms or not limit:
        return Results(terms=terms)
    # Ranked rows up to the end of the page: few ids, bounded by the page a person can reach.
    ranked = list(_matches(org, terms)[: offset + limit])
    matched_all = bool(ranked) and ranked[0][1] == len(terms)
    if matched_all:
        ranked = [row for row in ranked if row[1] == len(terms)]
    ids = [pk for pk, _hits, _score in ranked[offset : offset + limit]]
    if not ids:
        return Results(terms=terms, matched_all=matched_all or not ranked)
    found = Publication.objects.select_related("current_version").in_bulk(ids)
    return Results([found[pk] for pk in ids if pk in found], terms=terms, matched_all=matched_all)


def snippet(publication, terms, width=160):
    """(before, match, after): a piece of the publication's text around the first word found."""
    version = publication.current_version
    text = " ".join(strip_tags(version.body if version else "").split()) or publication.title
    folded = text.casefold().translate(_THAI_DIGITS)
    at = min((i for i in (folded.find(t) for t in terms) if i >= 0), default=-1)
    if at < 0:
        cut = text[:width]
        return cut + ("…" if len(text) > width else ""), "", ""
    word = next(t for t in terms if folded.find(t) == at)
    start = max(0, at - width // 3)
    end = min(len(text), at + len(word) + width * 2 // 3)
    before = ("…" if start else "") + text[start:at]
    return before, text[at : at + len(word)], text[at + len(word) : end] + ("…" if end < len(text) else "")
