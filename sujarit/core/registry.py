"""The module registry: what each module's manifest (its `apps.py`) contributes to the platform.

The core and the API build menus, permissions, KPI pickers, the OIT board, exports, demo data, URL
patterns and API routers from here, never from a hard-coded list of apps (Decidim's component
manifest). A module reaches another module only through the queries it offers here.

Strict by construction: every kind of entry refuses a second entry under the same key with
`RegistryError`, and a module's manifest is run once however often Django calls `ready()`.
"""

import json
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class RegistryError(ImproperlyConfigured):
    """Two contributions under one key, or a contribution of a module that was never registered."""


@dataclass(frozen=True)
class NavEntry:
    module: str
    label: Any  # lazy translation
    url_name: str  # reversed with org_slug
    area: str  # "public" or "staff"
    permission: str = ""  # staff entries: the permission needed to see it
    order: int = 100
    # Public entries: primary ones are in the header on every page; the others are listed on the
    # organization's home page (a phone's header holds four or five links, not a dozen).
    primary: bool = True


@dataclass(frozen=True)
class Measure:
    """A KPI measure: (org, period) -> Decimal | None; `unit` is "percent", "count", "baht", "score"."""

    key: str
    label: Any
    unit: str
    func: Callable
    module: str = ""
    description: Any = ""
    # Regular expressions over a KPI's or goal's Thai text: a plan's unbound indicator matching the
    # hints of exactly one measure is bound to it on import (plans.services.kpis.auto_bind).
    hints: tuple = ()


@cache
def oit_topics() -> dict:
    """{topic: Thai label}: the closed vocabulary of OIT subjects (core/data/oit_topics.json)."""
    path = Path(__file__).resolve().parent / "data" / "oit_topics.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))["topics"])


_OIT_CODE = re.compile(r"^[Oo]\d+$")


@dataclass(frozen=True)
class OITProvider:
    """Which OIT topics a module's own data proves: func(org, fiscal_year) -> list of evidence dicts.

    `topics` are keys of `oit_topics()` ("complaint statistics"), never a year's item codes: each
    year's catalogue maps its codes to topics. Each evidence dict names its "topic", a "title", "url"
    and "date"; optionally "period_kind"/"period", "fiscal_year" (the year the document is for, when it
    is not the one asked) and "missing" (the parts of the requirement the data does not meet yet).
    """

    key: str
    topics: tuple
    label: Any
    func: Callable
    module: str = ""


@dataclass(frozen=True)
class Export:
    """An export the core lists and serves at /<org>/staff/exports/.

    func(org, fmt, **params) -> (filename, content_type, bytes); raises LookupError when there is
    nothing to export. `params` names the choices it takes ("fiscal_year", "round"); `permission`
    is the staff permission needed to download it.
    """

    key: str
    label: Any
    formats: tuple
    func: Callable
    module: str = ""
    permission: str = "core.staff_home"
    params: tuple = ()
    # What its PDF is: "report", a signed report on the organization's letterhead (emblem, heading,
    # signatures of the preparer, the reviewing head and the executive), or "form", an official form
    # or register extract laid out as the form prescribes (สขร.1 one page a month, ปค.5).
    document: str = "report"


@dataclass(frozen=True)
class Permission:
    key: str
    label: Any
    roles: tuple


@dataclass(frozen=True)
class Query:
    """A read a module offers the others (e.g. "plans.goal_targets"); callers reach it by key only.

    Keys are "<module>.<name>". A caller must cope with the key's absence (the module is not installed).
    """

    key: str
    func: Callable
    module: str = ""


@dataclass(frozen=True)
class SurveyContext:
    """A kind of record a module lets people rate through a survey (e.g. "a closed complaint").

    resolve(org, ref) -> dict | None: None when `ref` names no record of org that may be surveyed
    now; otherwise {"label": text shown above the questionnaire}. The label must not name the person.
    Keys are "<module>.<name>". The survey module reaches the record only through this function.
    """

    key: str
    label: Any
    module: str
    resolve: Callable
    # The model whose primary key `ref` is ("complaints.case"), so that moving an organization to another
    # deployment (core.orgmove) rewrites it; "" when the reference is no key (a ticket's follow token).
    ref_model: str = ""


@dataclass(frozen=True)
class MoveRewrite:
    """A field whose stored value must change when its row moves to another deployment (`sujarit org
    import-data`, core.orgmove): it names another row by its primary key without being a foreign key
    (a flag's key "p12", a survey answer's record, an event's data), or records the move itself.

    rewrite(value, row) -> the value stored on the target. `row.fields` are the row's exported fields,
    `row.old_pk` its key on the source, and `row.new_pk(label, old_pk)` the key the named row got on
    import (None when the file has no such row). `names` are the labels of the models the value names
    (or a function giving them, read when a move starts): their rows are inserted first.
    """

    model: str  # "app_label.modelname"
    field: str
    rewrite: Callable
    names: tuple | Callable = ()

    def named_models(self) -> tuple:
        return tuple(self.names() if callable(self.names) else self.names)


