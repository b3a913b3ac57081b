"""Demo data: the seed plan of อบต.แหลมสอม, imported from the bundled document."""


def load(org, stdout=None):
    """Import the bundled plan document into the demo organization (idempotent)."""
