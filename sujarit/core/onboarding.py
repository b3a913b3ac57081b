"""Onboarding a real organization: a platform operator creates it with its first administrator, who
sets a password (and enrols TOTP) through a one-time link; bulk creation from a CSV; the setup checklist.

The one-time link is Django's password-reset token over an account whose password is unusable: the
token hashes the password, so it dies the moment the password is set, and issuing a new link (which
sets a fresh unusable password) kills the old one. Nothing is stored for it.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import accounts, audit, services, thai
from .models import Organization, OrgType, Person, Role, RoleGrant, RolePolicy
from .permissions import ensure_platform_operator
from .registry import registry

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,59}$")
# Served outside the URLconf (whitenoise, the web server) or kept for later; the rest is read from it.
ALWAYS_RESERVED = {"static", "media", "admin", "staff", "platform", "oversight", "www", "health"}
LOCAL_CODE_RE = re.compile(r"^\d{5,10}$")
# What a CSV (or a person) may write for a type: the stored value, its Thai abbreviation or name.
TYPE_WORDS = {
    OrgType.SAO: ("sao", "อบต.", "อบต", "องค์การบริหารส่วนตำบล"),
    OrgType.SUBDISTRICT_MUNICIPALITY: ("tambon_muni", "ทต.", "ทต", "เทศบาลตำบล"),
    OrgType.TOWN: ("town", "ทม.", "ทม", "เทศบาลเมือง"),
    OrgType.CITY: ("city", "ทน.", "ทน", "เทศบาลนคร"),
    OrgType.PAO: ("pao", "อบจ.", "อบจ", "องค์การบริหารส่วนจังหวัด"),
    OrgType.BANGKOK: ("bma", "กทม.", "กทม", "กรุงเทพมหานคร"),
    OrgType.PATTAYA: ("pattaya", "พัทยา", "เมืองพัทยา"),
}
_TYPES = {word: value for value, words in TYPE_WORDS.items() for word in words}
CSV_COLUMNS = ("slug", "name", "type", "province", "district", "local_code", "admin_email", "admin_name")


def reserved_slugs():
    """Every first path segment a global page of the URLconf takes, and the ones served outside it."""
    found = set(ALWAYS_RESERVED)

    def walk(patterns):
        for p in patterns:
            route = str(p.pattern).lstrip("^")
            head = re.split(r"[/<(\\[?$]", route, maxsplit=1)[0]
            if head:
                found.add(head.lower())
            elif isinstance(p, URLResolver) and not route.startswith("<"):
                walk(p.url_patterns)

    walk([p for p in get_resolver().url_patterns if isinstance(p, URLResolver | URLPattern)])
    return found


def slug_problem(slug, taken_slugs=None):
    """Why `slug` cannot be an organization's web name here (Thai), or "" when it can."""
    if not SLUG_RE.match(slug):
        return _(
            "The web name %(slug)r must be 2–60 lower-case Latin letters, digits or hyphens, starting with a letter."
        ) % {"slug": slug}
    if slug in reserved_slugs():
        return _("The web name %(slug)r is reserved for the platform's own pages.") % {"slug": slug}
    if taken_slugs is not None and slug in taken_slugs:
        return _("The web name %(slug)r is already used by another organization.") % {"slug": slug}
    return ""


def org_type(value):
    """A type as written (อบต., เทศบาลเมือง, pao …) → OrgType value; ValidationError in Thai."""
    found = _TYPES.get(" ".join(str(value or "").split()).lower())
    if found is None:
        raise ValidationError(
            _("Unknown organization type %(value)r (write อบต., ทต., ทม., ทน., อบจ., กทม. or พัทยา).")
            % {"value": value}
        )
    return found


