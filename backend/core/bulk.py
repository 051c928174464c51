"""Writes of tens of thousands of rows without the ORM's cost per object: batches, one prepared
INSERT for many rows, and INSERT … SELECT where the database can copy the rows itself."""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

CHUNK = 5000  # ids per IN (…) list: well under SQLite's limit on query parameters
BATCH = 1000  # rows per INSERT, and keys per lookup, in the setup imports


def chunks[T](items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """`items` in order, in lists of at most `size`."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def id_chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    return chunks(ids, size)


def bulk_insert(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """INSERT many rows with one prepared statement. For 39,000 people the ORM's bulk_create spent
    most of the import compiling SQL; this keeps each field's own conversion to the database.

    Every row has the same keys, the model's field names (`organization`, not `organization_id`).
    Like bulk_create it skips `save()` and signals.
    """
    if not rows:
        return
    concrete = {field.name: field for field in model._meta.concrete_fields}
    fields = [concrete[name] for name in rows[0]]
    quote = connection.ops.quote_name
    # Only our own table and column names, quoted; every value goes as a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields if f.column),  # concrete: all have one
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [[f.get_db_prep_save(row[f.name], connection) for f in fields] for row in rows]
        )


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
