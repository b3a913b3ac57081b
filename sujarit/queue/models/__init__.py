from .setup import Counter, Policy, PriorityGroup, Service
from .tickets import ACTIVE, Channel, ServiceDay, Status, Ticket

__all__ = [
    "ACTIVE",
    "Channel",
    "Counter",
    "Policy",
    "PriorityGroup",
    "Service",
    "ServiceDay",
    "Status",
    "Ticket",
]
