from .cases import (  # noqa: F401
    ANSWERED_STATES,
    OPEN_STATES,
    PUBLIC_EVENTS,
    Case,
    CaseEvent,
    CaseFile,
    CaseKey,
    Channel,
    DisciplinaryStep,
    EventType,
    OfficerKey,
    Outcome,
    State,
    StepKind,
)
from .config import Category, ComplaintPolicy, DayCount, Holiday, Kind, OfficerDisplay, Topic  # noqa: F401
