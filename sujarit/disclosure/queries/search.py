"""Thai full-text search of public publications over the SearchTerm index (searchindex/): every word
required, the last one as a prefix, an OR fallback that says so; two queries whatever the size."""

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Sum, When
from django.utils.html import strip_tags

from ..models import Publication, SearchTerm
from ..searchindex.words import THAI_DIGITS, segment

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 8  # bounds the SQL whatever a visitor pastes


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
    folded = text.casefold().translate(THAI_DIGITS)
    at = min((i for i in (folded.find(t) for t in terms) if i >= 0), default=-1)
    if at < 0:
        cut = text[:width]
        return cut + ("…" if len(text) > width else ""), "", ""
    word = next(t for t in terms if folded.find(t) == at)
    start = max(0, at - width // 3)
    end = min(len(text), at + len(word) + width * 2 // 3)
    before = ("…" if start else "") + text[start:at]
    return before, text[at : at + len(word)], text[at + len(word) : end] + ("…" if end < len(text) else "")
