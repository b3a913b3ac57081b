from .civic import CommitteeMember, Forum, ForumIssue, Honour, Network, ObserverInvitation, Village
from .control import ControlEvaluation, Improvement
from .governance import (
    DelegateReport,
    DelegationOrder,
    EthicsAcknowledgement,
    EthicsActivity,
    EthicsCode,
    HRDocument,
    SalaryRound,
    Training,
)
from .risk import Level, Risk, RiskAssessment, Treatment, level_of

__all__ = [
    "CommitteeMember",
    "ControlEvaluation",
    "ForumIssue",
    "ObserverInvitation",
    "Improvement",
    "DelegateReport",
    "DelegationOrder",
    "EthicsAcknowledgement",
    "EthicsActivity",
    "EthicsCode",
    "HRDocument",
    "SalaryRound",
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
