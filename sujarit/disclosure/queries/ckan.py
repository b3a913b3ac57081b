"""CKAN's action API over the open-data catalogue: the read actions, answered the way CKAN answers them.

A harvester, `ckanapi` or a portal treats {site}/api/ckan/<org-slug> as a CKAN site:
- both {base}/api/action/<name> and {base}/api/3/action/<name>; GET with query parameters, or POST
  with a JSON object (ckanapi's default) or a form. No action writes, so POST needs no CSRF token.
- Answers are CKAN's {"help", "success": true, "result"}; errors are {"help", "success": false,
  "error": {"__type", "message" | per-field lists}} with CKAN's statuses: 404 "Not Found Error",
  409 "Validation Error" (a missing or malformed parameter) and "Search Error", 400 "Search Query
  Error". ckanapi turns these `__type`s back into NotFound, ValidationError, SearchError ….
- CKAN answers a malformed body or an unknown action with a bare JSON string and 400; here that is
  the same envelope with "__type": "Bad Request", so every error has one shape a client can read.
- As in CKAN, package_search refuses a parameter it does not know (a misspelt filter must not quietly
  return everything); the other actions ignore extra ones, as CKAN does: `ckanapi dump` sends
  include_password_hash and include_users with every *_show.
"""

import datetime as dt
import json
import re

from django.core.exceptions import TooManyFieldsSent
from django.db.models import Q
from django.http import QueryDict
from django.utils import dateparse, timezone
from django.utils.translation import gettext as _

from . import opendata

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
ROWS_DEFAULT, ROWS_MAX = 10, 1000  # CKAN's package_search default and ckan.search.rows_max
MAX_INT = 10**18  # an offset past this fits no database's integer
MAX_WORDS, MAX_FILTERS = 10, 20
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The parameters CKAN's package_search accepts (its schema and Solr's); others are refused.
SEARCH_PARAMS = {
    "q", "fq", "fq_list", "sort", "rows", "start", "facet", "facet.field", "facet.limit",
    "facet.mincount", "facet.sort", "include_private", "include_drafts", "include_deleted",
    "use_default_schema", "fl", "defType", "qf", "wt", "bf", "boost", "tie", "mm", "df", "q.op",
    "callback", "_",
}  # fmt: skip
SORTS = {
    "id asc": ("pk",), "id desc": ("-pk",), "name asc": ("pk",), "name desc": ("-pk",),
    "metadata_modified desc": ("-updated_at", "-pk"), "metadata_modified asc": ("updated_at", "pk"),
    "metadata_created desc": ("-created_at", "-pk"), "metadata_created asc": ("created_at", "pk"),
    "title_string asc": ("title", "pk"), "title_string desc": ("-title", "-pk"),
    "score desc, metadata_modified desc": ("-updated_at", "-pk"),
}  # fmt: skip
HELP = {
    "package_list": "Return the names of the catalogue's datasets (publications). Parameters: limit, offset.",
    "package_show": "Return one dataset by its id or name (pub-<n>). Parameters: id.",
    "package_search": "Search the datasets. Parameters: q (words of the title), fq "
    "(metadata_modified:[from TO to], organization:<name>, tags:<OIT code>), sort, rows (at most "
    "1000, default 10), start.",
    "organization_list": "Return the catalogue's organization (one per catalogue). Parameters: all_fields.",
    "organization_show": "Return the organization by its id or name. Parameters: id, include_datasets.",
    "resource_show": "Return one resource of a dataset by its id. Parameters: id.",
    "help_show": "Return the help of an action. Parameters: name.",
}


class ActionError(Exception):
    """An error CKAN would answer: status and the `error` object of the envelope."""

    def __init__(self, status, error):
        super().__init__(error)
        self.status = status
        self.error = error


def bad_request(detail):
    return ActionError(
        400, {"__type": "Bad Request", "message": _("Bad request - %(detail)s") % {"detail": detail}}
    )


def not_found(detail=""):
    message = _("Not found")
    return ActionError(
        404, {"__type": "Not Found Error", "message": f"{message}: {detail}" if detail else message}
    )


def invalid(field, message):
    return ActionError(409, {"__type": "Validation Error", field: [message]})


def search_query_error(detail):
    message = _("Search Query is invalid: %(detail)s") % {"detail": detail}
    return ActionError(400, {"__type": "Search Query Error", "message": message})


# --- the request's parameters ---------------------------------------------------------------------


def _mixed(pairs):
    """A dict of the pairs: a key given once is its value, given more often the list (CKAN's rule)."""
    out = {}
    for key, values in pairs:
        values = list(values)
        if values:
            out[key] = values[0] if len(values) == 1 else values
    return out


