from django.urls import path

from .views import auth, exports, people, platform, public, staff

app_name = "core"

# Global: sign-in is per person, not per organization.
urlpatterns = [
    path("accounts/login/", auth.login_view, name="login"),
    path("accounts/logout/", auth.logout_view, name="logout"),
    path("accounts/2fa/", auth.totp_verify, name="totp_verify"),
    path("accounts/2fa/setup/", auth.totp_setup, name="totp_setup"),
    path("accounts/setup/<uidb64>/<token>/", auth.setup_account, name="setup"),
    path("platform/orgs/", platform.org_list, name="platform_orgs"),
    path("platform/orgs/new/", platform.org_new, name="platform_org_new"),
    path("platform/orgs/<slug:slug>/", platform.org_detail, name="platform_org"),
    path("", public.root, name="root"),
]

public_urlpatterns = [
    path("", public.org_home, name="org_home"),
]

staff_urlpatterns = [
    path("", staff.staff_home, name="home"),
    path("audit/", staff.audit_log, name="audit_log"),
    path("audit/checkpoint.txt", staff.audit_checkpoint, name="audit_checkpoint"),
    path("organization/", staff.org_profile, name="org_profile"),
    path("people/", people.people, name="people"),
    path("people/add/", people.person_add, name="person_add"),
    path("people/<int:pk>/roles/", people.person_roles, name="person_roles"),
    path("role-changes/<int:pk>/", people.role_change, name="role_change"),
    path("units/add/", people.unit_add, name="unit_add"),
    path("exports/", exports.index, name="exports"),
    path("exports/<str:key>/<str:fmt>/", exports.download, name="export_download"),
]
