"""The core's service verbs behind the export centre and the audit page: the views only call them."""

import pytest
from django.core.exceptions import PermissionDenied

from sujarit.core import audit, services
from sujarit.core.models import AuditEvent
from sujarit.core.registry import Export


def _export(func):
    return Export("test.people", "People", ("csv",), func, "core", permission="core.manage_org")


def _exported():
    return list(AuditEvent.objects.filter(action="core.exported").values_list("data", flat=True))


@pytest.mark.django_db
def test_an_export_is_produced_and_logged_once(org, admin_user):
    export = _export(lambda org, fmt, **params: ("people.csv", "text/csv", b"a,b\n"))
    result = services.run_export(org, export, "csv", by=admin_user, fiscal_year=2568)
    assert result == ("people.csv", "text/csv", b"a,b\n")
    assert _exported() == [{"export": "test.people", "format": "csv", "fiscal_year": 2568}]


@pytest.mark.django_db
def test_an_export_is_refused_without_its_permission_and_nothing_is_logged(org, unit_officer):
    called = []
    export = _export(lambda org, fmt, **params: called.append(fmt))
    with pytest.raises(PermissionDenied):
        services.run_export(org, export, "csv", by=unit_officer)
    assert called == [] and _exported() == []


@pytest.mark.django_db
def test_nothing_to_export_is_not_logged_as_exported(org, admin_user):
    def nothing(org, fmt, **params):
        raise LookupError("no plan")

    with pytest.raises(LookupError):
        services.run_export(org, _export(nothing), "csv", by=admin_user)
    assert _exported() == []


@pytest.mark.django_db
def test_only_who_may_read_the_audit_log_checks_its_chain(org, auditor, unit_officer):
    audit.record(org, "test.one", actor=auditor)
    verdict = services.check_audit_chain(org, by=auditor)
    assert verdict.ok and verdict.bad_seq is None
    with pytest.raises(PermissionDenied):
        services.check_audit_chain(org, by=unit_officer)
