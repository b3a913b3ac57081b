"""The plan's own KPI measures (registered in the registry by the manifest)."""


def register():
    """Filled in by the plans module (share of items reported on time, …)."""
