"""The second engine's opinion of what Tesseract read: the lines of the date and the name
always, the lines that decide an unsure total, the page where a field is still missing; and
how two engines' readings are reconciled into one, field by field."""

import datetime
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from difflib import SequenceMatcher

from PIL import Image

from receipts.ocr import parse, second, tesseract
from receipts.ocr.parse import Confidences
from receipts.ocr.reading import Reading, from_parsed

_AGREEMENT = 0.3  # an independent engine reading the same total is strong evidence
_DOUBT = 0.3
SECOND_SCALE = 0.75  # the second engine reads a 3/4 copy as well as the full one, 20 % faster
MIN_REREAD = 3  # fewer lines than this to re-read: Tesseract's lines are not worth re-reading
REREAD_LARGEST = 3  # lines with the largest amounts re-read whatever their label
SEPARATORS_APART = 0.5  # how sure a total can be that the other engine read with other marks

Box = tuple[float, float, float, float]  # left, top, right, bottom


def total_read_again(
    reading: Reading, ocr: tesseract.OcrText, upright: Image.Image, scale: float,
    default_currency: str, today: datetime.date,
) -> Reading:  # fmt: skip
    """An unsure total as the second engine reads it: the lines that decide it, then, if still
    unsure, the page."""
    boxes = _lines_to_reread(ocr, scale)
    if len(boxes) >= MIN_REREAD:
        # cheap first: the recognition model alone re-reads the lines that decide the total
        text = second.read_lines(upright, boxes)
        other = parse.parse_text(text, default_currency=default_currency, today=today)
        # the name is on a line without digits, which was not re-read: no opinion on it
        other = replace(other, vendor=None, confidences=replace(other.confidences, vendor=0.0))
        checked = _reconcile(reading, other)
        if checked.confident:
            return checked
    # still unsure, or Tesseract found hardly any lines: the second engine finds its own lines
    # (a total whose line Tesseract missed or split, a label it garbled beyond recognition)
    wordy = _wordy_lines(ocr, scale * SECOND_SCALE)
    text = _page_text(upright, keep=lambda box: not any(_inside(box, line) for line in wordy))
    other = parse.parse_text(text, default_currency=default_currency, today=today)
    if wordy:  # the lines without digits were not recognised: no opinion on the name
        other = replace(other, vendor=None, confidences=replace(other.confidences, vendor=0.0))
    return _reconcile(reading, other)


def _page_text(upright: Image.Image, keep: Callable[[Box], bool] | None = None) -> str:
    """The second engine's reading of the page, lines found by its own detector, on a copy
    SECOND_SCALE the size."""
    return second.text_of(_page_found(upright, keep))


def _page_found(
    upright: Image.Image, keep: Callable[[Box], bool] | None = None
) -> list[second.Found]:
    size = (round(upright.width * SECOND_SCALE), round(upright.height * SECOND_SCALE))
    return second.read_found(upright.resize(size, Image.Resampling.LANCZOS), keep=keep)


def filled_by_page(reading: Reading, upright: Image.Image, today: datetime.date) -> Reading:
    """Still no date, or only a weak name (none, or a line guessed, see weak_name): the second
    engine finds the lines itself, the date's or the name's among them (one Tesseract read as
    letters, or missed, or a logo it rated too low to take): the whole page for a date, the
    header for a name. On 340 scans 12 of 17 undated receipts were dated so, all rightly,
    and 8 more named; the reading costs 0.5-3 s, so it is spent only where a field needs it."""
    if reading.date is None:
        found = _page_found(upright)  # a date may be printed anywhere
    else:  # a name is printed in the header
        found = _page_found(upright.crop((0, 0, upright.width, round(upright.height * HEADER))))
    date, date_sure = (
        parse.find_date(second.text_of(found), today) if reading.date is None else (None, 0.0)
    )
    sure = reading.confidences
    vendor, vendor_sure = reading.vendor, sure.vendor
    if weak_name(reading):
        # a logo's shapes read as letters ("srdubnt") the recogniser is unsure of
        name, name_sure = parse.find_vendor(second.text_of(found, PAGE_NAME_SCORE))
        if name and vendor and _like(name, vendor):
            vendor_sure += 0.1  # the same line read again, alike or with a letter or two apart
        elif name and (name_sure >= sure.vendor if vendor else name_sure > NAMED_BY_PAGE):
            # its recogniser drops spaces between words: a name to check, however clear
            vendor, vendor_sure = name, min(name_sure, NO_SPACES)
    return replace(
        reading,
        date=date or reading.date,
        vendor=vendor,
        confidences=replace(
            sure,
            date=date_sure if date else sure.date,
            vendor=round(min(1.0, vendor_sure), 3),
        ),
    )