@dataclass
class OrgSpec:
    """What a platform operator gives to create an organization and its first administrator."""

    slug: str
    name: str
    org_type: str = OrgType.SAO
    province: str = ""
    district: str = ""
    local_code: str = ""
    admin_email: str = ""
    admin_name: str = ""
    errors: list = field(default_factory=list)

    def clean(self, *, taken_slugs=None, taken_codes=None):
        """Normalize the fields and collect every problem (in Thai) in `errors`; returns self."""
        self.slug = self.slug.strip().lower()
        self.name = " ".join(self.name.split())
        self.province = " ".join(self.province.split()).removeprefix("จังหวัด")
        self.district = " ".join(self.district.split()).removeprefix("อำเภอ")
        self.local_code = self.local_code.strip()
        self.admin_email = self.admin_email.strip()
        self.admin_name = " ".join(self.admin_name.split())
        add = self.errors.append
        problem = slug_problem(self.slug, taken_slugs)
        if problem:
            add(problem)
        if not self.name:
            add(_("The organization's name is missing."))
        try:
            self.org_type = org_type(self.org_type)
        except ValidationError as exc:
            add(exc.messages[0])
        if self.province:
            try:
                thai.province_region(self.province)
            except KeyError:
                add(_("%(province)r is not a Thai province.") % {"province": self.province})
        if self.local_code and not LOCAL_CODE_RE.match(self.local_code):
            add(_("The local government code %(code)r must be digits only.") % {"code": self.local_code})
        elif self.local_code and taken_codes is not None and self.local_code in taken_codes:
            add(
                _("The local government code %(code)r belongs to another organization.")
                % {"code": self.local_code}
            )
        if self.admin_email:
            from django.core.validators import validate_email

            try:
                validate_email(self.admin_email)
            except ValidationError:
                add(_("%(email)r is not an e-mail address.") % {"email": self.admin_email})
        return self


def _taken():
    # A retired organization's slug stays taken: its old links answer "moved" (ARCHITECTURE.md).
    slugs = set(Organization.everywhere.values_list("slug", flat=True))
    codes = set(Organization.objects.exclude(local_code="").values_list("local_code", flat=True))
    return slugs, codes


@dataclass
class Onboarded:
    org: Organization
    admin: object  # the administrator's User
    link: str  # the one-time set-up address (absolute when SUJARIT_SITE_URL is set)


@transaction.atomic
def onboard(spec, *, by=None):
    """Create the organization and its first administrator (who must enrol TOTP); by=None: the shell."""
    if by is not None:
        ensure_platform_operator(by)
    slugs, codes = _taken()
    if not spec.errors:
        spec.clean(taken_slugs=slugs, taken_codes=codes)
    if spec.errors:
        raise ValidationError(spec.errors)
    region = thai.province_region(spec.province) if spec.province else None
    org = services.create_organization(
        slug=spec.slug,
        name=spec.name,
        by=by,
        org_type=spec.org_type,
        province=spec.province,
        district=spec.district,
        local_code=spec.local_code,
        nacc_region=region,
    )
    user = get_user_model().objects.create_user(
        username=accounts.org_username(org, "admin"), email=spec.admin_email, password=None
    )
    person = Person.objects.create(org=org, user=user, full_name=spec.admin_name or _("Administrator"))
    RoleGrant.objects.create(person=person, role=Role.ADMIN)
    RolePolicy.objects.create(org=org, role=Role.ADMIN, require_2fa=True)
    audit.record(org, "core.org_onboarded", actor=by, admin=user.get_username(), local_code=spec.local_code)
    link = setup_link(user)
    if spec.admin_email:
        from .jobs import send_setup_link

        transaction.on_commit(lambda: send_setup_link.enqueue(user.pk, link))
    return Onboarded(org, user, link)


