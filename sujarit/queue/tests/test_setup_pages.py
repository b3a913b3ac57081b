"""An administrator sets the queue up in the back office: a service with its standard time, a counter
with its officer, the priority policy; refusals say why in Thai and change nothing."""

from sujarit.core.models import AuditEvent, Person

from ..models import Counter, Policy, Service

URL = "/{slug}/staff/queue/setup/"


def test_an_administrator_adds_a_service_and_a_counter_and_publishes_the_policy(
    client, org, admin_user, unit_officer
):
    client.force_login(admin_user)
    url = URL.format(slug=org.slug)
    page = client.get(url)
    assert page.status_code == 200 and "ยังไม่มีบริการ" in page.content.decode()
    added = client.post(url, {"action": "service", "code": "tax", "name": "ชำระภาษีที่ดิน", "prefix": "A",
                              "standard_minutes": "10", "active": "on"})  # fmt: skip
    assert added.status_code == 302
    service = Service.objects.get(org=org, code="tax")
    assert (service.name, service.standard_minutes, service.active) == ("ชำระภาษีที่ดิน", 10, True)
    # The kiosk offers it at once.
    assert "ชำระภาษีที่ดิน" in client.get(f"/{org.slug}/queue/").content.decode()

    officer = Person.objects.get(user=unit_officer)
    client.post(url, {"action": "counter", "number": "1", "services": [service.pk], "officers": [officer.pk],
                      "active": "on"})  # fmt: skip
    counter = Counter.objects.get(org=org, number=1)
    assert list(counter.officers.all()) == [officer] and list(counter.services.all()) == [service]

    client.post(url, {"action": "policy", "priority_groups": ["elderly", "disabled"], "note": "ผู้สูงอายุก่อน"})
    assert Policy.objects.get(org=org).priority_groups == ["elderly", "disabled"]
    assert "ผู้สูงอายุก่อน" in client.get(f"/{org.slug}/queue/policy/").content.decode()
    actions = set(AuditEvent.objects.filter(org=org).values_list("action", flat=True))
    assert {"queue.service_created", "queue.counter_created", "queue.policy_published"} <= actions

    # Editing keeps the code; closing the service takes it off the kiosk.
    edit = f"/{org.slug}/staff/queue/setup/services/{service.pk}/"
    client.post(edit, {"code": "changed", "name": "ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "prefix": "A",
                       "standard_minutes": "12"})  # fmt: skip
    service.refresh_from_db()
    assert (service.code, service.standard_minutes, service.active) == ("tax", 12, False)
    assert "ชำระภาษีที่ดินและสิ่งปลูกสร้าง" not in client.get(f"/{org.slug}/queue/").content.decode()


def test_bad_set_up_is_refused_in_thai_and_keeps_what_was_typed(client, org, admin_user):
    client.force_login(admin_user)
    url = URL.format(slug=org.slug)
    bad = client.post(url, {"action": "service", "code": "ภาษี", "name": "ชำระภาษี", "prefix": "A",
                            "standard_minutes": "0"})  # fmt: skip
    body = bad.content.decode()
    assert bad.status_code == 400 and 'value="ชำระภาษี"' in body and 'role="alert"' in body
    assert not Service.objects.exists()
    client.post(
        url, {"action": "service", "code": "tax", "name": "ชำระภาษี", "prefix": "A", "standard_minutes": "5"}
    )
    again = client.post(url, {"action": "service", "code": "tax", "name": "อีกบริการ", "prefix": "B",
                              "standard_minutes": "5"})  # fmt: skip
    assert again.status_code == 400 and "ใช้รหัสนี้อยู่แล้ว" in again.content.decode()
    no_service = client.post(url, {"action": "counter", "number": "3"})
    assert no_service.status_code == 400 and not Counter.objects.exists()
    assert Service.objects.count() == 1


def test_only_those_who_manage_the_queue_may_set_it_up(client, org, counter_officer):
    client.force_login(counter_officer)
    assert client.get(URL.format(slug=org.slug)).status_code == 403
    client.post(URL.format(slug=org.slug), {"action": "service", "code": "x", "name": "x", "prefix": "A",
                                            "standard_minutes": "5"})  # fmt: skip
    assert not Service.objects.exists()
