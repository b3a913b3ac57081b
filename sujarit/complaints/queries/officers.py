"""Who the integrity officers are (reads shared by the key services and the e-mail jobs)."""

from sujarit.core.models import Person, Role


def integrity_people(org):
    """Active integrity officers of org, with their keys."""
    return (
        Person.objects.filter(org=org, active=True, grants__role=Role.INTEGRITY_OFFICER)
        .select_related("unit", "integrity_key")
        .distinct()
    )
