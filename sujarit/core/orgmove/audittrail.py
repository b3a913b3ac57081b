"""The organization's audit events on the move: an archived copy, never rows of the target's chain.

The audit log is one hash chain per deployment (seq, prev_hash): the source's events cannot be
inserted into the target's chain without rewriting it or theirs. So the export carries them as they
are (every field, hash and previous hash, and the source's signed head), the import checks each
event's own hash, keeps the copy as a file of the organization (an Attachment, with the old → new keys
of every row, since the events name rows by their source keys) and records one new event,
"core.org_imported", naming that file and its SHA-256. The source deployment keeps its chain.
"""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import Attachment, AuditEvent
from . import archive

FIELDS = ("id", "hash", *audit.HASHED_FIELDS)


def _damaged():
    return archive.ArchiveError(
        _("The file is damaged: %(member)s cannot be read.") % {"member": "audit.json"}
    )


def read(reader):
    """The archived events, each checked against its own hash (an edited event is refused)."""
    trail = reader.json("audit.json")
    if not isinstance(trail, dict) or not isinstance(trail.get("events"), list):
        raise _damaged()
    for e in trail["events"]:
        if not isinstance(e, dict) or set(e) != set(FIELDS):
            raise _damaged()
        try:
            event = AuditEvent(**{**e, "created_at": dt.datetime.fromisoformat(e["created_at"])})
            ok = e["hash_version"] in audit.SCHEMES and audit.digest(event) == e["hash"]
        except (TypeError, ValueError, AttributeError):
            ok = False
        if not ok:
            raise archive.ArchiveError(
                _("The audit events of the file do not verify (event %(seq)s was changed).")
                % {"seq": e.get("seq")}
            )
    return trail


def store(org, trail, keys, written):
    """Keep the archived events as a file of the organization; None when there were none."""
    if not trail["events"]:
        return None
    body = archive.dumps(
        {
            "format": "sujarit.audit-archive",
            "version": 1,
            "imported_at": timezone.now(),
            "source_head": trail.get("source_head"),
            "events": trail["events"],
            # The events name rows by their keys on the source: what each became here.
            "keys": {lbl: {str(old): new for old, new in found.items()} for lbl, found in keys.items()},
        }
    )
    sha = hashlib.sha256(body).hexdigest()
    kept = Attachment(
        org=org, original_name=f"audit-archive-{org.slug}.json", content_type="application/json",
        size=len(body), sha256=sha,
    )  # fmt: skip
    kept.file.save("audit.json", ContentFile(body), save=False)
    written.append((kept.file.storage, kept.file.name))
    kept.save()
    return kept
