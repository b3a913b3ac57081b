"""Sign-in with an optional (or role-required) TOTP second step."""

from urllib.parse import quote

import pyotp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import accounts, services, throttle, vault
from ..forms import TOTPForm
from ..models import TOTPDevice
from ..registry import registry
from ..tenancy import SESSION_2FA

PENDING = "sujarit_pending_user"


def _next(request):
    nxt = request.POST.get("next") or request.GET.get("next") or "/"
    return nxt if url_has_allowed_host_and_scheme(nxt, {request.get_host()}) else "/"


def login_view(request):
    form = AuthenticationForm(request)
    if request.method == "POST":
        # One normal form for the lock and for authenticate(): a variant spelling gets no fresh tries.
        username = accounts.normalize_username(request.POST.get("username"))
        client = throttle.client_tag(request)
        data = request.POST.copy()
        data["username"] = username
        form = AuthenticationForm(request, data=data)
        # Counted before the slow check, per account and client: parallel guesses cannot pass the limit.
        if not throttle.take_password_try(username, client):
            services.sign_in_refused(username)
            ctx = {"form": AuthenticationForm(request), "next": _next(request), "error": _locked_message()}
            return render(request, "core/login.html", ctx, status=429)
        if form.is_valid():
            user = form.get_user()
            for hook in registry.password_hooks:
                hook(request, user, form.cleaned_data["password"])
            if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                throttle.password_succeeded(username, client)
                request.session[PENDING] = user.pk
                response = redirect(f"{_url('core_site:totp_verify')}?next={_next(request)}")
                return vault.attach(request, response)
            login(request, user)
            services.signed_in(user, username=username, client=client)
            if services.should_set_up_totp(user):
                # an integrity officer holds the key to corruption reports: ask for a second factor
                # at the first sign-in without one (they may still choose "later")
                messages.warning(
                    request, _("You handle corruption reports: please turn on two-factor sign-in now.")
                )
                target = f"{_url('core_site:totp_setup')}?next={quote(_next(request))}"
                return vault.attach(request, redirect(target))
            return vault.attach(request, redirect(_next(request)))
        services.sign_in_failed(username, client=client)
    return render(request, "core/login.html", {"form": form, "next": _next(request)})


def _locked_message():
    return _("Too many failed attempts. Wait %(minutes)s minutes, then try again.") % {
        "minutes": settings.SUJARIT_SIGNIN_LOCK_MINUTES
    }


def _url(name):
    from django.urls import reverse

    return reverse(name)


def totp_verify(request):
    """Second step: a pending sign-in, or a signed-in user whose role requires a verified session."""
    user = request.user if request.user.is_authenticated else None
    if user is None and request.session.get(PENDING):
        user = User.objects.filter(pk=request.session[PENDING]).first()
    if user is None:
        return redirect("core_site:login")
    form = TOTPForm(request.POST or None)
    if request.method == "POST" and (
        throttle.totp_locked(user)
        or not throttle.take_secret_try("totp", user.pk, settings.SUJARIT_TOTP_MAX_FAILURES)
    ):
        ctx = {"form": TOTPForm(), "next": _next(request), "error": _locked_message()}
        return render(request, "core/totp_verify.html", ctx, status=429)
    if request.method == "POST" and form.is_valid():
        if services.verify_totp(user, form.cleaned_data["code"]):
            throttle.secret_try_ok("totp", user.pk)
            if not request.user.is_authenticated:
                login(request, user)
            request.session.pop(PENDING, None)
            request.session[SESSION_2FA] = True
            return redirect(_next(request))
        form.add_error("code", _("The code is not correct or has expired. Try the newest code."))
    return render(request, "core/totp_verify.html", {"form": form, "next": _next(request)})


@login_required
def totp_setup(request):
    """Show a QR code for a new secret (GET), confirm it with a first code (POST)."""
    device = TOTPDevice.objects.filter(user=request.user).first()
    already_on = device is not None and device.confirmed
    if not already_on and (device is None or request.method == "GET"):
        device = services.start_totp(request.user)
    form = TOTPForm(request.POST or None)
    if not already_on and request.method == "POST" and form.is_valid():
        if services.confirm_totp(request.user, form.cleaned_data["code"]):
            request.session[SESSION_2FA] = True
            messages.success(request, _("Two-factor sign-in is now on for your account."))
            return redirect(_next(request))
        form.add_error("code", _("The code is not correct or has expired. Try the newest code."))
    qr_svg = secret = ""
    if not already_on:
        assert device is not None  # an unconfirmed device was found or started above
        secret = device.secret
        uri = pyotp.TOTP(secret).provisioning_uri(name=request.user.get_username(), issuer_name="Sujarit")
        qr_svg = segno.make(uri, error="m").svg_inline(scale=4)
    ctx = {"form": form, "already_on": already_on, "qr_svg": qr_svg, "next": _next(request), "secret": secret}
    return render(request, "core/totp_setup.html", ctx)


def setup_account(request, uidb64, token):
    """The one-time link of a new organization's administrator: set a password, then sign in (and
    enrol TOTP where the role requires it — the back office sends them there)."""
    from django.contrib.auth.forms import SetPasswordForm

    from .. import onboarding

    user = onboarding.user_for_link(uidb64, token)
    if user is None:
        return render(request, "core/setup_account.html", {"invalid": True}, status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = onboarding.complete_setup(user, form.cleaned_data["new_password1"])
        login(request, user, backend="sujarit.core.accounts.UsernameBackend")
        for hook in registry.password_hooks:
            hook(request, user, form.cleaned_data["new_password1"])
        services.signed_in(user, username=user.get_username(), client=throttle.client_tag(request))
        messages.success(request, _("Your password is set."))
        if org is None:
            return redirect("/")
        return vault.attach(request, redirect("core_staff:home", org_slug=org.slug))
    status = 400 if request.method == "POST" else 200
    return render(request, "core/setup_account.html", {"form": form, "account": user}, status=status)


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        services.signed_out(request.user)
    logout(request)
    response = redirect("/")
    response.delete_cookie(vault.COOKIE)
    return response
