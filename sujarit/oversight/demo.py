"""A demo supervisor: the province of Trang's local-administration office, watching every
organization of the province (the demo has one)."""

import secrets

from sujarit.core import accounts

from . import services
from .models import ScopeKind

USERNAME = "supervisor"


def load(org, stdout=None):
    if accounts.find_user(USERNAME) is not None:
        return
    supervisor, _link = services.grant(
        username=USERNAME,
        full_name="ผู้กำกับดูแลจังหวัดตรัง (สาธิต)",
        office="สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดตรัง",
        scope=ScopeKind.PROVINCE,
        province=org.province or "ตรัง",
        by=None,
    )
    password = secrets.token_urlsafe(9)
    supervisor.user.set_password(password)
    supervisor.user.save(update_fields=["password"])
    if stdout:
        stdout.write(
            f"oversight: {USERNAME} {password} supervises จังหวัด{supervisor.province} at /oversight/\n"
        )
