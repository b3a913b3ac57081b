"""`sujarit surveys standard --org SLUG [--key KEY …] [--open]`: load the standard questionnaires."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sujarit.core.models import Organization

from ...models import State
from ...services import standard
from ...standard import catalogue


class Command(BaseCommand):
    help = "Load the standard questionnaires (service, information centre, complaints, promotion, tests …)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("standard", help="add the standard questionnaires an organization lacks")
        load.add_argument("--org", required=True)
        load.add_argument("--key", action="append", help=f"only these ({', '.join(catalogue())})")
        load.add_argument("--open", action="store_true", help="open them for answers at once")

    def handle(self, *args, **opts):
        org = Organization.objects.filter(slug=opts["org"]).first()
        if org is None:
            raise CommandError(f"no organization {opts['org']!r}")
        state = State.OPEN if opts["open"] else State.DRAFT
        try:
            made = standard.load_standard(org, keys=opts["key"], state=state)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e
        for q in made:
            self.stdout.write(f"{q.key}\t{q.title}\n")
        self.stdout.write(f"{len(made)} questionnaire(s) added to {org.slug}\n")
