"""What moving an organization (core.orgmove) rewrites here: a response's `context_ref` is the key of
the record it rates when its context says so (SurveyContext.ref_model: a closed case, an answered
information request), and that record gets a new key on the target."""

from sujarit.core.registry import MoveRewrite, registry


def _ref_models():
    return tuple(c.ref_model for c in registry.survey_contexts.values() if c.ref_model)


def context_ref(value, row):
    context = registry.survey_contexts.get(row.fields.get("context_key") or "")
    if context is None or not context.ref_model or not str(value).isdigit():
        return value
    new = row.new_pk(context.ref_model, int(value))
    return str(new) if new is not None else f"?{value}"  # names no record here


def register(reg):
    reg.add_move_rewrite(MoveRewrite("surveys.response", "context_ref", context_ref, _ref_models))
