"""The queue's set-up pages (queue.manage): services with their standard times, counters with their
services and officers, and the published priority policy. Every change goes through a service verb
(audited); a refusal keeps what was typed and says why in Thai."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sujarit.core.tenancy import staff_view

from ..errors import QueueError
from ..forms import CounterForm, PolicyForm, ServiceForm
from ..models import Counter, Policy, Service
from ..services import setup


def _page(request, org, *, service_form=None, counter_form=None, policy_form=None, status=200):
    policy = Policy.objects.for_org(org).first()
    context = {
        "services": Service.objects.for_org(org).order_by("order", "code"),
        "counters": Counter.objects.for_org(org).prefetch_related("services", "officers"),
        "policy": policy,
        "service_form": service_form or ServiceForm(),
        "counter_form": counter_form or CounterForm(org=org),
        "policy_form": policy_form
        or PolicyForm(
            initial={"priority_groups": policy.priority_groups, "note": policy.note} if policy else None
        ),
    }
    return render(request, "queue/staff/setup.html", context, status=status)


def _done(request, org, text):
    messages.success(request, text)
    return redirect("queue_staff:setup", org_slug=org.slug)


@staff_view("queue.manage")
def index(request, org):
    if request.method != "POST":
        return _page(request, org)
    action = request.POST.get("action")
    try:
        if action == "service":
            form = ServiceForm(request.POST)
            if not form.is_valid():
                return _page(request, org, service_form=form, status=400)
            d = form.cleaned_data
            made = setup.create_service(
                org, code=d["code"], name=d["name"], prefix=d["prefix"],
                standard_minutes=d["standard_minutes"], manual_url=d["manual_url"], by=request.user,
            )  # fmt: skip
            if not d["active"]:
                setup.update_service(
                    made, name=made.name, prefix=made.prefix, standard_minutes=made.standard_minutes,
                    manual_url=made.manual_url, active=False, by=request.user,
                )  # fmt: skip
            return _done(request, org, _("The service was added; the kiosk offers it now."))
        if action == "counter":
            form = CounterForm(request.POST, org=org)
            if not form.is_valid():
                return _page(request, org, counter_form=form, status=400)
            d = form.cleaned_data
            setup.create_counter(
                org, number=d["number"], name=d["name"], services=list(d["services"]),
                officers=list(d["officers"]), by=request.user,
            )  # fmt: skip
            return _done(request, org, _("The counter was added."))
        if action == "policy":
            form = PolicyForm(request.POST)
            if not form.is_valid():
                return _page(request, org, policy_form=form, status=400)
            setup.publish_policy(org, by=request.user, **form.cleaned_data)
            return _done(request, org, _("The calling order was published."))
    except QueueError as error:
        form.add_error(None, error.message)
        kind = {"service": "service_form", "counter": "counter_form", "policy": "policy_form"}[action]
        return _page(request, org, status=400, **{kind: form})
    messages.error(request, _("The form was not recognised. Please try again."))
    return redirect("queue_staff:setup", org_slug=org.slug)


@staff_view("queue.manage")
def service(request, org, pk):
    found = get_object_or_404(Service.objects.for_org(org), pk=pk)
    initial = {
        f: getattr(found, f) for f in ("code", "name", "prefix", "standard_minutes", "manual_url", "active")
    }
    form = ServiceForm(request.POST or None, initial=initial)
    form.fields["code"].disabled = True
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                setup.update_service(
                    found, name=d["name"], prefix=d["prefix"], standard_minutes=d["standard_minutes"],
                    manual_url=d["manual_url"], active=d["active"], by=request.user,
                )  # fmt: skip
            except QueueError as error:
                form.add_error(None, error.message)
            else:
                return _done(request, org, _("The service was saved."))
    return render(request, "queue/staff/setup_edit.html", {"form": form, "thing": found}, status=status)


@staff_view("queue.manage")
def counter(request, org, pk):
    found = get_object_or_404(Counter.objects.for_org(org), pk=pk)
    initial = {
        "number": found.number, "name": found.name, "active": found.active,
        "services": list(found.services.all()), "officers": list(found.officers.all()),
    }  # fmt: skip
    form = CounterForm(request.POST or None, initial=initial, org=org)
    form.fields["number"].disabled = True
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                setup.update_counter(
                    found, name=d["name"], services=list(d["services"]), officers=list(d["officers"]),
                    active=d["active"], by=request.user,
                )  # fmt: skip
            except QueueError as error:
                form.add_error(None, error.message)
            else:
                return _done(request, org, _("The counter was saved."))
    return render(request, "queue/staff/setup_edit.html", {"form": form, "thing": found}, status=status)
