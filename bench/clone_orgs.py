"""Many organizations with everything one has: the demo organization's rows — five fiscal years of
plans, progress reports, complaints, publications, procurement, registers, surveys, queue tickets —
copied N times, in SQL, one INSERT … SELECT per table.

Which tables and keys come from the organization-move plan (sujarit/core/orgmove/plan.py): what moves
with an organization is what makes one, so a new module's tables are copied without editing this
file. Copy k of a row gets the key `key + k × STRIDE`, and so does every key it holds to a copied row
(its organization, its case, its account …); keys to shared rows (the OIT catalogue, content types)
stay. Values that are unique across organizations (user names, tracking codes, tokens, the slug) get
"-k" at the end. The audit log is not copied (a hash chain): a copy's `org_version` is 0.

It expects the demo organization to be the only one (every row of a copied table is its), and it runs
on SQLite and PostgreSQL alike (a recursive CTE numbers the copies).
"""

import time

STRIDE = 100_000  # copy k of key x is x + k × STRIDE: every table of the demo holds fewer rows


def clone(n, *, places, log=print):
    """Make organizations 2 … n + 1 as copies of the only one there is; `places(k)` gives copy k's
    (province, district, NACC region). Returns {label: rows copied}."""
    from django.db import connection, transaction

    from sujarit.core.models import Organization
    from sujarit.core.orgmove.plan import plan, rewrite_names

    if Organization.objects.count() != 1:
        raise SystemExit("clone_orgs copies the demo organization: it must be the only one")
    steps = plan(rewrite_names())
    copied = {step.model for step in steps}
    tables = []
    for step in steps:
        tables.append(step.model)
        for m2m in step.model._meta.many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created:
                tables.append(through)
    for model in tables:
        top = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        if top >= STRIDE:
            raise SystemExit(f"{model._meta.label}: key {top} is not below STRIDE {STRIDE}")

    counts = {}
    with transaction.atomic():
        for model in tables:
            started = time.perf_counter()
            before = model.objects.count()
            with connection.cursor() as cursor:
                cursor.execute(_copy_sql(model, copied | set(tables), n))
            counts[model._meta.label_lower] = model.objects.count() - before
            log(f"   {model._meta.label_lower}: {counts[model._meta.label_lower]} rows "
                f"({time.perf_counter() - started:.1f} s)")  # fmt: skip
        _spread(n, places)
        _reset_sequences(tables)
    return counts


def _copy_sql(model, copied, n):
    from django.db.models import UniqueConstraint

    qn = _quote
    table = qn(model._meta.db_table)
    columns, values = [], []
    alone = {  # unique on their own, if only under a condition (a local government code when given)
        c.fields[0] for c in model._meta.constraints if isinstance(c, UniqueConstraint) and len(c.fields) == 1
    }
    for field in model._meta.concrete_fields:
        column = f"t.{qn(field.column)}"
        unique = field.unique or field.name in alone
        if field.primary_key or (field.is_relation and field.related_model in copied):
            value = f"{column} + k.n * {STRIDE}"
        elif unique and field.get_internal_type() in ("CharField", "SlugField", "TextField"):
            keep = (field.max_length or 200) - 6
            value = f"CASE WHEN {column} = '' THEN {column} ELSE substr({column}, 1, {keep}) || '-' || CAST(k.n AS TEXT) END"
        else:
            value = column
        columns.append(qn(field.column))
        values.append(value)
    return (
        f"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {int(n)}) "
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {table} t CROSS JOIN k WHERE t.{qn(model._meta.pk.column)} < {STRIDE}"
    )


def _quote(name):
    from django.db import connection

    return connection.ops.quote_name(name)


def _spread(n, places):
    """The copies' names, places and regions: about 100 organizations a province."""
    from sujarit.core.models import Organization

    orgs = list(Organization.objects.filter(pk__gte=STRIDE).order_by("pk"))
    for org in orgs:
        k = org.pk // STRIDE
        org.name = f"องค์การบริหารส่วนตำบลทดสอบที่ {k + 1}"
        org.province, org.district, org.nacc_region = places(k)
    Organization.objects.bulk_update(orgs, ["name", "province", "district", "nacc_region"], batch_size=1000)
    assert len(orgs) == n


def _reset_sequences(models):
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