@dataclass(frozen=True)
class DemoLoader:
    module: str
    order: int
    func: Callable  # func(org, stdout=None)


@dataclass(frozen=True)
class PasswordHook:
    key: str
    func: Callable  # func(request, user, password), run right after a password is verified


def _put(table: dict, key: Hashable, value: Any, kind: str) -> None:
    if key in table:
        raise RegistryError(f"{kind} {key!r} is registered twice")
    table[key] = value


@dataclass(frozen=True)
class RoleGuard:
    """A role whose grant or removal takes effect only when a second person confirms it.

    `confirmers`: roles whose holders may confirm (holders of the guarded role itself always may);
    every holder of the role and every confirmer is told of each request and decision.
    """

    role: str
    confirmers: tuple
    reason: Any = ""
    module: str = ""


@dataclass(frozen=True)
class DashboardWarning:
    key: str
    func: Callable  # func(org, user) -> list of messages shown on the back office's home page (things to fix)


@dataclass(frozen=True)
class WorkItem:
    """One line of a person's work on the back office's home page: "3 reports due", with where to go.

    `kind` sorts the lines: "due" (things the person must do by a date), "waiting" (cases or requests
    waiting for them), "approve" (things they must review or approve). `overdue` marks a line red.
    """

    kind: str
    label: Any
    count: int
    url: str
    overdue: bool = False


@dataclass(frozen=True)
class WorkHook:
    key: str
    func: Callable  # func(org, user) -> list of WorkItem, only what this person may do


@dataclass(frozen=True)
class SummaryFigures:
    """The executive's one-page summary: func(org, fiscal_year) -> [(label, number)], counts only."""

    key: str
    label: Any
    func: Callable
    order: int = 50


@dataclass(frozen=True)
class SetupStep:
    """A step of an organization's setup checklist (core.onboarding.checklist), ticked from the data.

    done(org) -> bool; `url_name` is the staff page where the step is done (reversed with org_slug).
    """

    key: str
    label: Any
    done: Callable
    url_name: str
    module: str = ""
    order: int = 100
    hint: Any = ""


@dataclass(frozen=True)
class OversightFigure:
    """A figure supervisors see per organization (sujarit.oversight), precomputed into snapshots.

    compute(org, fiscal_year, memo) -> number | None: counts and aggregates only, never a case's
    content; `memo` is a dict shared by every figure of one organization's snapshot, so that figures
    drawn from one costly reading (a plan's figures) read it once. colour(value) -> "green" | "orange"
    | "red" | "" (E-PlanNACC's traffic lights). `public` figures also appear on the national public
    page. `unit` says how an area adds its organizations' values up: counts are summed, flags counted,
    the rest averaged. A snapshot is recomputed after any audited change of the organization's data.
    """

    key: str
    label: Any
    compute: Callable
    module: str = ""
    unit: str = "count"  # "count", "percent", "score", "days", "flag"
    colour: Callable | None = None
    public: bool = False
    order: int = 100


