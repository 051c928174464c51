"""Set-based writes for tens of thousands of rows: the database copies, Python only composes SQL."""

from collections.abc import Iterator
from itertools import islice

from django.db import connection
from django.db.models import Model, QuerySet

CHUNK = 5000  # ids per IN (…) list: well under SQLite's limit on query parameters


def id_chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    iterator = iter(ids)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_select(model: type[Model], source: QuerySet, columns: dict) -> None:
    """INSERT … SELECT: the database copies the rows; nothing passes through Python objects.

    `columns` maps each field of `model`, by attname (`claim_id`), to an expression over
    `source`'s rows. Like bulk_create it skips `save()`: it only ever adds rows, so an
    append-only model (ClaimEvent refuses save on an existing row, and delete) stays so.
    """
    aliases = {f"col{index}": expression for index, expression in enumerate(columns.values())}
    select = source.order_by().values(**aliases)
    select_sql, params = select.query.sql_with_params()
    assert list(select.query.annotation_select) == list(aliases)  # the column order we insert
    quote = connection.ops.quote_name
    column_of = {f.attname: f.column for f in model._meta.concrete_fields if f.column}
    names = ", ".join(quote(column_of[name]) for name in columns)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {select_sql}", params)
