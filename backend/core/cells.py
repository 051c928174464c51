"""The one rule against formula injection in the spreadsheets and CSV files we write. Pure: no Django.

A spreadsheet program may run a cell that starts with one of `FORMULA_STARTS` as a formula
(`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`). Every file we write for people to open neutralises such
text: XLSX cells are marked as text with the quote prefix, CSV fields get a leading `'`.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """`text` as a CSV field a spreadsheet shows as text: a leading ' when it would be a formula."""
    return "'" + text if is_formula_like(text) else text
