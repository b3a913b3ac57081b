from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based line (CSV) or row (Excel) of the file; 0 = the file as a whole
    reason: str  # Thai, for the officer

    def __str__(self):
        return f"บรรทัด {self.line}: {self.reason}" if self.line else self.reason


class ImportRejected(Exception):
    """The file was refused; nothing of it was stored. `errors` lists every bad row."""

    def __init__(self, errors, layout=""):
        self.errors = list(errors)
        self.layout = layout
        super().__init__("; ".join(str(e) for e in self.errors[:5]))
