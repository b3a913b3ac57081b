"""Deployment checks (`sujarit check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def development_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY.startswith("dev-only-"):
        return [
            Warning(
                "SECRET_KEY is the development key.",
                hint="Set the SECRET_KEY environment variable (docs/OPERATIONS.md).",
                id="sujarit.W001",
            )
        ]
    return []