@dataclass
class Registry:
    modules: dict = field(default_factory=dict)  # label -> ModuleConfig, in registration order
    nav_entries: dict = field(default_factory=dict)  # (area, url_name) -> NavEntry
    measures: dict = field(default_factory=dict)
    oit_providers: dict = field(default_factory=dict)
    exports: dict = field(default_factory=dict)
    demo: dict = field(default_factory=dict)  # module -> DemoLoader
    permissions: dict = field(default_factory=dict)
    queries: dict = field(default_factory=dict)
    hooks: dict = field(default_factory=dict)  # key -> PasswordHook
    api_routers: dict = field(default_factory=dict)  # module -> dotted path of its Ninja router
    warnings: dict = field(default_factory=dict)  # key -> DashboardWarning
    # role -> RoleGuard: granting or removing it needs a second person's confirmation
    role_guards: dict = field(default_factory=dict)
    survey_contexts: dict = field(default_factory=dict)  # key -> SurveyContext
    move_rewrites: dict = field(default_factory=dict)  # "label.field" -> MoveRewrite
    setup_steps: dict = field(default_factory=dict)  # key -> SetupStep
    oversight_figures: dict = field(default_factory=dict)  # key -> OversightFigure
    work_hooks: dict = field(default_factory=dict)  # key -> WorkHook
    summary_figures: dict = field(default_factory=dict)  # key -> SummaryFigures

    def register_module(self, config: "ModuleConfig") -> None:
        """Run a module's manifest once; a second call for the same module changes nothing."""
        known = self.modules.get(config.label)
        if known is not None:
            if known.name != config.name:
                raise RegistryError(f"two modules are labelled {config.label!r}")
            return
        self.modules[config.label] = config
        config.manifest(self)

    # --- contributions -------------------------------------------------------------------------
    def add_permission(self, key: str, label: Any, roles: tuple) -> None:
        _put(self.permissions, key, Permission(key, label, tuple(roles)), "permission")

    def add_nav(self, entry: NavEntry) -> None:
        _put(self.nav_entries, (entry.area, entry.url_name), entry, "navigation entry")

    def add_measure(self, measure: Measure) -> None:
        _put(self.measures, measure.key, measure, "measure")

    def add_oit_provider(self, provider: OITProvider) -> None:
        if isinstance(provider.topics, str) or not provider.topics:
            raise RegistryError(f"OIT provider {provider.key!r} must name a tuple of topics")
        known = oit_topics()
        for topic in provider.topics:
            if topic in known:
                continue
            if isinstance(topic, str) and _OIT_CODE.match(topic):
                raise RegistryError(
                    f"OIT provider {provider.key!r} names the item code {topic!r}: name its topic instead "
                    "(codes change every year; see sujarit/core/data/oit_topics.json)"
                )
            raise RegistryError(
                f"OIT provider {provider.key!r} names the unknown topic {topic!r}; known topics: "
                + ", ".join(sorted(known))
            )
        _put(self.oit_providers, provider.key, provider, "OIT provider")

    def add_export(self, export: Export) -> None:
        _put(self.exports, export.key, export, "export")

    def add_demo_loader(self, module: str, order: int, func: Callable) -> None:
        _put(self.demo, module, DemoLoader(module, order, func), "demo loader of module")

    def add_query(self, query: Query) -> None:
        _put(self.queries, query.key, query, "query")

    def add_password_hook(self, key: str, func: Callable) -> None:
        _put(self.hooks, key, PasswordHook(key, func), "password hook")

    def add_survey_context(self, context: SurveyContext) -> None:
        _put(self.survey_contexts, context.key, context, "survey context")

    def add_move_rewrite(self, rewrite: MoveRewrite) -> None:
        _put(self.move_rewrites, f"{rewrite.model}.{rewrite.field}", rewrite, "move rewrite")

    def add_api_router(self, module: str, dotted_path: str) -> None:
        _put(self.api_routers, module, dotted_path, "API router of module")

    def add_dashboard_warning(self, key: str, func: Callable) -> None:
        _put(self.warnings, key, DashboardWarning(key, func), "dashboard warning")

    def add_work(self, key: str, func: Callable) -> None:
        """A module's contribution to "my work" on the back office's home page (see WorkItem)."""
        _put(self.work_hooks, key, WorkHook(key, func), "work hook")

    def add_summary_figures(self, figures: SummaryFigures) -> None:
        _put(self.summary_figures, figures.key, figures, "summary figures")

    def add_setup_step(self, step: SetupStep) -> None:
        _put(self.setup_steps, step.key, step, "setup step")

    def add_oversight_figure(self, figure: OversightFigure) -> None:
        _put(self.oversight_figures, figure.key, figure, "oversight figure")

    def guard_role(self, guard: "RoleGuard") -> None:
        _put(self.role_guards, guard.role, guard, "role guard")

    # --- reading ---------------------------------------------------------------------------------
    @property
    def nav(self) -> list:
        return sorted(self.nav_entries.values(), key=lambda e: (e.order, e.module))

    @property
    def demo_loaders(self) -> list:
        return sorted(self.demo.values(), key=lambda d: (d.order, d.module))

    @property
    def password_hooks(self) -> list:
        return [h.func for h in self.hooks.values()]

    @property
    def dashboard_warnings(self) -> list:
        return [w.func for w in self.warnings.values()]

    @property
    def work(self) -> list:
        return [h.func for h in self.work_hooks.values()]

    @property
    def summaries(self) -> list:
        return sorted(self.summary_figures.values(), key=lambda f: (f.order, f.key))

    @property
    def setup(self) -> list:
        return sorted(self.setup_steps.values(), key=lambda s: (s.order, s.key))

    @property
    def figures(self) -> list:
        return sorted(self.oversight_figures.values(), key=lambda f: (f.order, f.key))

    def query(self, key: str) -> Callable | None:
        """The function behind a query another module offers, or None when that module is absent."""
        found = self.queries.get(key)
        return found.func if found is not None else None

    def measure_choices(self) -> list:
        return [(m.key, m.label) for m in self.measures.values()]


registry = Registry()


class ModuleConfig(AppConfig):
    """A business module's AppConfig: its manifest.

    A subclass declares everything the module contributes in `manifest(registry)`; its URL patterns
    live in `<module>/urls.py` (`public_urlpatterns`, `staff_urlpatterns`, optional global
    `urlpatterns`) and its API router is named with `registry.add_api_router`. Adding a module touches
    no file outside it but settings' INSTALLED_APPS.
    """

    sujarit_module = True

    def manifest(self, registry: Registry) -> None:
        raise NotImplementedError(f"{self.name} must declare its manifest")

    def ready(self) -> None:
        registry.register_module(self)
