import pytest
from django.db import connection

from sujarit.core import audit
from sujarit.core.models import AuditEvent


@pytest.mark.django_db
def test_audit_events_chain_and_verify(org, admin_user):
    audit.record(org, "test.one", actor=admin_user, note="ก")
    audit.record(org, "test.two", actor=admin_user, amount="20000.00")
    events = list(AuditEvent.objects.order_by("seq"))
    assert events[-1].prev_hash == events[-2].hash
    assert audit.verify() == (True, None)


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted_through_the_orm(org, admin_user):
    event = audit.record(org, "test.one", actor=admin_user)
    event.action = "test.changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


@pytest.mark.django_db
def test_tampering_in_the_database_shows_in_verify(org, admin_user):
    audit.record(org, "test.one", actor=admin_user)
    middle = audit.record(org, "test.two", actor=admin_user, amount=1)
    audit.record(org, "test.three", actor=admin_user)
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET data = %s WHERE id = %s", ['{"amount": 2}', middle.pk]
        )
    ok, bad_seq = audit.verify()
    assert not ok and bad_seq == middle.seq


@pytest.mark.django_db
def test_audit_log_page_shows_events_to_the_auditor_only(client, org, auditor, unit_officer):
    audit.record(org, "test.visible", actor=auditor)
    client.force_login(auditor)
    resp = client.get(f"/{org.slug}/staff/audit/?verify=1")
    assert resp.status_code == 200
    assert "test.visible" in resp.content.decode()
    client.force_login(unit_officer)
    assert client.get(f"/{org.slug}/staff/audit/").status_code == 403
