"""Organizations (tenants), units, people and roles, the audit log, attachments, two-factor devices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrgQuerySet(models.QuerySet):
    """Every business row is reached through its organization."""

    def for_org(self, org):
        return self.filter(org=org)


class OrgType(models.TextChoices):
    PAO = "pao", _("Provincial Administrative Organization (อบจ.)")
    CITY = "city", _("City Municipality (เทศบาลนคร)")
    TOWN = "town", _("Town Municipality (เทศบาลเมือง)")
    SUBDISTRICT_MUNICIPALITY = "tambon_muni", _("Subdistrict Municipality (เทศบาลตำบล)")
    SAO = "sao", _("Subdistrict Administrative Organization (อบต.)")
    BANGKOK = "bma", _("Bangkok Metropolitan Administration (กทม.)")
    PATTAYA = "pattaya", _("Pattaya City (เมืองพัทยา)")


class ServedOrganizations(models.Manager):
    """The organizations this deployment serves: a retired one (moved away, its data removed) is left
    out of every listing, board and lookup by default; `Organization.everywhere` still sees it."""

    def get_queryset(self):
        return super().get_queryset().filter(retired_at__isnull=True)


class EveryOrganization(models.Manager):
    """Retired organizations too: for what a tombstone still holds (its slug, its audit events)."""


class Organization(models.Model):
    """A local government: the tenant every business row belongs to; holds what E-PlanNACC registers."""

    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=200)
    # The Department of Local Administration's code of the local government (รหัส อปท.), where known.
    local_code = models.CharField(_("local government code"), max_length=10, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    org_type = models.CharField(_("type"), max_length=20, choices=OrgType.choices, default=OrgType.SAO)
    size = models.CharField(_("size"), max_length=40, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    subdistrict = models.CharField(_("subdistrict"), max_length=100, blank=True)
    address = models.TextField(_("office address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    annual_income = models.DecimalField(
        _("annual income (baht)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    nacc_region = models.PositiveSmallIntegerField(_("NACC region"), null=True, blank=True)
    head_name = models.CharField(_("executive head"), max_length=200, blank=True)
    head_title = models.CharField(_("executive head's title"), max_length=100, blank=True)
    palad_name = models.CharField(_("permanent secretary (ปลัด)"), max_length=200, blank=True)
    coordinator_name = models.CharField(_("coordinator"), max_length=200, blank=True)
    coordinator_position = models.CharField(_("coordinator's position"), max_length=200, blank=True)
    coordinator_unit = models.CharField(_("coordinator's unit"), max_length=200, blank=True)
    coordinator_phone = models.CharField(_("coordinator's phone"), max_length=60, blank=True)
    coordinator_email = models.EmailField(_("coordinator's e-mail"), blank=True)
    # Printed at the head of official documents; a PNG checked by content (core.documents.read_emblem).
    emblem = models.ForeignKey(
        "Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("emblem"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by `sujarit org retire` once the organization has moved to another deployment: its rows are
    # gone, this row stays as a tombstone (its audit events name it; its address answers 410 Gone).
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True, editable=False)
    moved_to = models.URLField(_("moved to"), blank=True, editable=False)

    objects = ServedOrganizations()
    everywhere = EveryOrganization()

    class Meta:
        ordering = ["name"]
        constraints = [
            # A retired organization's code is free again (the local government is served elsewhere);
            # its slug is not (docs/ARCHITECTURE.md, "Moving an organization").
            models.UniqueConstraint(
                fields=["local_code"],
                condition=~models.Q(local_code="") & models.Q(retired_at__isnull=True),
                name="org_unique_local_code",
            )
        ]
        indexes = [models.Index(fields=["province", "district"], name="org_province_district")]

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A unit of the organization (สำนักปลัด, กองคลัง, …)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["org", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="unit_unique_name")]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EXECUTIVE = "executive", _("Executive")
    PLAN_COORDINATOR = "plan_coordinator", _("Plan coordinator")
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    INTEGRITY_OFFICER = "integrity_officer", _("Integrity officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    AUDITOR = "auditor", _("Auditor")


class Person(models.Model):
    """Staff and council members with their positions; a person with a user account can sign in."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="people")
    is_council = models.BooleanField(_("council member"), default=False)
    active = models.BooleanField(default=True)
    # The keys this person had on the deployments the organization was moved from (core.orgmove). A
    # sealed corruption report names the officers its reporter left out by key, and nobody can
    # rewrite what is sealed: a check against "left out" looks at these keys too.
    former_pks = models.JSONField(default=list, blank=True, editable=False)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["org", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "user"], condition=models.Q(user__isnull=False), name="person_one_per_user_org"
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def all_pks(self):
        """This person's key here and on every deployment the organization was moved from."""
        return [self.pk, *self.former_pks]


class RoleGrant(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "role"], name="rolegrant_unique")]


class RoleChange(models.Model):
    """A request to grant or remove a guarded role (registry.role_guards), waiting for a second
    person's confirmation; kept after the decision as its record."""

    class Action(models.TextChoices):
        GRANT = "grant", pgettext_lazy("role change", "Grant")
        REMOVE = "remove", pgettext_lazy("role change", "Remove")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("role change", "Waiting for confirmation")
        CONFIRMED = "confirmed", pgettext_lazy("role change", "Confirmed")
        REFUSED = "refused", pgettext_lazy("role change", "Refused")
        WITHDRAWN = "withdrawn", pgettext_lazy("role change", "Withdrawn")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="role_changes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_changes")
    role = models.CharField(max_length=30, choices=Role.choices)
    action = models.CharField(max_length=10, choices=Action.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=models.Q(status="pending"),
                name="rolechange_one_pending",
            )
        ]


class RolePolicy(models.Model):
    """Per-organization settings of a role, e.g. that its holders must sign in with a second factor."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="role_policies")
    role = models.CharField(max_length=30, choices=Role.choices)
    require_2fa = models.BooleanField(_("require two-factor sign-in"), default=False)

    objects = OrgQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "role"], name="rolepolicy_unique")]


class PlatformOperator(models.Model):
    """A user who runs the platform itself and alone edits data shared by every organization (the OIT
    catalogue). Organizations' roles never carry this; `sujarit platform operator add USERNAME` grants it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="platform_operator"
    )
    granted_at = models.DateTimeField(auto_now_add=True)


class TOTPDevice(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp")
    secret = models.CharField(max_length=64)
    confirmed = models.BooleanField(default=False)
    last_used_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)


class AuditEvent(models.Model):
    """Append-only, hash-chained record of who did what; written only through core.audit.record()."""

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    seq = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Which fields `hash` covers (core.audit.SCHEMES): 1 = the first scheme (rows written before version
    # 2 keep it and still verify), 2 = every stored field.
    hash_version = models.PositiveSmallIntegerField(default=1)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["seq"], name="audit_unique_seq")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class AuditCheckpoint(models.Model):
    """The head of the audit chain at a time (`sujarit audit checkpoint`); its copy is kept outside."""

    seq = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-seq"]
        constraints = [models.UniqueConstraint(fields=["seq", "hash"], name="audit_checkpoint_unique")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit checkpoints are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit checkpoints are append-only.")


def attachment_path(instance, filename):
    return f"attachments/{instance.org_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    """A stored file: size and type checked on upload, sha256 kept; served only through access-checked views."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.content_type.startswith("image/")
