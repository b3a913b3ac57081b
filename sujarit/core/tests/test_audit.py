import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from sujarit.core import audit
from sujarit.core.models import AuditCheckpoint, AuditEvent


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


def _tamper(event, **fields):
    """Change a stored event behind the application's back (what someone with database access can do)."""
    AuditEvent.objects.filter(pk=event.pk).update(**fields)


def _recompute_chain():
    """Rewrite every hash from the first event on, as someone who has read core.audit would."""
    prev = audit.GENESIS
    for e in AuditEvent.objects.order_by("seq"):
        e.prev_hash = prev
        e.hash = audit.digest(e)
        _tamper(e, prev_hash=e.prev_hash, hash=e.hash)
        prev = e.hash


@pytest.fixture
def three_events(org, admin_user):
    return [audit.record(org, f"test.{n}", actor=admin_user, n=n) for n in ("one", "two", "three")]


@pytest.mark.django_db
def test_editing_who_did_it_shows_in_verify(three_events):
    _tamper(three_events[1], actor_label="someone_else")
    assert audit.verify() == (False, three_events[1].seq)


@pytest.mark.django_db
def test_every_stored_field_is_in_the_hash(three_events, other_org):
    stored = {f.attname for f in AuditEvent._meta.concrete_fields} - {"id", "hash"}
    assert set(audit.HASHED_FIELDS) == stored
    event = AuditEvent.objects.get(pk=three_events[1].pk)
    changed = {
        "hash_version": 1,
        "prev_hash": "f" * 64,
        "seq": 99,
        "created_at": event.created_at + dt.timedelta(microseconds=1),
        "org_id": other_org.pk,
        "actor_id": None,
        "actor_label": "x",
        "action": "test.other",
        "target_type": "core.unit",
        "target_id": "2",
        "data": {"n": "four"},
    }
    assert set(changed) == stored
    for name, value in changed.items():
        copy = AuditEvent.objects.get(pk=event.pk)
        setattr(copy, name, value)
        assert audit.digest(copy) != event.hash, name


@pytest.mark.django_db
def test_events_written_under_the_first_scheme_still_verify_and_cannot_be_downgraded(org, admin_user):
    audit.record(org, "test.old", actor=admin_user, a=1)
    # the database as it was before scheme 2: every event hashed the first way
    AuditEvent.objects.update(hash_version=1)
    _recompute_chain()
    old = AuditEvent.objects.order_by("-seq").first()
    assert old.hash == audit._digest_v1(old)
    new = [audit.record(org, f"test.new{n}", actor=admin_user) for n in range(3)]
    assert new[0].hash_version == audit.CURRENT_VERSION and new[0].prev_hash == old.hash
    assert audit.verify() == (True, None)

    # a version-2 event passed off as version 1 (whose hash ignores actor_label), the next one relinked
    middle = AuditEvent.objects.get(pk=new[1].pk)
    middle.hash_version, middle.actor_label = 1, "someone_else"
    _tamper(middle, hash_version=1, actor_label="someone_else", hash=audit.digest(middle))
    last = AuditEvent.objects.get(pk=new[2].pk)
    last.prev_hash = audit.digest(middle)
    _tamper(last, prev_hash=last.prev_hash, hash=audit.digest(last))
    assert audit.verify() == (False, new[1].seq)


@pytest.mark.django_db
def test_deleting_the_newest_events_shows_against_a_checkpoint(three_events, tmp_path):
    checkpoint, created = audit.take_checkpoint()
    assert created and checkpoint.seq == three_events[-1].seq
    AuditEvent.objects.filter(seq__gte=three_events[1].seq)._raw_delete("default")
    assert audit.verify() == (True, None)  # what is left is a valid chain: only a checkpoint can tell

    verdict = audit.verify_all([checkpoint])
    assert not verdict.ok
    assert f"{three_events[0].seq}" in verdict.problems[0] and f"{checkpoint.seq}" in verdict.problems[0]

    # also when the checkpoints recorded in the database are deleted too: the auditor's copy remains
    AuditCheckpoint.objects.all()._raw_delete("default")
    assert audit.verify_all().ok
    assert not audit.verify_all(audit.parse_checkpoints(checkpoint.line())).ok


@pytest.mark.django_db
def test_recomputing_the_chain_after_an_edit_shows_against_a_checkpoint(three_events):
    line = audit.take_checkpoint()[0].line()
    AuditCheckpoint.objects.all()._raw_delete("default")
    _tamper(three_events[0], data={"n": "changed"})
    assert audit.verify()[0] is False
    _recompute_chain()
    assert audit.verify() == (True, None)  # a recomputed chain is a valid chain

    verdict = audit.verify_all(audit.parse_checkpoints(line))
    assert not verdict.ok and str(three_events[-1].seq) in verdict.problems[0]


