"""Moving an organization to another deployment (issue 14): `sujarit org export` and `import-data`.

plan.py finds the models, archive.py reads and writes the file, exporting.py and importing.py move
the rows, audittrail.py the audit events. docs/ARCHITECTURE.md, "Moving an organization".
"""

from .archive import ArchiveError
from .exporting import Exported, ExportRefused, export_org
from .importing import Imported, ImportRefused, import_file
from .plan import EXCLUDED, plan

__all__ = [
    "EXCLUDED", "ArchiveError", "ExportRefused", "Exported", "ImportRefused", "Imported", "export_org",
    "import_file", "plan",
]  # fmt: skip