def weak_name(reading: Reading) -> bool:
    """No name, or one only guessed: the first wordy line with no address below it, or a name
    the second engine read otherwise. A name above the address is not read again: on 340 scans
    that cost a reading of the header for one receipt in sixteen (0.5-1.5 s each) and named
    one more merchant."""
    return reading.vendor is None or reading.confidences.vendor < WEAK_NAME


def _like(name: str, other: str) -> bool:
    """Two readings of the same name, letters apart at most here and there."""
    ratio = SequenceMatcher(None, _letters_of(name), _letters_of(other), autojunk=False).ratio()
    return ratio >= SAME_NAME


DATE_LINES = 6  # at most this many date-looking lines are re-read
DATE_SCORE = 0.9  # the second engine's confidence in the dated lines to overrule Tesseract
TOTAL_SCORE = 0.9  # ...in the total's line to doubt a total Tesseract is sure of
NAME_SCORE = 0.85  # the second engine's confidence in its reading of the name line to take it
HEADER = 0.35  # of the page's height, from the top: where a receipt names its merchant
NAMED_BY_PAGE = 0.4  # a name from the page only by its NIT, its legal form, trade or address
WEAK_NAME = 0.45  # a name less sure than this is read again in the header (see weak_name)
PAGE_NAME_SCORE = 0.7  # a name the page's reading gives from lines read at least this surely
SAME_NAME = 0.8  # two readings of a name this alike (difflib's ratio) are of the same line
NO_SPACES = 0.5  # how sure a name is that the second engine alone read ("SUPERMERCADOLAESPERANZA")


def header_reread(
    reading: Reading, ocr: tesseract.OcrText, upright: Image.Image, scale: float,
    today: datetime.date,
) -> Reading:  # fmt: skip
    """The date, the merchant's name and a sure total as the second engine reads their lines
    (one call; re-reading a few lines costs about a tenth of a second). Its recogniser misreads
    fewer characters than Tesseract on receipts: on 340 scans it alone read the date right 20
    times, Tesseract alone 3; its reading of the name's line named the merchant 252 times,
    Tesseract's 219 ("TKANO HANDEL" for IKANO)."""
    dated = [line for line in ocr.lines if line.box[2] and parse.looks_dated(line.text)]
    dated = dated[:DATE_LINES]
    named = _name_line(reading.vendor, ocr)
    paying = _total_line(reading, ocr)
    lines = dated + [line for line in (named, paying) if line]
    if not lines:
        return reading
    found = second.recognise(upright, [_scaled(line.box, scale) for line in lines])
    if dated:
        read = [line for line in found[: len(dated)] if line is not None]
        score = min((line[1] for line in read), default=0.0)
        reading = _with_date(reading, "\n".join(line[0] for line in read), score, today)
    name_read = found[len(dated)] if named else None
    if name_read is not None:
        reading = _with_name(reading, *name_read)
    if paying and found[-1] is not None:
        reading = _with_total(reading, *found[-1])
    return reading


def _total_line(reading: Reading, ocr: tesseract.OcrText) -> tesseract.Line | None:
    """The line of a total Tesseract is sure of: one digit misread there (41.37 for 41.87) may
    agree with another misread elsewhere, and only another engine's reading catches it."""
    if not reading.confident:
        return None  # an unsure total has its deciding lines re-read anyway
    chosen = next((c.line for c in reading.candidates if c.chosen), "")
    return next(
        (
            line
            for line in ocr.lines
            if line.box[2] and line.text.strip() and chosen.endswith(line.text.strip())
            and any(a.value == reading.total for a in parse.find_amounts(line.text))
        ),
        None,
    )  # fmt: skip


def _with_total(reading: Reading, text: str, score: float) -> Reading:
    """A sure total whose line the second engine, sure of its own reading, reads as another
    amount is no longer sure: the deciding lines are then re-read."""
    found = parse.find_amounts(text)
    if not found or found[-1].value == reading.total or score < TOTAL_SCORE:
        return reading
    confidence = round(max(0.0, reading.confidence - _DOUBT), 3)
    return replace(
        reading, confidence=confidence, confidences=replace(reading.confidences, total=confidence)
    )


def _scaled(box: tuple[int, int, int, int], scale: float) -> tuple[int, int, int, int]:
    left, top, width, height = (round(v * scale) for v in box)
    return left, top, width, height


