"""factory_boy factories for the plan's models (until the seed import lands, and for small cases).

Every factory takes its organization from its parent (item → plan → org), so
`ItemFactory(plan=plan)` stays inside plan.org. Pass `org=` only to the top: `PlanFactory(org=org)`.
"""

from decimal import Decimal

import factory

from sujarit.core.models import Organization, Unit
from sujarit.plans import models as m


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"องค์การบริหารส่วนตำบลทดสอบ {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("org", "name")

    org = factory.SubFactory(OrganizationFactory)
    name = "สำนักปลัด"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Plan

    org = factory.SubFactory(OrganizationFactory)
    title = "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 - 2570)"
    first_year = 2566
    last_year = 2570


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Dimension

    plan = factory.SubFactory(PlanFactory)
    org = factory.SelfAttribute("plan.org")
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"มิติที่ {n + 1}")


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Mission

    dimension = factory.SubFactory(DimensionFactory)
    org = factory.SelfAttribute("dimension.org")
    code = factory.LazyAttribute(lambda o: f"{o.dimension.number}.1")
    name = "ภารกิจ"


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Item

    dimension = factory.SubFactory(DimensionFactory)
    plan = factory.SelfAttribute("dimension.plan")
    org = factory.SelfAttribute("dimension.org")
    mission = None
    number = factory.Sequence(lambda n: n + 1)
    item_type = m.ItemType.PROJECT
    name = factory.Sequence(lambda n: f"โครงการทดสอบที่ {n + 1}")
    responsible_unit = factory.LazyAttribute(
        lambda o: Unit.objects.get_or_create(org=o.org, name="สำนักปลัด")[0]
    )
    responsible_text = factory.LazyAttribute(lambda o: o.responsible_unit.name if o.responsible_unit else "")


class ItemBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ItemBudget
        django_get_or_create = ("item", "fiscal_year")

    item = factory.SubFactory(ItemFactory)
    org = factory.SelfAttribute("item.org")
    fiscal_year = 2569
    amount = Decimal("20000")


class KPIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.KPI

    item = factory.SubFactory(ItemFactory)
    org = factory.SelfAttribute("item.org")
    kind = m.KPIKind.OUTPUT
    order = factory.Sequence(lambda n: n)
    text = "มีการเผยแพร่ อย่างน้อย 3 ช่องทาง"
    target_op = ">="
    target_value = Decimal("3")
    target_unit = "channel"


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ProgressReport

    item = factory.SubFactory(ItemFactory)
    org = factory.SelfAttribute("item.org")
    fiscal_year = 2569
    round = 6
    status = m.ItemStatus.IN_PROGRESS
    percent_done = 50
    spent = Decimal("0")
    work_done = "ดำเนินการแล้วบางส่วน"
    state = m.ReportState.DRAFT


class KPIResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.KPIResult

    report = factory.SubFactory(ProgressReportFactory)
    org = factory.SelfAttribute("report.org")
    kpi = factory.SubFactory(KPIFactory, item=factory.SelfAttribute("..report.item"))
    value = Decimal("3")


def build_plan(org, *, first_year=2566, last_year=2570, dimensions=2, items_per_dimension=2, budget="20000"):
    """A small plan of `org`: dimensions × items, each item with a budget every year and one KPI
    (≥ 3 channels); items are run by the unit "สำนักปลัด". Returns the plan."""
    plan = PlanFactory(org=org, first_year=first_year, last_year=last_year)
    number = 0
    for d in range(1, dimensions + 1):
        dim = DimensionFactory(plan=plan, number=d, name=f"มิติที่ {d}")
        for _i in range(items_per_dimension):
            number += 1
            item = ItemFactory(dimension=dim, number=number, name=f"โครงการที่ {number}")
            for year in range(first_year, last_year + 1):
                ItemBudgetFactory(item=item, fiscal_year=year, amount=Decimal(budget))
            KPIFactory(item=item)
    return plan