@pytest.mark.django_db
def test_a_checkpoint_not_signed_by_this_site_is_refused(three_events):
    good = audit.take_checkpoint()[0]
    forged = json.loads(good.line()) | {"hash": "a" * 64}
    with pytest.raises(audit.CheckpointError):
        audit.parse_checkpoints(json.dumps(forged))
    for text in ("", "not a checkpoint", "12 abc", '{"seq": "x"}'):
        with pytest.raises(audit.CheckpointError):
            audit.parse_checkpoints(text)
    # written down by hand from the page: the number and the hash
    assert audit.parse_checkpoints(f"{good.seq} {good.hash}\n") == [audit.Checkpoint(good.seq, good.hash)]


@pytest.mark.django_db
def test_checkpoint_command_is_idempotent_and_verify_command_finds_truncation(three_events, tmp_path):
    kept = tmp_path / "checkpoints.txt"
    out = io.StringIO()
    call_command("audit", "checkpoint", "--file", str(kept), stdout=out)
    call_command("audit", "checkpoint", "--file", str(kept), stdout=io.StringIO())
    lines = kept.read_text().splitlines()
    assert len(lines) == 1 and out.getvalue().strip() == lines[0]
    assert AuditCheckpoint.objects.count() == 1
    assert json.loads(lines[0])["seq"] == three_events[-1].seq

    out = io.StringIO()
    call_command("audit", "verify", "--checkpoint", str(kept), stdout=out)
    assert str(three_events[-1].seq) in out.getvalue()

    AuditEvent.objects.filter(seq=three_events[-1].seq)._raw_delete("default")
    AuditCheckpoint.objects.all()._raw_delete("default")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify", "--checkpoint", str(kept), stderr=err, stdout=io.StringIO())
    assert exit_.value.code == 1 and str(three_events[-1].seq) in err.getvalue()

    kept.write_text("garbage\n")
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify", "--checkpoint", str(kept), stderr=io.StringIO())
    assert exit_.value.code == 2


@pytest.mark.django_db
def test_checkpoint_command_refuses_a_broken_chain(three_events):
    _tamper(three_events[1], actor_label="someone_else")
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "checkpoint", stdout=io.StringIO(), stderr=io.StringIO())
    assert exit_.value.code == 1
    assert not AuditCheckpoint.objects.exists()


@pytest.mark.django_db
def test_auditor_downloads_a_checkpoint_and_checks_the_chain_against_it(client, org, auditor, three_events):
    client.force_login(auditor)
    url = f"/{org.slug}/staff/audit/"
    page = client.get(url).content.decode()
    assert three_events[-1].hash in page  # the head, to copy down
    audit.take_checkpoint()
    page = client.get(url).content.decode()
    assert page.count(three_events[-1].hash) == 2  # the head and the latest recorded checkpoint
    resp = client.get(url + "checkpoint.txt")
    assert resp.status_code == 200 and "attachment" in resp["Content-Disposition"]
    kept = resp.content

    resp = client.post(url, {"checkpoint_file": SimpleUploadedFile("cp.txt", kept, "text/plain")})
    assert resp.status_code == 200 and 'class="ok"' in resp.content.decode()

    AuditEvent.objects.filter(seq=three_events[-1].seq)._raw_delete("default")
    resp = client.post(url, {"checkpoint": kept.decode()})
    body = resp.content.decode()
    assert 'role="alert"' in body and str(three_events[-1].seq) in body

    resp = client.post(url, {"checkpoint": "ไม่ใช่จุดตรวจสอบ"})
    assert resp.status_code == 400 and 'role="alert"' in resp.content.decode()


@pytest.mark.django_db
def test_checkpoint_pages_are_for_the_auditor_only(client, org, unit_officer, three_events):
    client.force_login(unit_officer)
    assert client.get(f"/{org.slug}/staff/audit/checkpoint.txt").status_code == 403
    assert client.post(f"/{org.slug}/staff/audit/", {"checkpoint": "1 " + "0" * 64}).status_code == 403


def test_an_event_forgets_the_remembered_version_when_it_commits(org, django_capture_on_commit_callbacks):
    audit.remember_version(org.pk, org.slug, 1)
    audit.remember_version(org.pk, org.slug, 0)  # a later reading (maybe older) never replaces it
    assert audit.remembered_version(org.slug) == (org.pk, 1)
    with django_capture_on_commit_callbacks() as callbacks:
        audit.record(org, "website.settings_saved")
        assert audit.remembered_version(org.slug) == (org.pk, 1)  # not before the commit
    for callback in callbacks:
        callback()
    assert audit.remembered_version(org.slug) is None
