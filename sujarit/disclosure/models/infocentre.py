"""The information centre (ศูนย์ข้อมูลข่าวสาร, plan item 6) and the public Q&A board (OIT O6).

Requests for official information under the Official Information Act B.E. 2540 are a register with
public statistics; the requester's name and contact are for staff only and are erased a number of
days after the answer (InfoCentrePolicy.purge_after_days). Visitor statistics are daily counters
per page group: no address, no cookie, no browser string is ever stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet


class InfoCentrePolicy(models.Model):
    """An organization's information-centre settings."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="infocentre_policy")
    purge_after_days = models.PositiveSmallIntegerField(
        _("days after the answer before the requester's name and contact are erased"), default=90
    )
    how_to_request = models.TextField(_("how to request information (shown on the public page)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in at the office")
    WEBSITE = "website", _("Website")
    SOCIAL = "social", _("Social media")
    QA = "qa", _("Q&A board")
    EMAIL = "email", _("E-mail")
    LINE = "line", _("LINE")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Other")


class InfoChannel(models.Model):
    """A channel the centre offers for asking and getting information (the item's KPI: at least 5)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="info_channels")
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    name = models.CharField(_("name"), max_length=200)
    contact = models.CharField(_("contact details"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    active = models.BooleanField(_("offered now"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Outcome(models.TextChoices):
    DISCLOSED = "disclosed", _("Disclosed")
    PARTLY = "partly", _("Partly disclosed")
    REFUSED = "refused", _("Refused")
    FORWARDED = "forwarded", _("Forwarded to the agency that holds it")
    NOT_HELD = "not_held", _("Not held by the organization")


class LegalGround(models.TextChoices):
    """Why information was withheld: the sections of the Official Information Act B.E. 2540."""

    S14 = "s14", "มาตรา 14 (สถาบันพระมหากษัตริย์)"
    S15_1 = "s15_1", "มาตรา 15 (1) ความมั่นคงของประเทศ ความสัมพันธ์ระหว่างประเทศ เศรษฐกิจหรือการคลัง"
    S15_2 = "s15_2", "มาตรา 15 (2) การบังคับใช้กฎหมายเสื่อมประสิทธิภาพ"
    S15_3 = "s15_3", "มาตรา 15 (3) ความเห็นหรือคำแนะนำภายในหน่วยงาน"
    S15_4 = "s15_4", "มาตรา 15 (4) อันตรายต่อชีวิตหรือความปลอดภัยของบุคคล"
    S15_5 = "s15_5", "มาตรา 15 (5) รายงานการแพทย์หรือข้อมูลข่าวสารส่วนบุคคล"
    S15_6 = "s15_6", "มาตรา 15 (6) มีกฎหมายคุ้มครองมิให้เปิดเผย หรือผู้ให้ข้อมูลไม่ประสงค์ให้เปิดเผย"
    S15_7 = "s15_7", "มาตรา 15 (7) กรณีอื่นตามที่กำหนดในพระราชกฤษฎีกา"
    S24 = "s24", "มาตรา 24 ข้อมูลข่าวสารส่วนบุคคล"


WITHHOLDING = (Outcome.REFUSED, Outcome.PARTLY)


class InfoRequestQuerySet(OrgQuerySet):
    def open(self):
        return self.filter(answered_on__isnull=True)


class InfoRequest(models.Model):
    """One request for official information: who (staff only, erased later), what, when, the answer."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="info_requests")
    number = models.CharField(_("tracking number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelKind.choices)
    subject = models.TextField(_("what was asked"))
    requester_name = models.CharField(_("requester's name"), max_length=200, blank=True)
    requester_contact = models.CharField(_("requester's contact"), max_length=300, blank=True)
    received_on = models.DateField(_("received"))
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    legal_ground = models.CharField(_("legal ground"), max_length=10, choices=LegalGround.choices, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=300, blank=True)
    answer_note = models.TextField(_("what was given (staff only)"), blank=True)
    # The follow secret is kept only as a password hash; it lets the requester follow and rate.
    secret_hash = models.CharField(max_length=200, blank=True)
    submission_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    rating = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InfoRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["org", "received_on"])]

    def __str__(self):
        return self.number

    @property
    def days_taken(self):
        if self.answered_on is None:
            return None
        return (self.answered_on - self.received_on).days


class InfoSurvey(models.Model):
    """The result of the centre's paper satisfaction survey for one fiscal year."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="info_surveys")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    respondents = models.PositiveIntegerField(_("respondents"))
    satisfied = models.PositiveIntegerField(_("satisfied or very satisfied"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["org", "fiscal_year"], name="infosurvey_unique_year")]


class QuestionState(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published with an answer")
    REJECTED = "rejected", _("Rejected")


class QuestionQuerySet(OrgQuerySet):
    def public(self):
        return self.filter(state=QuestionState.PUBLISHED)


class Question(models.Model):
    """A question on the public Q&A board; the contact is for staff only and erased later."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="questions")
    name = models.CharField(_("name shown"), max_length=100, blank=True)
    question = models.TextField(_("question"))
    contact = models.CharField(_("contact (staff only)"), max_length=300, blank=True)
    state = models.CharField(max_length=20, choices=QuestionState.choices, default=QuestionState.PENDING)
    answer = models.TextField(_("answer"), blank=True)
    reject_reason = models.CharField(_("reason (not public)"), max_length=300, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purged_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["org", "state", "answered_at"])]


class PageGroup(models.TextChoices):
    PORTAL = "portal", _("Disclosure portal")
    PUBLICATION = "publication", _("Publications")
    INFOCENTRE = "infocentre", _("Information centre")
    QA = "qa", _("Q&A board")


class VisitCount(models.Model):
    """Page views of one organization's page group on one day (a number, nothing about the visitor)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    group = models.CharField(max_length=20, choices=PageGroup.choices)
    count = models.PositiveIntegerField(default=0)

    objects = OrgQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "day", "group"], name="visitcount_unique_day")]