def _json_object(body):
    try:
        data = json.loads(body)
    except json.JSONDecodeError as error:
        raise bad_request(
            _("JSON Error: the request body is not valid JSON (%(error)s).") % {"error": error}
        ) from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise bad_request(_("JSON Error: the request body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise bad_request(
            _("Bad request data: the request data must be a JSON object (a dictionary), not %(type)s.")
            % {"type": type(data).__name__}
        )
    return data


def request_params(method, content_type, body, query, form=None):
    """The parameters of an action call as a dict, read as CKAN reads them; ActionError(400) if unreadable.

    GET: the query string. POST: a JSON object body (also when sent as a form, as `curl -d '{…}'`
    does), else the form's fields, else (an empty body) the query string. `query` and `form` are
    (key, [values]) pairs; `form` defaults to the body parsed as a URL-encoded form.
    """
    if method not in ("POST", "PUT"):
        return _mixed(query)
    body = body or b""
    stripped = body.lstrip()
    if content_type == "application/json" or stripped[:1] in (b"{", b"[", b'"'):
        return _json_object(body) if stripped else _mixed(query)
    if content_type in FORM_TYPES or not stripped:
        if form is None:
            try:
                form = QueryDict(body, encoding="utf-8").lists()
            except TooManyFieldsSent:
                raise bad_request(_("The form could not be read (malformed, or too many fields).")) from None
        return _mixed(form) or _mixed(query)
    return _json_object(body)


# --- parameter values -----------------------------------------------------------------------------


def _text(params, name, required=False, limit=300):
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise invalid(name, _("Missing value"))
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise invalid(name, _("Must be a string"))
    # Control characters (NUL above all, which PostgreSQL refuses in a query) mean nothing here.
    value = _CONTROL.sub("", str(value)).strip()
    if len(value) > limit:
        raise invalid(name, _("Must be at most %(limit)d characters") % {"limit": limit})
    return value


def _natural(params, name, default, high=None):
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise invalid(name, _("Invalid integer"))
    if isinstance(value, str):
        text = value.strip()
        digits = text.removeprefix("-")
        # isdigit() alone accepts "²", which int() refuses.
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
            raise invalid(name, _("Invalid integer"))
        value = int(text)
    elif not isinstance(value, int):
        raise invalid(name, _("Invalid integer"))
    if value > MAX_INT:
        raise invalid(name, _("Invalid integer"))
    if value < 0:
        raise invalid(name, _("Must be a natural number"))
    return min(value, high) if high is not None else value


def _flag(params, name):
    value = params.get(name)
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "yes", "t", "y", "1", "on")


def _package(org, ident):
    """A public publication by CKAN id or name (pub-<n>, or <n>), or None."""
    number = ident.removeprefix("pub-")
    if not (number.isascii() and number.isdigit()) or len(number) > 18:
        return None
    return opendata.publications(org).filter(pk=int(number)).first()


# --- the actions ----------------------------------------------------------------------------------


def package_list(org, params, absolute):
    limit = _natural(params, "limit", None)
    offset = _natural(params, "offset", 0)
    names = opendata.publications(org).values_list("pk", flat=True)
    names = names[offset : offset + limit] if limit is not None else names[offset:]
    return [f"pub-{pk}" for pk in names]


def package_show(org, params, absolute):
    p = _package(org, _text(params, "id", required=True))
    if p is None:
        raise not_found()
    return opendata.ckan_package(org, p, absolute)


def resource_show(org, params, absolute):
    ident = _text(params, "id", required=True)
    package_id, _sep, _kind = ident.rpartition("-")
    p = _package(org, package_id) if package_id else None
    resource = None
    if p is not None:
        resources = opendata.ckan_package(org, p, absolute)["resources"]
        resource = next((r for r in resources if r["id"] == ident), None)
    if resource is None:
        raise not_found(_("Resource was not found."))
    return resource


def organization_list(org, params, absolute):
    if _flag(params, "all_fields"):
        return [opendata.ckan_organization(org, absolute, opendata.publications(org).count())]
    return [org.slug]


def organization_show(org, params, absolute):
    ident = _text(params, "id", required=True)
    if ident != org.slug:
        raise not_found(_("Organization was not found."))
    pubs = opendata.publications(org)
    result = opendata.ckan_organization(org, absolute, pubs.count())
    if _flag(params, "include_datasets"):
        result["packages"] = [opendata.ckan_package(org, p, absolute) for p in pubs[:ROWS_MAX]]
    return result


