"""The file of a moved organization: a zip of JSON members and stored files, with a manifest.

    manifest.json        {"format": FORMAT, "version": VERSION, …, "members": {name: {sha256, size}}}
    rows/<label>.json    the model's rows: [{"pk": …, "fields": {…}}] (Django's python serialization)
    files/<name>         each stored file, under its name in the storage, bytes as stored
    audit.json           the organization's audit events with their hashes (an archived copy)

Every member but the manifest is listed with its SHA-256 and size, and the reader refuses a file whose
members differ from the list in any way before anything is read for the import. The checksums find
damage, not forgery: whoever writes the file can write its manifest.
"""

import datetime as dt
import decimal
import hashlib
import json
import os
import tempfile
import uuid
import zipfile

from django.utils.translation import gettext as _

FORMAT = "sujarit.org-export"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class ArchiveError(ValueError):
    """The file cannot be used (message in Thai); nothing was changed."""


def _default(value):
    # Full precision: DjangoJSONEncoder cuts microseconds to milliseconds, and a moved row must keep them.
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        raise TypeError("bytes must be base64 text before JSON")
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(obj):
    return json.dumps(obj, default=_default, ensure_ascii=False, separators=(",", ":")).encode()


class Writer:
    """Writes the zip beside its destination and moves it there on close (no half-written file)."""

    def __init__(self, path):
        self.path = os.fspath(path)
        folder = os.path.dirname(os.path.abspath(self.path))
        fd, self.tmp = tempfile.mkstemp(prefix=".sujarit-export-", suffix=".zip", dir=folder)
        os.close(fd)
        self.zip = zipfile.ZipFile(self.tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.members = {}

    def add(self, name, data):
        self.zip.writestr(name, data)
        self.members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}

    def add_file(self, name, src):
        """Copy an open file in chunks; stored as is (pictures, PDFs and sealed blobs do not shrink)."""
        digest, size = hashlib.sha256(), 0
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        with self.zip.open(info, "w", force_zip64=True) as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        self.members[name] = {"sha256": digest.hexdigest(), "size": size}

    def close(self, manifest):
        manifest = {"format": FORMAT, "version": VERSION, **manifest, "members": self.members}
        self.zip.writestr(MANIFEST, dumps(manifest))
        self.zip.close()
        os.replace(self.tmp, self.path)

    def abort(self):
        self.zip.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def _damaged(member):
    return ArchiveError(
        _("The file is damaged or was changed: %(member)s does not match.") % {"member": member}
    )


class Reader:
    """Opens and checks the whole file; afterwards its members can be trusted to be what was written."""

    def __init__(self, path):
        try:
            self.raw = open(path, "rb")  # noqa: SIM115 (closed by close())
        except FileNotFoundError:
            raise ArchiveError(_("There is no file %(path)s.") % {"path": path}) from None
        except OSError as exc:
            raise ArchiveError(_("The file cannot be read: %(error)s") % {"error": exc.strerror}) from None
        # Reading a zip can fail in many ways (BadZipFile, zlib.error, EOFError, OSError on a bad offset,
        # NotImplementedError for a changed compression method, RuntimeError for a flipped "encrypted"
        # bit …), and reading has no side effect: every failure here is one answer.
        try:
            self.zip = zipfile.ZipFile(self.raw)
        except Exception:
            self.raw.close()
            raise ArchiveError(
                _("The file is not an organization file of Sujarit (not a zip file).")
            ) from None
        try:
            self._check()
        except ArchiveError:
            self.close()
            raise
        except Exception:
            self.close()
            raise ArchiveError(_("The file is damaged and cannot be read.")) from None

    def _check(self):
        names = self.zip.namelist()
        if MANIFEST not in names:
            raise ArchiveError(_("The file is not an organization file of Sujarit (no manifest)."))
        if len(set(names)) != len(names):
            raise ArchiveError(_("The file is damaged: a part appears twice."))
        manifest = self._json(MANIFEST)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveError(_("The file is not an organization file of Sujarit (unknown format)."))
        if manifest.get("version") != VERSION:
            raise ArchiveError(
                _("The file is in format version %(found)s; this Sujarit reads version %(wanted)s.")
                % {"found": manifest.get("version"), "wanted": VERSION}
            )
        members = manifest.get("members")
        if not isinstance(members, dict):
            raise _damaged(MANIFEST)
        for name in sorted(set(names) - set(members) - {MANIFEST}):
            raise ArchiveError(_("The file holds a part it does not list: %(member)s.") % {"member": name})
        for name in sorted(set(members) - set(names)):
            raise ArchiveError(_("The file is incomplete: %(member)s is missing.") % {"member": name})
        for name, expected in members.items():
            if not isinstance(expected, dict) or self._digest(name) != (
                expected.get("sha256"),
                expected.get("size"),
            ):
                raise _damaged(name)
        self.manifest = manifest

    def _digest(self, name):
        digest, size = hashlib.sha256(), 0
        with self.zip.open(name) as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
        return digest.hexdigest(), size

    def _json(self, name):
        try:
            return json.loads(self.zip.read(name).decode())
        except (ValueError, UnicodeDecodeError):
            raise ArchiveError(
                _("The file is damaged: %(member)s cannot be read.") % {"member": name}
            ) from None

    def json(self, name):
        if name not in self.manifest["members"]:
            raise ArchiveError(_("The file is incomplete: %(member)s is missing.") % {"member": name})
        return self._json(name)

    def open(self, name):
        if name not in self.manifest["members"]:
            raise ArchiveError(_("The file is incomplete: %(member)s is missing.") % {"member": name})
        return self.zip.open(name)

    def read(self, name):
        with self.open(name) as src:
            return src.read()

    def close(self):
        self.zip.close()
        self.raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
