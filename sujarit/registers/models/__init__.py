from .civic import Forum, Honour, Network, Village
from .governance import DelegationOrder, Training
from .risk import Level, Risk, RiskAssessment, Treatment, level_of

__all__ = [
    "DelegationOrder",
    "Forum",
    "Honour",
    "Level",
    "Network",
    "Risk",
    "RiskAssessment",
    "Training",
    "Treatment",
    "Village",
    "level_of",
]