def _with_date(reading: Reading, text: str, score: float, today: datetime.date) -> Reading:
    """The second engine's date wins unless it is of a lesser kind than Tesseract's (a due
    date against a labelled issue date) or it is unsure of its reading of the lines; both
    reading the same date is surer than either."""
    date, sure = parse.find_date(text, today)
    if date is None or sure < reading.confidences.date - 0.1:
        return reading  # nothing dated, or only a lesser date (a bill's due date, not its issue)
    if date == reading.date:
        sure = max(sure, reading.confidences.date) + 0.1
    elif reading.date is not None and score < DATE_SCORE:
        date, sure = reading.date, reading.confidences.date - 0.2  # differ; the second unsure
    elif reading.date is not None:
        sure -= 0.2  # two readings of the date that differ
    sure = round(min(1.0, max(0.0, sure)), 3)
    return replace(reading, date=date, confidences=replace(reading.confidences, date=sure))


def _letters_of(text: str) -> str:
    return re.sub(r"\W", "", text).upper()


def _name_line(vendor: str | None, ocr: tesseract.OcrText) -> tesseract.Line | None:
    """The line Tesseract read the merchant's name from (None for a name over two lines)."""
    if not vendor:
        return None
    wanted = _letters_of(vendor)
    return next(
        (
            line
            for line in ocr.lines
            if line.box[2] and wanted in _letters_of(parse.as_name(line.text) or "")
        ),
        None,
    )


def _with_name(reading: Reading, text: str, score: float) -> Reading:
    """The name as the second engine reads it, where it is sure of its reading and read as
    much of the line; with Tesseract's spaces, which the second engine often drops. The two
    reading it alike is surer; differently, less sure whichever is kept."""
    name = parse.as_name(text)
    mine = reading.vendor or ""
    if name is None or score < NAME_SCORE:
        return reading
    sure = reading.confidences.vendor
    if not parse.may_name(name):  # Tesseract garbled an address or a total into a name
        return replace(reading, vendor=None, confidences=replace(reading.confidences, vendor=0.0))
    if _letters_of(name) == _letters_of(mine):
        name, sure = mine, sure + 0.2
    elif len(_letters_of(name)) < 0.8 * len(_letters_of(mine)):
        return reading  # a part of the line: a logo's letters, a cut-off crop
    elif parse.known_words(mine) > parse.known_words(name):
        name, sure = mine, sure - 0.1  # Tesseract spelled more of its words right
    else:
        name, sure = _respaced(name, mine), sure - 0.1
    sure = round(min(1.0, max(0.0, sure)), 3)
    return replace(reading, vendor=name, confidences=replace(reading.confidences, vendor=sure))


def _respaced(text: str, spaced: str) -> str:
    """`text` with a space also wherever `spaced`, another reading of the same line, has one
    between the same two characters ("MR.D.I.Y.(M) SDNBHD" and "MR. D.T.Y. (M) SDN BHD")."""

    def bare_and_gaps(line: str) -> tuple[str, set[int]]:
        chars: list[str] = []
        gaps: set[int] = set()
        for ch in line:
            if ch == " ":
                gaps.add(len(chars))
            else:
                chars.append(ch)
        return "".join(chars), gaps

    bare, gaps = bare_and_gaps(text)
    other, their_gaps = bare_and_gaps(spaced)
    at: dict[int, int] = {}  # a character of `other` -> the same character of `bare`
    for block in SequenceMatcher(None, bare, other, autojunk=False).get_matching_blocks():
        at.update((block.b + n, block.a + n) for n in range(block.size))
    gaps |= {at[j] for j in their_gaps if j in at and at.get(j - 1, at[j] - 1) == at[j] - 1}
    return "".join((" " if i in gaps and i else "") + ch for i, ch in enumerate(bare))


