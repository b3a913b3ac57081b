"""Moving an organization to another deployment (issue 14): `sujarit org export`, `import-data` and
`retire`.

plan.py finds the models, archive.py reads and writes the file, exporting.py and importing.py move
the rows, audittrail.py the audit events, retiring.py removes the moved organization from the source. docs/ARCHITECTURE.md, "Moving an organization".
"""

from .archive import ArchiveError
from .exporting import Exported, ExportRefused, export_org
from .importing import Imported, ImportRefused, import_file
from .plan import EXCLUDED, plan
from .retiring import Retired, RetireRefused, retire_org

__all__ = [
    "EXCLUDED", "ArchiveError", "ExportRefused", "Exported", "ImportRefused", "Imported", "export_org",
    "import_file", "plan", "Retired", "RetireRefused", "retire_org",
]  # fmt: skip