def help_show(org, params, absolute):
    name = _text(params, "name", required=True)
    if name not in HELP:
        raise not_found(_("Action function not found"))
    return HELP[name]


_RANGE = re.compile(r"^metadata_modified:\[(\S+) TO (\S+)\]$")
_TERM = re.compile(r"\S+:\[[^\]]*\]|\S+")


def _when(raw, term):
    """A range end of fq (ISO date or date-time, `*` or `NOW`) as an aware datetime or None."""
    if raw in ("*", "NOW"):
        return None
    value = None
    try:
        value = dateparse.parse_datetime(raw.removesuffix("Z") + ("+00:00" if raw.endswith("Z") else ""))
        if value is None and (day := dateparse.parse_date(raw)):
            value = dt.datetime.combine(day, dt.time())
    except ValueError:
        value = None
    if value is None or not 1900 <= value.year <= 2200:
        raise search_query_error(_("the date in %(term)s is not an ISO 8601 date.") % {"term": term})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _filter(qs, org, term):
    """Apply one fq term; a filter this catalogue cannot apply is refused, never ignored."""
    negate = term.startswith("-")
    field, _sep, value = term.removeprefix("-").removeprefix("+").partition(":")
    value = value.strip('"')
    if match := _RANGE.match(term.removeprefix("+")):
        start, end = _when(match[1], term), _when(match[2], term)
        if start is not None:
            qs = qs.filter(updated_at__gte=start)
        return qs.filter(updated_at__lte=end) if end is not None else qs
    if field in ("organization", "owner_org") and value:
        matches = value == org.slug
        return qs if matches != negate else qs.none()
    if field == "tags" and value:
        return qs.exclude(tags__code=value) if negate else qs.filter(tags__code=value).distinct()
    if term in ("*:*", "+dataset_type:dataset", "dataset_type:dataset", "+state:active", "state:active"):
        return qs
    raise search_query_error(
        _("this filter (fq) is not supported: %(term)s. Use metadata_modified:[from TO to], "
          "organization:<name> or tags:<OIT code>.") % {"term": term}
    )  # fmt: skip


def package_search(org, params, absolute):
    unknown = sorted(k for k in params if k not in SEARCH_PARAMS and not k.startswith("ext_"))
    if unknown:
        raise search_query_error(_("Invalid search parameters: %(names)s") % {"names": ", ".join(unknown)})
    rows = _natural(params, "rows", ROWS_DEFAULT, ROWS_MAX)
    start = _natural(params, "start", 0)
    qs = opendata.publications(org)
    q = _text(params, "q")
    words = q.split() if q != "*:*" else []
    if len(words) > MAX_WORDS:
        raise search_query_error(_("q has more than %(n)d words.") % {"n": MAX_WORDS})
    for word in words:
        qs = qs.filter(Q(title__icontains=word) | Q(tags__code__iexact=word)).distinct()
    fq = params.get("fq_list") or []
    fq = [fq] if isinstance(fq, str) else fq
    if not isinstance(fq, list) or not all(isinstance(x, str) for x in fq):
        raise invalid("fq_list", _("Must be a list of strings"))
    terms = [
        term
        for text in [*fq, _text(params, "fq", limit=2000)]
        for term in _TERM.findall(_CONTROL.sub(" ", text))
    ]
    if len(terms) > MAX_FILTERS:
        raise search_query_error(_("fq has more than %(n)d filters.") % {"n": MAX_FILTERS})
    for term in terms:
        qs = _filter(qs, org, term)
    sort = " ".join(_text(params, "sort").split()) or "score desc, metadata_modified desc"
    order = SORTS.get(sort)
    if order is None:
        choices = ", ".join(k for k in SORTS if "," not in k)
        message = _("Search error: cannot sort by %(sort)s; use one of: %(choices)s") % {
            "sort": sort,
            "choices": choices,
        }
        raise ActionError(409, {"__type": "Search Error", "message": message})
    qs = qs.order_by(*order)
    return {
        "count": qs.count(),
        "sort": sort,
        "results": [opendata.ckan_package(org, p, absolute) for p in qs[start : start + rows]],
        "facets": {},
        "search_facets": {},
    }


ACTIONS = {
    "package_list": package_list,
    "package_show": package_show,
    "package_search": package_search,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "resource_show": resource_show,
    "help_show": help_show,
}


def call(org, action, params, absolute):
    """The result of a read action, or ActionError."""
    function = ACTIONS.get(action)
    if function is None:
        raise bad_request(_("Action name not known: %(name)s") % {"name": action})
    params = {k: v for k, v in params.items() if k != "callback"}
    return function(org, params, absolute)