def _inside(box: Box, line: Box) -> bool:
    """Whether the middle of `box` lies within `line`."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return line[0] <= x <= line[2] and line[1] <= y <= line[3]


def _wordy_lines(ocr: tesseract.OcrText, scale: float) -> list[Box]:
    """Where (in an image `scale` times what Tesseract read) Tesseract read lines with neither a
    digit nor a label: names, addresses, item descriptions, greetings. They cannot change the
    total, and recognising them is most of the second engine's time. What Tesseract found
    nothing at, or found digits at, is recognised."""
    boxes = []
    for line in ocr.lines:
        if line.box[2] and not re.search(r"\d", line.text) and not parse.classify(line.text):
            left, top, width, height = line.box
            boxes.append(
                (left * scale, top * scale, (left + width) * scale, (top + height) * scale)
            )
    return boxes


def _lines_to_reread(ocr: tesseract.OcrText, scale: float) -> list[tuple[int, int, int, int]]:
    """The boxes, in the upright image, of the lines that decide the total: those with a label
    (total, subtotal, tax, tendered, change...), the line after a label printed alone, and the
    lines with the largest amounts (a total whose label Tesseract garbled). Names, addresses
    and items cannot change which total is right; skipping them makes the second reading cheap."""
    chosen: set[int] = set()
    amounts: list[tuple[Decimal, int]] = []
    lines = [line for line in ocr.lines if line.box[2]]
    for i, line in enumerate(lines):
        found = parse.find_amounts(line.text)
        if parse.classify(line.text):
            chosen.add(i)
            if not found and i + 1 < len(lines):
                chosen.add(i + 1)
        if found:
            amounts.append((found[-1].value, i))
    chosen.update(i for _, i in sorted(amounts, reverse=True)[:REREAD_LARGEST])
    boxes = []
    for i in sorted(chosen):
        left, top, width, height = (round(v * scale) for v in lines[i].box)
        boxes.append((left, top, width, height))
    return boxes


def _marks_apart(a: Decimal, b: Decimal) -> bool:
    """Two different amounts with the same digits ("117.40" and "117.400,00"): one engine
    misread a thousands mark as the decimal one, and which is not for either to say."""
    return a != b and _digits(a) == _digits(b)


def _digits(amount: Decimal) -> str:
    return f"{amount:f}".replace(".", "").strip("0")


def _same(name: str, a: object, b: object) -> bool:
    if name == "vendor" and isinstance(a, str) and isinstance(b, str):
        return re.sub(r"\W", "", a).upper() == re.sub(r"\W", "", b).upper()
    return a == b


def _fields(reading: Reading, other: parse.Parsed) -> dict:
    """Date, vendor, NIT and service month from two engines: the same value read twice is
    surer; two different values leave the surer one, less sure."""
    values: dict = {}
    sure: dict = {}
    for name in ("date", "vendor", "nit", "service_month"):
        mine, theirs = getattr(reading, name), getattr(other, name)
        my_sure = getattr(reading.confidences, name)
        their_sure = getattr(other.confidences, name)
        if mine is None or (theirs is not None and their_sure > my_sure + 0.2):
            if theirs is not None and mine is not None:
                their_sure -= my_sure / 2
            values[name], sure[name] = theirs, their_sure if theirs is not None else 0.0
        elif theirs is None:
            values[name], sure[name] = mine, my_sure
        elif _same(name, mine, theirs):
            values[name], sure[name] = mine, max(my_sure, their_sure) + 0.1
        else:
            values[name], sure[name] = mine, my_sure - their_sure / 2
    return {"sure": {k: round(min(1.0, max(0.0, v)), 3) for k, v in sure.items()}, **values}


def _reconcile(reading: Reading, other: parse.Parsed) -> Reading:
    """Two engines' readings: for the total, agreement raises the confidence and disagreement
    lowers it; every other field likewise, on its own."""
    merged = _fields(reading, other)
    sure = merged.pop("sure")
    if other.total is None:
        total, confidence, base = reading.total, reading.confidence, reading
    elif other.total == reading.total:
        # an engine that doubts its own reading (no total label, or sums that contradict it)
        # may be doubting a digit both engines misread alike: agreement then counts for less
        # (a plain total paid exactly whose subtotal and tax add up to a cent more scores 0.3)
        doubted = min(reading.confidence, other.confidence) <= _DOUBT
        boost = _AGREEMENT / 3 if doubted else _AGREEMENT
        boosted = max(reading.confidence, other.confidence) + boost
        total, confidence, base = reading.total, min(1.0, boosted), reading
    elif reading.total is not None and reading.confidence >= other.confidence:
        total, confidence = reading.total, reading.confidence - other.confidence / 2
        base = reading
    else:
        penalty = reading.confidence / 2 if reading.total is not None else 0.0
        base = from_parsed(other, "ocr", reading.raw_text, reading.cufe)
        total, confidence = other.total, max(0.0, other.confidence - penalty)
    if (
        reading.total is not None
        and other.total is not None
        and _marks_apart(reading.total, other.total)
    ):
        confidence = min(confidence, SEPARATORS_APART)
    confidence = round(confidence, 3)
    return replace(
        base,
        total=total,
        confidence=confidence,
        confidences=Confidences(total=confidence, **sure),
        **merged,
    )
