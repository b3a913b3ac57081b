from .catalogue import Area, Frequency, Grade, ITAResult, OITItem, OITOwner, OITYear  # noqa: F401
from .infocentre import (  # noqa: F401
    ChannelKind,
    InfoCentrePolicy,
    InfoChannel,
    InfoRequest,
    InfoSurvey,
    LegalGround,
    Outcome,
    PageGroup,
    Question,
    QuestionState,
    VisitCount,
)
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
from .reminders import OITReminder  # noqa: F401
