from .civic import Forum, Honour, Network, Village
from .control import ControlEvaluation, Improvement
from .governance import DelegationOrder, Training
from .risk import Level, Risk, RiskAssessment, Treatment, level_of

__all__ = [
    "ControlEvaluation",
    "Improvement",
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
