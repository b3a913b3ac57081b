"""What a parsed file gives: its layout, its records (one per project) and notes for the officer."""

from dataclasses import dataclass, field

EGP_LAYOUT = "egp-2568"
TEMPLATE_LAYOUT = "template"
LAYOUT_NAMES = {
    EGP_LAYOUT: "ข้อมูลสัญญาจากระบบ e-GP (ชุดข้อมูลเปิด ปี 2568, 28 ช่อง)",
    TEMPLATE_LAYOUT: "แบบฟอร์มนำเข้าของสุจริต",
}


@dataclass
class Record:
    line: int
    name: str
    budget: object
    method: str
    egp_number: str = ""
    method_detail: str = ""
    unit_name: str = ""
    budget_line: str = ""
    budget_source: str = ""
    reference_price: object = None
    announced_on: object = None
    closing_on: object = None
    winner: tuple[str, str] | None = None  # (tax_id, name)
    agreed_price: object = None
    reason: str = ""
    contract_number: str = ""
    contract_date: object = None
    contract_amount: object = None
    delivery_date: object = None
    delivery_note: str = ""
    status: str = ""
    bids: list = field(default_factory=list)  # [(tax_id, name, price)]
    bids_complete: bool = True


@dataclass
class Parsed:
    layout: str
    records: list
    notes: list  # Thai sentences: what was recognised, repaired, skipped

    @property
    def layout_name(self):
        return LAYOUT_NAMES[self.layout]
