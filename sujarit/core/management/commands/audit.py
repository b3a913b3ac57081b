"""`sujarit audit checkpoint [--file F]` records the audit chain's head; `sujarit audit verify [--checkpoint F]`
checks the chain and, against checkpoints kept outside the database, that nothing was cut off or rewritten.

`checkpoint` is what cron or a systemd timer calls (hourly, say); running it twice without new events
records and appends nothing new. It refuses to vouch for a chain that does not verify.
Exit status: 0 intact; 1 the chain is broken, truncated or rewritten; 2 a checkpoint file cannot be read.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from sujarit.core import audit


class Command(BaseCommand):
    help = "The audit log: record a checkpoint of its head, or verify it (against checkpoints)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("checkpoint", help="Record the chain's head and print it (periodic, idempotent).")
        p.add_argument("--file", help="also append the checkpoint line to this file (kept off this machine)")
        p = sub.add_parser(
            "verify", help="Walk the chain; with --checkpoint, hold it against those checkpoints."
        )
        p.add_argument("--checkpoint", help="a file of checkpoint lines (as `checkpoint --file` writes them)")

    def handle(self, *args, **options):
        translation.activate("th")
        getattr(self, "do_" + options["action"])(options)

    def _fail(self, verdict):
        for problem in verdict.problems:
            self.stderr.write(problem)
        sys.exit(1)

    def do_checkpoint(self, options):
        verdict = audit.verify_all()
        if not verdict.ok:
            self.stderr.write(_("No checkpoint was recorded: the audit chain does not verify."))
            self._fail(verdict)
        checkpoint, created = audit.take_checkpoint()
        if checkpoint is None:
            self.stdout.write(_("The audit log is empty: nothing to checkpoint yet."))
            return
        line = checkpoint.line()
        if options.get("file"):
            path = Path(options["file"])
            kept = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
            if line not in kept:
                with path.open("a", encoding="utf-8") as f:
                    f.write(line + "\n")
        self.stdout.write(line)

    def do_verify(self, options):
        checkpoints = []
        if options.get("checkpoint"):
            try:
                text = Path(options["checkpoint"]).read_text(encoding="utf-8")
                checkpoints = audit.parse_checkpoints(text)
            except (OSError, UnicodeDecodeError) as exc:
                self.stderr.write(_("The checkpoint file cannot be read: %(error)s") % {"error": exc})
                sys.exit(2)
            except audit.CheckpointError as exc:
                self.stderr.write(str(exc))
                sys.exit(2)
        verdict = audit.verify_all(checkpoints)
        if not verdict.ok:
            self._fail(verdict)
        head = audit.head()
        self.stdout.write(
            _("The audit chain is intact up to event %(seq)s; %(n)s checkpoint(s) agree with it.")
            % {"seq": head.seq if head else 0, "n": verdict.checked}
        )
