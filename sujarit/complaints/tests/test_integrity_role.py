"""Issue 8, item 3: an administrator cannot make themself an integrity officer and read new reports.

The complaints module guards the integrity officer role in the core's registry: granting or removing
it waits for an executive or an integrity officer to confirm, and every integrity officer is told.
"""

from django.conf import settings
from django.core import mail
from django.urls import reverse

from sujarit.core.jobs import notify_role_change
from sujarit.core.models import Role, RoleChange, RoleGrant

from .test_integrity_staff import report, sign_in


def _roles_url(org, person):
    return reverse("core_staff:person_roles", kwargs={"org_slug": org.slug, "pk": person.pk})


def test_an_administrator_who_gives_themself_the_role_reads_no_new_report(
    org, categories, keyed_integrity_officer, admin_user, executive
):
    me = admin_user.people.get(org=org)
    admin = sign_in(admin_user)
    response = admin.post(_roles_url(org, me), {"roles": [Role.ADMIN, Role.INTEGRITY_OFFICER]})
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(person=me, role=Role.INTEGRITY_OFFICER).exists()

    admin = sign_in(admin_user)  # a new sign-in makes no key: he holds no integrity role
    case = report(org, categories["bribe"])
    assert not case.keys.filter(person=me).exists()
    inbox = reverse("complaints_staff:integrity_inbox", kwargs={"org_slug": org.slug})
    assert admin.get(inbox).status_code == 403

    # He cannot confirm his own request, by the home page or by posting.
    change = RoleChange.objects.get(person=me)
    decide = reverse("core_staff:role_change", kwargs={"org_slug": org.slug, "pk": change.pk})
    admin.post(decide, {"decision": "confirm"})
    assert not RoleGrant.objects.filter(person=me, role=Role.INTEGRITY_OFFICER).exists()

    # The existing integrity officer is told, by e-mail and on their home page, and can refuse.
    keyed_integrity_officer.email = "integrity@example.org"
    keyed_integrity_officer.save()
    mail.outbox.clear()
    assert notify_role_change.call(change.pk) >= 1
    assert "integrity@example.org" in [m.to[0] for m in mail.outbox]
    officer = sign_in(keyed_integrity_officer)
    home = officer.get(reverse("core_staff:home", kwargs={"org_slug": org.slug})).content.decode()
    assert f'data-change="{change.pk}"' in home
    officer.post(decide, {"decision": "refuse"})
    change.refresh_from_db()
    assert change.status == RoleChange.Status.REFUSED
    assert not RoleGrant.objects.filter(person=me, role=Role.INTEGRITY_OFFICER).exists()


def test_once_an_executive_confirms_the_new_officer_receives_later_reports(
    org, categories, keyed_integrity_officer, admin_user, executive, unit_officer
):
    newcomer = unit_officer.people.get(org=org)
    sign_in(admin_user).post(
        _roles_url(org, newcomer), {"roles": [Role.UNIT_OFFICER, Role.INTEGRITY_OFFICER]}
    )
    change = RoleChange.objects.get(person=newcomer)
    decide = reverse("core_staff:role_change", kwargs={"org_slug": org.slug, "pk": change.pk})
    sign_in(executive).post(decide, {"decision": "confirm"})
    assert RoleGrant.objects.filter(person=newcomer, role=Role.INTEGRITY_OFFICER).exists()
    sign_in(unit_officer)  # the first sign-in as an integrity officer makes the key
    case = report(org, categories["bribe"])
    assert case.keys.filter(person=newcomer).exists()


def test_removing_an_integrity_officer_needs_a_second_person_too(
    org, keyed_integrity_officer, second_integrity_officer, admin_user
):
    officer = keyed_integrity_officer.people.get(org=org)
    sign_in(admin_user).post(_roles_url(org, officer), {"roles": []})
    assert RoleGrant.objects.filter(person=officer, role=Role.INTEGRITY_OFFICER).exists()
    change = RoleChange.objects.get(person=officer, action=RoleChange.Action.REMOVE)
    decide = reverse("core_staff:role_change", kwargs={"org_slug": org.slug, "pk": change.pk})
    sign_in(second_integrity_officer).post(decide, {"decision": "confirm"})
    assert not RoleGrant.objects.filter(person=officer, role=Role.INTEGRITY_OFFICER).exists()


def test_the_public_page_says_how_the_role_is_given(client, org, categories, keyed_integrity_officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # as /i18n/setlang/ leaves it
    html = client.get(reverse("complaints:integrity_report", kwargs={"org_slug": org.slug})).content.decode()
    assert "second person" in html.replace("\u2019", "'")
