"""The back office of the public site: forms of plain text and pictures, each saved by a verb."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sujarit.core.tenancy import staff_view

from .. import queries, services
from ..forms import ExecutiveForm, PageForm, PostForm, SettingsForm
from ..models import Executive, PageKind, Post, SiteSettings

EDIT = "website.edit"


def _index(org):
    return redirect("website_staff:index", org_slug=org.slug)


def _save(form, save):
    """Run a verb with the form's data; a refusal becomes the form's error (nothing was changed)."""
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


@staff_view(EDIT)
def index(request, org):
    ctx = {
        "site": queries.site_settings(org),
        "posts": Post.objects.for_org(org)[:50],
        "executives": Executive.objects.for_org(org),
        "page_menu": queries.page_menu(org),
    }
    return render(request, "website/staff/index.html", ctx)


@staff_view(EDIT)
def site_settings(request, org):
    instance = SiteSettings.objects.filter(org=org).first() or SiteSettings(org=org)
    form = SettingsForm(request.POST or None, request.FILES or None, instance=SiteSettings(org=org))
    if request.method != "POST":
        form = SettingsForm(instance=instance)
    elif form.is_valid() and _save(
        form,
        lambda d: services.save_settings(
            org,
            by=request.user,
            tagline=d["tagline"],
            welcome=d["welcome"],
            colour=d["colour"],
            latitude=d["latitude"],
            longitude=d["longitude"],
            office_hours=d["office_hours"],
            facebook=d["facebook"],
            banner=d["banner_file"],
            remove_banner=d["remove_banner"],
        ),  # fmt: skip
    ):
        messages.success(request, _("The website's settings were saved."))
        return _index(org)
    return render(request, "website/staff/edit.html", {"form": form, "heading": _("Website settings")})


@staff_view(EDIT)
def post_edit(request, org, pk=None):
    current = get_object_or_404(Post.objects.for_org(org), pk=pk) if pk else None
    initial = {} if current else {"published_on": timezone.localdate()}
    form = PostForm(request.POST or None, request.FILES or None, instance=Post(org=org), initial=initial)
    if request.method != "POST":
        form = PostForm(instance=current or Post(org=org), initial=initial)
    elif form.is_valid() and _save(
        form,
        lambda d: services.save_post(
            org,
            current,
            by=request.user,
            kind=d["kind"],
            title=d["title"],
            body=d["body"],
            published_on=d["published_on"],
            photo=d["photo_file"],
            photo_alt=d["photo_alt"],
            remove_photo=d["remove_photo"],
        ),  # fmt: skip
    ):
        messages.success(request, _("The item was saved and is on the public site."))
        return _index(org)
    heading = _("Change a news item") if current else _("New news item or activity")
    return render(request, "website/staff/edit.html", {"form": form, "heading": heading, "current": current})


@staff_view(EDIT)
@require_POST
def post_delete(request, org, pk):
    services.delete_post(get_object_or_404(Post.objects.for_org(org), pk=pk), by=request.user)
    messages.success(request, _("The item was removed from the public site."))
    return _index(org)


@staff_view(EDIT)
def executive_edit(request, org, pk=None):
    current = get_object_or_404(Executive.objects.for_org(org), pk=pk) if pk else None
    form = ExecutiveForm(request.POST or None, request.FILES or None, instance=Executive(org=org))
    if request.method != "POST":
        form = ExecutiveForm(instance=current or Executive(org=org))
    elif form.is_valid() and _save(
        form,
        lambda d: services.save_executive(
            org,
            current,
            by=request.user,
            group=d["group"],
            full_name=d["full_name"],
            position=d["position"],
            phone=d["phone"],
            email=d["email"],
            order=d["order"],
            photo=d["photo_file"],
            remove_photo=d["remove_photo"],
        ),  # fmt: skip
    ):
        messages.success(request, _("The person was saved."))
        return _index(org)
    heading = _("Change a person") if current else _("Add a person")
    return render(request, "website/staff/edit.html", {"form": form, "heading": heading, "current": current})


@staff_view(EDIT)
@require_POST
def executive_delete(request, org, pk):
    services.remove_executive(get_object_or_404(Executive.objects.for_org(org), pk=pk), by=request.user)
    messages.success(request, _("The person was removed from the public site."))
    return _index(org)


@staff_view(EDIT)
def page_edit(request, org, kind):
    if kind not in PageKind.values:
        raise Http404(_("This page does not exist."))
    current = queries.pages(org).get(kind)
    form = PageForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        form = PageForm(instance=current)
    elif form.is_valid() and _save(
        form,
        lambda d: services.save_page(
            org,
            kind,
            by=request.user,
            body=d["body"],
            image=d["image_file"],
            image_alt=d["image_alt"],
            remove_image=d["remove_image"],
        ),
    ):
        messages.success(request, _("The page was saved."))
        return _index(org)
    return render(request, "website/staff/edit.html", {"form": form, "heading": PageKind(kind).label})
