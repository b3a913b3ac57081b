"""Which cases may be rated, and the satisfaction count of a set of cases (the survey engine's
answers plus the ratings kept on cases from before the move; services/satisfaction.py asks)."""

from sujarit.core.registry import registry

from ..models import Case, Kind, State

CONTEXT = "complaints.closed_case"
RATABLE_STATES = (State.RESOLVED, State.CLOSED)


def ratable(case):
    """A resolved or closed case, counted, not purged, and not rated before the move."""
    return (
        case.state in RATABLE_STATES
        and case.satisfaction is None
        and case.purged_at is None
        and not case.spam
    )


def resolve(org, ref):
    """The survey context's resolver (registry.add_survey_context): a label that names no one."""
    ref = str(ref)
    case = Case.objects.for_org(org).filter(pk=int(ref)).first() if ref.isdigit() else None
    if case is None or not ratable(case):
        return None
    return {"label": case.tracking_code if case.kind == Kind.GENERAL else ""}


def tally(org, cases):
    """(satisfied, rated) over the given case rows (dicts with "id" and "satisfaction"): ratings kept
    from before the move (4–5 of 5) plus the engine's answers about those cases."""
    kept = [c["satisfaction"] for c in cases if c["satisfaction"]]
    satisfied, rated = sum(1 for s in kept if s >= 4), len(kept)
    context_tally = registry.query("surveys.context_tally")
    if context_tally is not None:
        more_satisfied, more = context_tally(org, CONTEXT, [c["id"] for c in cases if not c["satisfaction"]])
        satisfied, rated = satisfied + more_satisfied, rated + more
    return satisfied, rated
