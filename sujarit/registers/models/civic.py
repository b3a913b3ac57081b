"""Civic registers: honours with their nominations and committee scores (plan items 3–5), community
forums by village (item 18) and the anti-corruption watchdog network (items 20, 21)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet


class Honour(models.Model):
    class Category(models.TextChoices):
        INTEGRITY = "integrity", _("Role model of integrity")
        COMMUNITY_COMMITTEE = "community_committee", _("Community committee member")
        PUBLIC_BENEFIT = "public_benefit", _("Public benefit")

    class Recipient(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANIZATION = "organization", _("Organization")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("honoured"), max_length=300)
    recipient = models.CharField(_("recipient"), max_length=12, choices=Recipient.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    reason = models.TextField(_("reason"), blank=True)
    awarded_on = models.DateField(_("awarded on"))

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "pk"]

    def __str__(self):
        return self.name


class Nomination(models.Model):
    """Someone proposed for an honour, scored by the selection committee before the award (items 3–5).

    Awarded, it points at the Honour it became; the nominee's name and reason are copied there."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nominee"), max_length=300)
    recipient = models.CharField(_("recipient"), max_length=12, choices=Honour.Recipient.choices)
    category = models.CharField(_("category"), max_length=20, choices=Honour.Category.choices)
    reason = models.TextField(_("achievements"))
    nominated_by = models.CharField(_("nominated by"), max_length=300)
    nominated_on = models.DateField(_("nominated on"))
    honour = models.OneToOneField(Honour, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-nominated_on", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_category_display()})"


class NominationScore(models.Model):
    """One committee member's score of a nomination, 0–100; one score per member."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    member = models.CharField(_("committee member"), max_length=200)
    score = models.PositiveSmallIntegerField(_("score (0–100)"))

    class Meta:
        ordering = ["nomination", "pk"]
        constraints = [models.UniqueConstraint(fields=["nomination", "member"], name="one_score_per_member")]


class Village(models.Model):
    """A village (หมู่) of the organization's area and its population, against which forums count."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(_("village number"))
    name = models.CharField(_("village name"), max_length=200)
    population = models.PositiveIntegerField(_("population"))

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["org", "number"], name="registers_village_unique")]

    def __str__(self):
        return f"หมู่ที่ {self.number} {self.name}"


class Forum(models.Model):
    """A community forum (เวทีประชาคม) held in one village."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="forums")
    held_on = models.DateField(_("held on"))
    attendees = models.PositiveIntegerField(_("attendees"))
    issues = models.TextField(_("issues raised"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "pk"]


class Network(models.Model):
    """A watchdog community or an anti-corruption network the organization works with."""

    class Kind(models.TextChoices):
        WATCHDOG = "watchdog", _("Watchdog community")
        NETWORK = "network", _("Cooperation network")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    founded_on = models.DateField(_("founded on"))
    members = models.PositiveIntegerField(_("members"), default=0)
    activities = models.TextField(_("activities"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-founded_on", "pk"]

    def __str__(self):
        return self.name


class ForumIssue(models.Model):
    """An issue a forum raised, the proposal made, and what became of it in the local development plan."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Under consideration")
        IN_PLAN = "in_plan", _("Put in the local development plan")
        CARRIED_OUT = "carried_out", _("Carried out")
        REFERRED = "referred", _("Referred to another agency")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="raised")
    issue = models.TextField(_("issue raised"))
    proposal = models.TextField(_("proposal"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    # Where the plan holds it (e.g. "แผนพัฒนาท้องถิ่น 2566–2570 หน้า 45") or why it was not adopted.
    outcome_note = models.TextField(_("where in the plan, or why not"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.proposal


class CommitteeMember(models.Model):
    """A member of a village's community committee; one who served a full 4-year term may be honoured."""

    TERM_YEARS = 4

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="committee")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    term_started_on = models.DateField(_("term started on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["village__number", "name"]

    def __str__(self):
        return self.name

    @property
    def term_ends_on(self):
        start = self.term_started_on
        try:
            return start.replace(year=start.year + self.TERM_YEARS)
        except ValueError:  # 29 February
            return start.replace(year=start.year + self.TERM_YEARS, day=28)


class ObserverInvitation(models.Model):
    """A watchdog observer invited to a procurement or budget step (items 20, 21)."""

    class Step(models.TextChoices):
        SPECIFICATION = "specification", _("Drafting the specification and reference price")
        OPENING = "opening", _("Opening of offers")
        EVALUATION = "evaluation", _("Evaluation of offers")
        INSPECTION = "inspection", _("Inspection and acceptance of the work")
        BUDGET = "budget", _("Budget hearing")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="invitations")
    observer = models.CharField(_("observer"), max_length=200)
    step = models.CharField(_("step"), max_length=14, choices=Step.choices)
    subject = models.CharField(_("project or budget"), max_length=300)
    # The procurement record's reference (its e-GP project number) when the procurement module has it.
    procurement_ref = models.CharField(_("procurement project number"), max_length=40, blank=True)
    invited_on = models.DateField(_("invited on"))
    attended = models.BooleanField(_("attended"), default=False)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-invited_on", "pk"]

    def __str__(self):
        return f"{self.observer} {self.subject}"