def setup_link(user):
    path = reverse(
        "core_site:setup",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SUJARIT_SITE_URL.rstrip("/") + path


@transaction.atomic
def reissue_setup_link(org, *, by):
    """A new one-time link for the organization's first administrator (the old one stops working)."""
    ensure_platform_operator(by)
    person = first_admin(org)
    if person is None or person.user is None or person.user.has_usable_password():
        raise ValidationError(_("The administrator has already set a password; they sign in as usual."))
    person.user.set_unusable_password()
    person.user.save(update_fields=["password"])
    audit.record(org, "core.setup_link_reissued", actor=by, admin=person.user.get_username())
    return setup_link(person.user)


def first_admin(org):
    return (
        Person.objects.for_org(org)
        .filter(grants__role=Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )


def user_for_link(uidb64, token):
    """The account a set-up link names while the link is valid, else None."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None or user.has_usable_password() or not default_token_generator.check_token(user, token):
        return None
    return user


@transaction.atomic
def complete_setup(user, password):
    """Set the first password from a valid link; the link dies with it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    person = Person.objects.filter(user=user).select_related("org").order_by("pk").first()
    audit.record(person.org if person else None, "core.setup_completed", actor=user)
    return person.org if person else None


# --- bulk: a CSV of organizations -------------------------------------------------------------------


class ImportRefused(ValidationError):
    """The CSV has errors; `lines` lists (line number, message); nothing was created."""

    def __init__(self, lines):
        self.lines = lines
        super().__init__([_("line %(line)s: %(message)s") % {"line": n, "message": msg} for n, msg in lines])


def read_csv(data):
    """Rows of a CSV (bytes or text, UTF-8 with or without BOM, any line ending) as (line, dict)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(
                [(1, _("The file is not UTF-8 text (save the sheet as “CSV UTF-8”)."))]
            ) from None
    text = data.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    names = [" ".join(h.split()).lower() for h in header or []]
    missing = [c for c in ("slug", "name") if c not in names]
    if missing:
        raise ImportRefused(
            [(1, _("The header row lacks the columns: %(cols)s.") % {"cols": ", ".join(missing)})]
        )
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        rows.append(
            (reader.line_num, {n: v for n, v in zip(names, values, strict=False) if n in CSV_COLUMNS})
        )
    return rows


def _spec(row):
    return OrgSpec(
        slug=row.get("slug", ""),
        name=row.get("name", ""),
        org_type=row.get("type", "") or OrgType.SAO,
        province=row.get("province", ""),
        district=row.get("district", ""),
        local_code=row.get("local_code", ""),
        admin_email=row.get("admin_email", ""),
        admin_name=row.get("admin_name", ""),
    )


@transaction.atomic
def import_csv(data, *, by=None):
    """Create every organization of the CSV not there yet: all or nothing; a row whose organization
    exists with the same name and code is left as it is (running the file twice creates nothing).

    Returns (created [Onboarded], unchanged [slug]); raises ImportRefused listing every bad line.
    """
    if by is not None:
        ensure_platform_operator(by)
    existing = {o.slug: o for o in Organization.everywhere.only("slug", "name", "local_code", "retired_at")}
    codes = {o.local_code: o.slug for o in existing.values() if o.local_code and o.retired_at is None}
    errors: list[tuple[int, str]] = []
    todo: list[tuple[int, OrgSpec]] = []
    unchanged: list[str] = []
    seen: dict[str, int] = {}
    for line, row in read_csv(data):
        spec = _spec(row)
        known = existing.get(spec.slug.strip().lower())
        if (
            known is not None
            and known.retired_at is None
            and known.name == " ".join(spec.name.split())
            and known.local_code == spec.local_code.strip()
        ):
            unchanged.append(known.slug)
            continue
        spec.clean(taken_slugs=set(existing), taken_codes=set(codes))
        if spec.slug in seen:
            spec.errors.append(
                _("The web name %(slug)r is also on line %(line)s.")
                % {"slug": spec.slug, "line": seen[spec.slug]}
            )
        seen.setdefault(spec.slug, line)
        if spec.local_code and spec.local_code in {s.local_code for _n, s in todo}:
            spec.errors.append(
                _("The local government code %(code)r is on two lines.") % {"code": spec.local_code}
            )
        errors.extend((line, msg) for msg in spec.errors)
        todo.append((line, spec))
    if errors:
        raise ImportRefused(errors)
    created = [onboard(spec, by=by) for _line, spec in todo]
    if created:
        audit.record(None, "core.orgs_imported", actor=by, created=[o.org.slug for o in created])
    return created, unchanged


# --- the setup checklist ---------------------------------------------------------------------------


def checklist(org):
    """Every registered setup step of org as {"key", "label", "hint", "done", "url"}."""
    rows = []
    for step in registry.setup:
        rows.append(
            {
                "key": step.key,
                "label": step.label,
                "hint": step.hint,
                "done": bool(step.done(org)),
                "url": reverse(step.url_name, kwargs={"org_slug": org.slug}),
            }
        )
    return rows


def has_units(org):
    return org.units.exists()


def has_people_and_roles(org):
    held = set(RoleGrant.objects.filter(person__org=org, person__active=True).values_list("role", flat=True))
    return {Role.EXECUTIVE, Role.PLAN_COORDINATOR} <= held


def has_integrity_officers(org):
    """At least two integrity officers, in different units (one person never holds the channel alone)."""
    units = (
        Person.objects.for_org(org)
        .filter(active=True, user__isnull=False, grants__role=Role.INTEGRITY_OFFICER, unit__isnull=False)
        .values_list("unit", flat=True)
        .distinct()
    )
    return len(set(units)) >= 2
