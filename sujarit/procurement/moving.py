"""What moving an organization (core.orgmove) rewrites here: a flag review's key names its project or
vendor by primary key ("p12", "p12:3-5", "v7"; redflags/), and the keys change on the target."""

import re

from sujarit.core.registry import MoveRewrite

FLAG_KEY = re.compile(r"([pv])(\d+)(:.*)?", re.DOTALL)


def flag_key(value, row):
    found = FLAG_KEY.fullmatch(value or "")
    if found is None:
        return value  # "fy2568": a year, no row
    kind, old, rest = found[1], int(found[2]), found[3] or ""
    new = row.new_pk("procurement.project" if kind == "p" else "procurement.vendor", old)
    # A key naming no moved row must not come to name another one: "p?12" matches no flag.
    return f"{kind}{new if new is not None else f'?{old}'}{rest}"


def register(registry):
    registry.add_move_rewrite(
        MoveRewrite("procurement.flagreview", "key", flag_key, ("procurement.project", "procurement.vendor"))
    )
