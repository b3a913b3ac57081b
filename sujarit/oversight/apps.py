from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig


class OversightConfig(ModuleConfig):
    """Oversight's manifest: the supervisors' board and the national public page over every
    organization's `OversightFigure`s (contributed by the other modules), and a demo supervisor."""

    default = True
    name = "sujarit.oversight"
    label = "oversight"
    verbose_name = _("Oversight")

    def manifest(self, registry):
        from . import demo

        registry.add_demo_loader("oversight", 90, demo.load)

    def ready(self):
        super().ready()
        from django.db.models.signals import post_save

        from sujarit.core.models import AuditEvent

        from .services import mark_dirty

        post_save.connect(mark_dirty, sender=AuditEvent, dispatch_uid="sujarit.oversight.mark_dirty")
