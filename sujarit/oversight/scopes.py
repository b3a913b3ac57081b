"""Where a reader may look: a scope (the whole country, a NACC region, a province, a district) and the
area a page shows inside it. Drill-down goes country → region → province → district → organization."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.models import Organization
from sujarit.core.permissions import is_platform_operator

from .models import ScopeKind, Supervisor


class Refused(Exception):
    """A place that is none, one outside the reader's scope (404), or a filter that means nothing (400):
    the message says which, in Thai."""

    def __init__(self, message, status=404):
        super().__init__(message)
        self.status = status


HEAD_OFFICE = 0  # the region number of Bangkok's organizations in URLs (NACC's head office: None)
NOT_GIVEN = "-"  # a province or district in URLs for organizations whose record leaves it empty


@dataclass(frozen=True)
class Area:
    """A place in the drill-down; `region` None means not chosen, HEAD_OFFICE means Bangkok's; a
    province or district NOT_GIVEN holds the organizations whose record leaves it empty."""

    region: int | None = None
    province: str = ""
    district: str = ""

    @property
    def level(self):
        if self.district:
            return ScopeKind.DISTRICT
        if self.province:
            return ScopeKind.PROVINCE
        if self.region is not None:
            return ScopeKind.REGION
        return ScopeKind.COUNTRY

    def organizations(self):
        orgs = Organization.objects.all()
        if self.region is not None and not self.province:
            # By the province where one is written (an organization made before regions were filled
            # has none), else by the region it holds.
            names = thai.NACC_REGIONS[self.region or None].split()
            orgs = orgs.filter(Q(province__in=names) | Q(province="", nacc_region=self.region or None))
        if self.province == NOT_GIVEN:
            orgs = orgs.filter(province="", nacc_region=self.region or None)
        elif self.province:
            orgs = orgs.filter(province=self.province)
        if self.district:
            orgs = orgs.filter(district="" if self.district == NOT_GIVEN else self.district)
        return orgs

    def contains(self, other):
        """Whether `other` lies inside this area (an area contains itself)."""
        if self.region is not None and other.region != self.region:
            return False
        if self.province and other.province != self.province:
            return False
        return not self.district or other.district == self.district

    @property
    def label(self):
        province = f"จังหวัด{self.province}" if self.province != NOT_GIVEN else ""
        if self.province == NOT_GIVEN:
            province = _("%(region)s, province not given") % {"region": thai.region_label(self.region)}
        if self.district:
            district = f"อำเภอ{self.district}" if self.district != NOT_GIVEN else _("district not given")
            return f"{district} {province}"
        if self.province:
            return province
        if self.region is not None:
            return thai.region_label(self.region)
        return _("The whole country")

    def query(self):
        """The URL parameters that name this area."""
        out = {}
        if self.region is not None:
            out["region"] = str(self.region)
        if self.province:
            out["province"] = self.province
        if self.district:
            out["district"] = self.district
        return out

    def trail(self):
        """[(label, Area)] from the country down to this area, for the breadcrumb."""
        steps = [Area()]
        if self.region is not None:
            steps.append(Area(self.region))
        if self.province:
            steps.append(Area(self.region, self.province))
        if self.district:
            steps.append(self)
        return [(a.label, a) for a in steps]


def normal_area(region=None, province="", district=""):
    """An Area from untrusted parameters: the province fixes the region; Refused for a place that
    is not one (an unknown province, a district without its province, a region outside 0–9)."""
    province = " ".join(str(province or "").split())
    district = " ".join(str(district or "").split())
    if province == NOT_GIVEN:
        region = _region_number(region)
        if region is None:
            raise Refused(_("Organizations without a province are looked up within their NACC region."))
    elif province:
        try:
            found = thai.province_region(province)
        except KeyError:
            raise Refused(_("There is no such province.")) from None
        region = found or HEAD_OFFICE
    elif district:
        raise Refused(_("A district needs its province."))
    else:
        region = _region_number(region)
    return Area(region, province, district)


def _region_number(text):
    """A region number 0–9 from a URL, None when not given; Refused when it is no region."""
    if text in (None, ""):
        return None
    try:
        region = int(text)
    except (TypeError, ValueError):
        raise Refused(_("There is no such NACC region.")) from None
    if not 0 <= region <= 9:
        raise Refused(_("There is no such NACC region."))
    return region


def region_of(org):
    """An organization's NACC region number for the drill-down (HEAD_OFFICE for Bangkok's)."""
    try:
        return (thai.province_region(org.province) if org.province else org.nacc_region) or HEAD_OFFICE
    except KeyError:
        return org.nacc_region or HEAD_OFFICE


def scope_of(user):
    """The Area a signed-in user may watch, or None: a supervisor's scope; the whole country for a
    platform operator."""
    if not getattr(user, "is_authenticated", False):
        return None
    supervisor = Supervisor.objects.filter(user=user).first()
    if supervisor is not None:
        return area_of(supervisor)
    if is_platform_operator(user):
        return Area()
    return None


def area_of(supervisor):
    if supervisor.scope == ScopeKind.COUNTRY:
        return Area()
    if supervisor.scope == ScopeKind.REGION:
        return Area(supervisor.region or HEAD_OFFICE)
    region = thai.province_region(supervisor.province) or HEAD_OFFICE
    if supervisor.scope == ScopeKind.PROVINCE:
        return Area(region, supervisor.province)
    return Area(region, supervisor.province, supervisor.district)
