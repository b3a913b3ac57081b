"""What moving an organization (core.orgmove) rewrites here: keys of other rows kept as plain values
— a no-interest declaration's procurement project, and a COI decision's key ("person:12|vendor:7",
queries.py) — since the rows get new keys on the target."""

from sujarit.core.registry import MoveRewrite

REFS = {
    "person": "core.person",
    "relative": "integrity.relative",
    "interest": "integrity.businessinterest",
    "vendor": "procurement.vendor",
    "director": "procurement.vendor",  # director:<vendor key>:<id number or name>
}
REF_LENGTH = {"director": 90}  # queries.py cuts a director's reference there


def project_id(value, row):
    new = row.new_pk("procurement.project", value)
    return new if new is not None else 0  # 0 names no project (keys start at 1)


def _ref(part, row):
    kind, _, rest = part.partition(":")
    old, sep, tail = rest.partition(":")
    if kind not in REFS or not old.isdigit():
        return part
    new = row.new_pk(REFS[kind], int(old))
    text = f"{kind}:{new if new is not None else f'?{old}'}{sep}{tail}"
    return text[: REF_LENGTH.get(kind, len(text))]


def match_key(value, row):
    return "|".join(_ref(part, row) for part in (value or "").split("|"))


def register(registry):
    registry.add_move_rewrite(
        MoveRewrite("integrity.nointerest", "project_id", project_id, ("procurement.project",))
    )
    registry.add_move_rewrite(MoveRewrite("integrity.coimatch", "key", match_key, tuple(set(REFS.values()))))
