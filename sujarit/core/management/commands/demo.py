"""`sujarit demo load`: the demo organization, its staff accounts and every module's demo data."""

from django.core.management.base import BaseCommand
from django.utils import translation

from sujarit.core import demo
from sujarit.core.registry import registry


class Command(BaseCommand):
    help = "Load the demo organization (อบต.แหลมสอม) with its plan and one staff account per role."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])

    def handle(self, *args, **options):
        translation.activate("th")
        org, created = demo.load_org()
        if created:
            from django.contrib.auth import get_user_model

            # What a first sign-in would do with each new password (e.g. make an integrity officer's
            # keys, so the demo's corruption channel is open at once).
            users = get_user_model().objects.in_bulk([u for u, _p, _r in created], field_name="username")
            for username, password, _role in created:
                for hook in registry.password_hooks:
                    hook(None, users[username], password)
        for loader in registry.demo_loaders:
            loader.func(org, stdout=self.stdout)
        if created:
            self.stdout.write(
                self.style.SUCCESS("บัญชีเจ้าหน้าที่สาธิต (แสดงครั้งเดียว) / demo staff accounts (shown once):")
            )
            for username, password, role in created:
                self.stdout.write(f"  {username:<12} {password:<14} {role}")
        self.stdout.write(f"http://127.0.0.1:8000/{org.slug}/")
