"""Which rows make up one organization, found from the models themselves (django.apps).

A sujarit model is moved when it has an `org` foreign key to Organization, or a non-null foreign key
to a moved model (a case's events, a version's questions: "hanging off a tenant row"), or it is
declared in PER_ACCOUNT (a person's TOTP device: moved with the accounts the organization's rows
name). Everything else must be declared in EXCLUDED with the reason, or `plan()` fails — so a new
module is moved without editing this file, and a new shared table is a decision.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from ..models import Organization

EXCLUDED = {
    # Hash-chained across every organization of the deployment (seq, prev_hash): its rows cannot join
    # another chain as they are. Exported as an archived copy (audit.json), stored on import as a file.
    "core.auditevent": "audit chain (archived, not inserted)",
    "core.auditcheckpoint": "platform data: heads of the deployment's audit chain",
    "core.platformoperator": "platform power: no organization's file carries it",
    "disclosure.oityear": "platform data: NACC's OIT catalogue",
    "disclosure.oititem": "platform data: NACC's OIT catalogue",
    "oversight.supervisor": "platform data: a supervisor watches many organizations (platform operators grant it)",
}
# Rows of an account rather than of an organization, moved with the accounts the organization's rows
# name. Declared, not inferred from a key to the user model: such a key can as well be platform power
# (a platform operator, a supervisor).
PER_ACCOUNT = {"core.totpdevice"}
# Of the user model only these fields move: never is_superuser, groups or permissions (platform power).
USER_FIELDS_DROPPED = ("is_superuser", "groups", "user_permissions")


@dataclass
class Step:
    """One model of the move: how its rows are reached from the organization."""

    model: Any  # a model class
    how: str  # "self" | "org" | "parent" | "account" | "users"
    via: str = ""  # the foreign key followed ("org", "case", "user" …)

    @property
    def label(self):
        return self.model._meta.label_lower


def _fks(model):
    return [f for f in model._meta.concrete_fields if f.is_relation]


def label(model):
    return model._meta.label_lower


def sujarit_models():
    return [m for m in apps.get_models() if m.__module__.startswith("sujarit.")]


def rewrite_names():
    """{label: labels its rewritten fields name} from the registry's move rewrites."""
    from ..registry import registry

    names: dict = {}
    for rewrite in registry.move_rewrites.values():
        names.setdefault(rewrite.model, set()).update(rewrite.named_models())
    return names


def plan(names=None):
    """The moved models, each after the models its non-null foreign keys need and, by `names`
    ({label: labels}, from registry.move_rewrites), after the models its rewritten fields name."""
    user_model = get_user_model()
    steps = {Organization: Step(Organization, "self")}
    rest = [m for m in sujarit_models() if m is not Organization and label(m) not in EXCLUDED]
    for m in rest:
        org = next((f for f in _fks(m) if f.name == "org" and f.related_model is Organization), None)
        if org is not None:
            steps[m] = Step(m, "org", "org")
    grew = True
    while grew:
        grew = False
        for m in rest:
            parent = next(
                (f for f in _fks(m) if not f.null and f.related_model in steps and m not in steps), None
            )
            if parent is not None:
                steps[m] = Step(m, "parent", parent.name)
                grew = True
    for m in rest:
        account = next((f for f in _fks(m) if not f.null and f.related_model is user_model), None)
        if m not in steps and account is not None and label(m) in PER_ACCOUNT:
            steps[m] = Step(m, "account", account.name)
    unplaced = sorted(label(m) for m in rest if m not in steps)
    if unplaced:
        raise ImproperlyConfigured(
            f"models neither moved with an organization nor excluded (core/orgmove/plan.py): {unplaced}"
        )
    return [Step(user_model, "users"), *_ordered(list(steps.values()), names or {})]


def _ordered(steps, names):
    """Kahn's order over non-null foreign keys (nullable ones are filled in afterwards) and `names`."""
    by_label = {s.label: s for s in steps}
    needs = {
        s.label: ({label(f.related_model) for f in _fks(s.model) if not f.null} | set(names.get(s.label, ())))
        & set(by_label) - {s.label}
        for s in steps
    }
    done: list = []
    while len(done) < len(steps):
        ready = [k for k in by_label if k not in done and needs[k] <= set(done)]
        if not ready:
            raise ImproperlyConfigured(
                f"moved models that need each other: {sorted(set(by_label) - set(done))}"
            )
        done.append(ready[0])
    return [by_label[k] for k in done]
