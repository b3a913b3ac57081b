"""The search index of public publications: SearchTerm rows of weighted words (searchindex/words.py).

Rows exist only for public publications (published, not withdrawn); the publishing verbs call
`index_publication` on commit, and `sujarit disclosure reindex` rebuilds everything. Title words weigh
3, OIT codes and area 2, text, file name and the PDF's text 1; words found inside compounds one less.
The searching is in queries/search.py.
"""

import logging
import shutil
import subprocess
import tempfile

from django.db import transaction
from django.utils import translation
from django.utils.html import strip_tags

from ..models import Area, Publication, SearchTerm
from .words import inner_words, segment

log = logging.getLogger(__name__)

TITLE, LABEL, BODY = 3, 2, 1  # weights: title words outrank OIT codes and area, which outrank the text
MAX_PDF_TEXT = 200_000  # characters of a PDF's text indexed; a 500-page report needs no more
PDF_TIMEOUT = 20  # seconds pdftotext may take before the file is indexed without its text


def _weighted_terms(fields):
    """{term: weight} from [(text, weight)]: newmm words at their field's weight, inner words lower."""
    terms = {}
    for text, weight in fields:
        if not text:
            continue
        for word in inner_words(text):
            terms[word] = max(terms.get(word, 0), max(1, weight - 1))
        for word in segment(text):
            terms[word] = max(terms.get(word, 0), weight)
    return terms


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
