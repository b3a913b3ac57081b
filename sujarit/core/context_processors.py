from .permissions import can, is_platform_operator, is_staff_of
from .registry import registry


def sujarit(request):
    """The current organization and the navigation the registry holds for this user."""
    org = getattr(request, "org", None)
    ctx = {"org": org}
    if org is None:
        # Pages outside organizations (sign-in, platform pages): the operator's way to the organizations.
        ctx["is_platform_operator"] = is_platform_operator(getattr(request, "user", None))
        return ctx
    ctx["public_nav"] = [e for e in registry.nav if e.area == "public" and e.primary]
    if is_staff_of(request.user, org):
        ctx["is_org_staff"] = True
        ctx["staff_nav"] = [
            e
            for e in registry.nav
            if e.area == "staff" and (not e.permission or can(request.user, org, e.permission))
        ]
    return ctx
