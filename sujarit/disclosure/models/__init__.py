from .catalogue import Area, Frequency, Grade, ITAResult, OITItem, OITOwner, OITYear  # noqa: F401
from .publications import (  # noqa: F401
    DisclosurePolicy,
    Kind,
    PeriodKind,
    Publication,
    PublicationQuerySet,
    PublicationTag,
    PublicationVersion,
    SearchTerm,
    VersionState,
)
