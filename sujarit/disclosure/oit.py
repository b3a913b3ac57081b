"""OIT evidence the disclosure module proves by itself (2567 codes): O1, O2, O4 from the profile, O6
from the Q&A board (oit_qa.py, the information centre's).

Publications tagged with an item's code are evidence too, but the compliance board reads them
directly (compliance.py), so they need no provider.
"""

from . import core_evidence, oit_qa


def register(registry):
    core_evidence.register(registry)
    oit_qa.register(registry)
