"""The OIT board (public and staff), the catalogue editor (platform operators), ITA readiness and the
open-data endpoints."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.http import Http404, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sujarit.core.models import Organization, Person, Unit
from sujarit.core.permissions import can, is_platform_operator
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, csv_bytes, file_response
from sujarit.core.tenancy import platform_view, public_view, staff_view

from ... import core_evidence, ita
from ...models import Area, ITAResult, OITItem, OITYear
from ...queries import ckan, compliance, opendata
from ...services import catalogue


def _year_or_404(org, year):
    year = year or catalogue.current_assessment_year(org)
    cat = catalogue.catalogue_for(year) if year else None
    if cat is None:
        raise Http404(_("There is no OIT catalogue for %(year)s.") % {"year": year})
    return cat


def _board_context(org, cat):
    rows = compliance.board(org, cat.year)
    areas = [(value, label, [r for r in rows if r["item"].area == value]) for value, label in Area.choices]
    return {
        "catalogue": cat,
        "rows": rows,
        "areas": areas,
        "counts": compliance.counts(rows),
        "score": compliance.score_of(rows),
        "years": catalogue.years(),
        "today": timezone.localdate(),
    }


# --- public ---------------------------------------------------------------------------------------


@public_view
def oit_board(request, org, year=None):
    cat = _year_or_404(org, year)
    ctx = _board_context(org, cat)
    ctx["readiness"] = ita.readiness(org, cat.year, rows=ctx["rows"])
    return render(request, "disclosure/public/oit.html", ctx)


def _absolute(request):
    return lambda p: request.build_absolute_uri(p) if p and p.startswith("/") else p


@public_view
def opendata_json(request, org):
    data = opendata.as_json(org, _absolute(request))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_view
def opendata_csv(request, org):
    table = "compliance" if request.GET.get("table") == "compliance" else "publications"
    header, rows = opendata.csv_table(org, _absolute(request), table)
    response = file_response(f"{org.slug}-{table}.csv", CSV_CONTENT_TYPE, csv_bytes(header, rows))
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- staff: the board and owners ------------------------------------------------------------------


class OwnerForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, label=gettext_lazy("Unit"))
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=gettext_lazy("Person")
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_org(org)
        self.fields["person"].queryset = Person.objects.for_org(org).filter(active=True, is_council=False)
        # The board renders this form once per item: read the choices once, not once per row.
        for name in ("unit", "person"):
            self.fields[name].widget.choices = list(self.fields[name].choices)


@staff_view("disclosure.oit")
def board(request, org, year=None):
    cat = _year_or_404(org, year)
    ctx = _board_context(org, cat)
    ctx["can_configure"] = can(request.user, org, "disclosure.configure")
    ctx["can_edit_catalogue"] = is_platform_operator(request.user)
    ctx["owner_form"] = OwnerForm(org=org) if ctx["can_configure"] else None
    return render(request, "disclosure/staff/board.html", ctx)


def _apply(request, verb, *args, **kwargs):
    """Run a verb; a ValidationError becomes a message. The verb's result, or None on failure."""
    try:
        return verb(*args, **kwargs) or True
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return None


@staff_view("disclosure.configure")
def owner_set(request, org, year, code):
    cat = _year_or_404(org, year)
    get_object_or_404(OITItem, catalogue=cat, code=code)
    if request.method == "POST":
        form = OwnerForm(request.POST, org=org)
        if not form.is_valid():
            messages.error(request, _("Choose a unit or a person of this organization."))
        elif _apply(request, catalogue.set_owner, org, code, by=request.user, **form.cleaned_data):
            messages.success(request, _("Owner of %(code)s saved.") % {"code": code})
    return redirect(
        reverse("disclosure_staff:board", kwargs={"org_slug": org.slug, "year": cat.year}) + f"#{code}"
    )


# --- platform: the catalogue, shared by every organization ---------------------------------------


class ItemForm(forms.ModelForm):
    class Meta:
        model = OITItem
        fields = ["title", "area", "frequency", "requirement", "previous_code", "order"]


class CopyForm(forms.Form):
    source = forms.TypedChoiceField(coerce=int, label=gettext_lazy("Copy the catalogue of"))
    year = forms.IntegerField(
        min_value=2500, max_value=2700, label=gettext_lazy("New assessment year (B.E.)")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(y, y) for y in catalogue.years()]


@platform_view
def catalogue_page(request, year=None):
    years = catalogue.years()
    cat = catalogue.catalogue_for(year or (years[0] if years else 0))
    if cat is None:
        raise Http404(_("There is no OIT catalogue for %(year)s.") % {"year": year})
    form = CopyForm(request.POST or None, initial={"source": cat.year, "year": max(years) + 1})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        made = _apply(request, catalogue.copy_year, d["source"], d["year"], by=request.user)
        if made:
            messages.success(request, _("The catalogue for %(year)s was created; correct its items.") % d)
            return redirect("disclosure_site:catalogue", year=d["year"])
    ctx = {"catalogue": cat, "items": cat.items.all(), "copy_form": form, "years": years}
    status = 400 if request.method == "POST" else 200
    return render(request, "disclosure/staff/board_catalogue.html", ctx, status=status)


@platform_view
def catalogue_item(request, year, code):
    item = get_object_or_404(OITItem.objects.select_related("catalogue"), catalogue__year=year, code=code)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ItemForm.Meta.fields}
        item.refresh_from_db()  # is_valid() wrote the values onto the instance; the verb compares
        if _apply(request, catalogue.update_item, item, by=request.user, **values):
            messages.success(request, _("%(code)s saved.") % {"code": code})
            return redirect("disclosure_site:catalogue", year=year)
    status = 400 if request.method == "POST" else 200
    return render(request, "disclosure/staff/board_item.html", {"form": form, "item": item}, status=status)


