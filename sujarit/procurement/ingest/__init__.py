"""The import engine: file bytes → recognised layout → checked rows. Pure: no database, no writes.

`parse(data)` returns a `Parsed` (layout, records, notes) or raises `ImportRejected` listing every bad
row with its line and a Thai reason; it raises nothing else, whatever the bytes (a property test
feeds it arbitrary ones). services/importing.py stores the records.
"""

from .errors import ImportRejected, RowError  # noqa: F401
from .layouts import parse  # noqa: F401
from .records import EGP_LAYOUT, LAYOUT_NAMES, TEMPLATE_LAYOUT, Parsed, Record  # noqa: F401
