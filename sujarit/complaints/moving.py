"""What moving an organization (core.orgmove) rewrites here: an "assigned" event's data names the
officer by key. (A sealed report's "left out" officers cannot be rewritten: Person.former_pks.)"""

from sujarit.core.registry import MoveRewrite


def event_data(value, row):
    if isinstance(value, dict) and isinstance(value.get("person"), int):
        return {**value, "person": row.new_pk("core.person", value["person"])}
    return value


def register(registry):
    registry.add_move_rewrite(MoveRewrite("complaints.caseevent", "data", event_data, ("core.person",)))