# --- staff: ITA readiness -------------------------------------------------------------------------


class ITAForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Assessment year (B.E.)"))
    iit = forms.CharField(required=False, label="IIT")
    eit = forms.CharField(required=False, label="EIT")
    oit = forms.CharField(required=False, label="OIT")
    total = forms.CharField(label=gettext_lazy("Total score"))
    grade = forms.ChoiceField(
        required=False, label=gettext_lazy("Grade (blank: computed from the total)"),
        choices=[("", "—"), *ITAResult._meta.get_field("grade").choices],
    )  # fmt: skip


@staff_view("disclosure.oit")
def ita_page(request, org):
    year = request.GET.get("year")
    year = (
        int(year)
        if year and year.isascii() and year.isdigit() and OITYear.objects.filter(year=int(year)).exists()
        else None
    )
    form = ITAForm(request.POST or None)
    can_configure = can(request.user, org, "disclosure.configure")
    status = 200
    if request.method == "POST":
        if not can_configure:
            raise PermissionDenied("disclosure.configure")
        if form.is_valid() and _apply(request, ita.save_result, org, by=request.user, **form.cleaned_data):
            messages.success(request, _("ITA result of %(year)s saved.") % form.cleaned_data)
            return redirect("disclosure_staff:ita", org_slug=org.slug)
        status = 400
    ctx = {
        "r": ita.readiness(org, year),
        "form": form,
        "can_configure": can_configure,
        "years": catalogue.years(),
    }
    return render(request, "disclosure/staff/ita.html", ctx, status=status)


@staff_view("disclosure.configure")
def ita_delete(request, org, pk):
    result = get_object_or_404(ITAResult.objects.for_org(org), pk=pk)
    if request.method == "POST":
        ita.delete_result(result, by=request.user)
        messages.success(request, _("ITA result of %(year)s removed.") % {"year": result.year})
    return redirect("disclosure_staff:ita", org_slug=org.slug)


# --- global: DCAT and CKAN for harvesters ---------------------------------------------------------


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_view
def dcat(request, org):
    absolute = _absolute(request)
    slug = {"org_slug": org.slug}
    doc = opendata.dcat_catalog(
        org,
        absolute,
        absolute(request.path),
        absolute(reverse("core:org_home", kwargs=slug)),
        {
            "json": absolute(reverse("disclosure:opendata_json", kwargs=slug)),
            "csv": absolute(reverse("disclosure:opendata_csv", kwargs=slug)),
        },
    )
    response = JsonResponse(doc, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return _cors(response)


@csrf_exempt  # every action only reads; no cookie or session is used
@require_http_methods(["GET", "HEAD", "POST", "OPTIONS"])
def ckan_action(request, org_slug, action):
    """CKAN's action API (read actions) at {base}/api/action/<name> and {base}/api/3/action/<name>."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type, Authorization, X-CKAN-API-Key"
        return _cors(response)
    help_url = reverse("disclosure_site:ckan_action_3", kwargs={"org_slug": org_slug, "action": "help_show"})
    envelope = {"help": request.build_absolute_uri(f"{help_url}?{urlencode({'name': action})}")}
    try:
        org = Organization.objects.filter(slug=org_slug).first()
        if org is None:
            raise ckan.not_found(_("There is no organization with this address."))
        try:
            body = request.body
        except RequestDataTooBig:
            raise ckan.bad_request(_("The request is too large.")) from None
        try:
            form = request.POST.lists() if request.content_type == "multipart/form-data" else None
        except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
            raise ckan.bad_request(_("The form could not be read (malformed, or too many fields).")) from None
        params = ckan.request_params(request.method, request.content_type, body, request.GET.lists(), form)
        result = ckan.call(org, action, params, _absolute(request))
    except ckan.ActionError as error:
        status = error.status
        envelope.update(success=False, error=error.error)
    else:
        status = 200
        envelope.update(success=True, result=result)
    return _cors(JsonResponse(envelope, status=status, json_dumps_params={"ensure_ascii": False}))


public_urls = [
    path("disclosure/oit/board/", oit_board, name="oit"),
    path("disclosure/oit/board/<int:year>/", oit_board, name="oit"),
    path("disclosure/structure/", core_evidence.structure, name="structure"),
    path("disclosure/executives/", core_evidence.executives_page, name="executives"),
    path("disclosure/contact/", core_evidence.contact_page, name="contact"),
    path("disclosure/opendata.json", opendata_json, name="opendata_json"),
    path("disclosure/opendata.csv", opendata_csv, name="opendata_csv"),
]
staff_urls = [
    path("disclosure/board/", board, name="board"),
    path("disclosure/board/<int:year>/", board, name="board"),
    path("disclosure/board/<int:year>/owner/<str:code>/", owner_set, name="owner_set"),
    path("disclosure/ita/", ita_page, name="ita"),
    path("disclosure/ita/<int:pk>/delete/", ita_delete, name="ita_delete"),
]
site_urls = [
    # Platform data (every organization's board reads it): platform operators only.
    path("platform/oit/catalogue/", catalogue_page, name="catalogue"),
    path("platform/oit/catalogue/<int:year>/", catalogue_page, name="catalogue"),
    path("platform/oit/catalogue/<int:year>/<str:code>/", catalogue_item, name="catalogue_item"),
    path("api/dcat/<slug:org_slug>/catalog.jsonld", dcat, name="dcat"),
    # CKAN serves its action API unversioned and as version 3; clients use either.
    path("api/ckan/<slug:org_slug>/api/action/<str:action>", ckan_action, name="ckan_action"),
    path("api/ckan/<slug:org_slug>/api/3/action/<str:action>", ckan_action, name="ckan_action_3"),
]
