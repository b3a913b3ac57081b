"""The module registry: what each app's AppConfig.ready() contributes to the platform.

The core renders menus, KPI pickers, the OIT board, exports and demo data from here, never from a
hard-coded list of apps (Decidim's component manifest).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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


@dataclass(frozen=True)
class OITProvider:
    """Which OIT items a module's own data proves: func(org, fiscal_year) -> list of evidence dicts."""

    key: str
    oit_codes: tuple
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


@dataclass(frozen=True)
class Permission:
    key: str
    label: Any
    roles: tuple


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


@dataclass
class Registry:
    nav: list = field(default_factory=list)
    measures: dict = field(default_factory=dict)
    oit_providers: dict = field(default_factory=dict)
    exports: dict = field(default_factory=dict)
    demo_loaders: list = field(default_factory=list)
    permissions: dict = field(default_factory=dict)
    # func(request, user, password) run right after a password is verified (e.g. to unlock keys)
    password_hooks: list = field(default_factory=list)
    # func(org, user) -> list of messages shown on the back office's home page (things to fix)
    dashboard_warnings: list = field(default_factory=list)
    # role -> RoleGuard: granting or removing it needs a second person's confirmation
    role_guards: dict = field(default_factory=dict)

    def add_nav(self, entry):
        self.nav.append(entry)
        self.nav.sort(key=lambda e: (e.order, e.module))

    def add_measure(self, measure):
        if measure.key in self.measures:
            raise ValueError(f"measure {measure.key} registered twice")
        self.measures[measure.key] = measure

    def add_oit_provider(self, provider):
        self.oit_providers[provider.key] = provider

    def add_export(self, export):
        self.exports[export.key] = export

    def add_demo_loader(self, order, func):
        self.demo_loaders.append((order, func))
        self.demo_loaders.sort(key=lambda t: t[0])

    def add_permission(self, key, label, roles):
        self.permissions[key] = Permission(key, label, tuple(roles))

    def guard_role(self, guard):
        self.role_guards[guard.role] = guard

    def measure_choices(self):
        return [(m.key, m.label) for m in self.measures.values()]


registry = Registry()
