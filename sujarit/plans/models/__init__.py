"""The plan module's models: the plan as imported (plan.py) and the progress reported on it (progress.py)."""

from .plan import KPI, Dimension, Goal, Item, ItemBudget, ItemType, KPIKind, Mission, Plan, RiskRow
from .progress import CannotDoReason, ItemStatus, KPIResult, ProgressReport, ReportState, Round

__all__ = [
    "CannotDoReason",
    "KPI",
    "Dimension",
    "Goal",
    "Item",
    "ItemBudget",
    "ItemStatus",
    "ItemType",
    "KPIKind",
    "KPIResult",
    "Mission",
    "Plan",
    "ProgressReport",
    "ReportState",
    "RiskRow",
    "Round",
]
