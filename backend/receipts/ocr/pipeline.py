"""Reading a stored receipt: PDF text layer, then a DIAN QR, then Tesseract (+ a second opinion).

`read()` is the only entry point the Django app uses. It never logs receipt text.
"""

import datetime
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import SequenceMatcher

from PIL import Image, ImageOps

from receipts.ocr import images, orient, paper, parse, pdf, qr, second, tesseract
from receipts.ocr.parse import Candidate, Confidences

CONFIDENT = parse.CONFIDENT
MAX_PIXELS = 40_000_000
SECOND_OPINION = True  # the second engine where Tesseract is unsure; the benchmark switches it
LEGIBLE = 50.0  # Tesseract's mean word confidence: upright receipts rate 55-85, turned ones 25-45
TURN_MARGIN = 10.0  # a turned reading must be clearly better rated to replace the upright one
_AGREEMENT = 0.3  # an independent engine reading the same total is strong evidence
_DOUBT = 0.3
SECOND_SCALE = 0.75  # the second engine reads a 3/4 copy as well as the full one, 20 % faster
CLEAR_LINE = 50.0  # Tesseract's confidence in a line below which it is not taken for a name
FAINT_NAME = 25.0  # ...unless it names a company by its legal form ("SDN BHD", "S.A.S.")
MIN_REREAD = 3  # fewer lines than this to re-read: Tesseract's lines are not worth re-reading
REREAD_LARGEST = 3  # lines with the largest amounts re-read whatever their label

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Reading:
    total: Decimal | None
    currency: str | None
    date: datetime.date | None
    vendor: str | None
    nit: str | None
    tax: Decimal | None
    cufe: str | None
    confidence: float
    source: str  # "pdf_text" | "qr" | "ocr"
    raw_text: str
    candidates: tuple[Candidate, ...]
    service_month: datetime.date | None = None  # a bill's billing period, as its first day
    confidences: Confidences = field(default_factory=Confidences)  # .total is `confidence`

    @property
    def confident(self) -> bool:
        return self.total is not None and self.confidence >= CONFIDENT

    def sure(self, name: str) -> bool:
        """Whether a field was read surely enough to need no one's check."""
        return getattr(self, name) is not None and getattr(self.confidences, name) >= CONFIDENT


def _from_parsed(parsed: parse.Parsed, source: str, text: str, cufe: str | None) -> Reading:
    return Reading(
        total=parsed.total,
        currency=parsed.currency if parsed.total is not None else None,
        date=parsed.date,
        vendor=parsed.vendor,
        nit=parsed.nit,
        tax=parsed.tax,
        cufe=cufe,
        confidence=parsed.confidence,
        source=source,
        raw_text=text,
        candidates=parsed.candidates,
        service_month=parsed.service_month,
        confidences=parsed.confidences,
    )


_CUFE_TEXT = re.compile(r"CUFE\s*[:#]?\s*((?:[0-9a-f]\s?){96})", re.I)


def _cufe_in(text: str) -> str | None:
    m = _CUFE_TEXT.search(text)
    return re.sub(r"\s", "", m[1]).lower() if m else None


# --- opening ------------------------------------------------------------------------------------

OCR_PIXELS = 8_000_000  # a PDF page rendered for reading: 300 dpi for A4 needs about that


def _open_image(data: bytes) -> Image.Image:
    image = images.open_image(data, max_pixels=MAX_PIXELS)
    return ImageOps.exif_transpose(image).convert("RGB")


def _meaningful(text: str) -> bool:
    return sum(ch.isalnum() for ch in text) >= 20 and any(ch.isdigit() for ch in text)


# --- reading -----------------------------------------------------------------------------------


def read(
    data: bytes, *, default_currency: str = "COP", today: datetime.date | None = None
) -> Reading:
    """Read a stored receipt (clean JPEG/PNG/WebP or PDF bytes)."""
    today = today or datetime.date.today()
    if data.startswith(b"%PDF-"):
        return _read_pdf(data, default_currency, today)
    return _read_image(_open_image(data), default_currency, today)


def _read_pdf(data: bytes, default_currency: str, today: datetime.date) -> Reading:
    text = pdf.text_layer(data, max_pages=3)
    if not _meaningful(text):
        return _read_image(_render(data), default_currency, today)
    parsed = parse.parse_text(text, default_currency=default_currency, today=today)
    reading = _from_parsed(parsed, "pdf_text", text, _cufe_in(text))
    if reading.confident:
        return reading
    code = qr.find_dian_qr(_render(data))
    return _with_qr(reading, code) if code and code.total is not None else reading


def _render(data: bytes) -> Image.Image:
    return pdf.render_page(data, 0, max_pixels=OCR_PIXELS, dpi=300)


def _with_qr(reading: Reading, code: qr.DianQr) -> Reading:
    """The QR's exact fields over whatever the text gave."""
    assert code.total is not None
    line = f"QR ValTolFac {code.total}"
    sure = reading.confidences
    confidences = replace(
        sure,
        total=1.0,
        date=1.0 if code.date else sure.date,
        nit=1.0 if code.nit else sure.nit,
        vendor=min(1.0, sure.vendor + 0.1) if code.nit and code.nit == reading.nit else sure.vendor,
    )
    return replace(
        reading,
        total=code.total,
        currency="COP",  # DIAN e-invoices are in pesos
        date=code.date or reading.date,
        nit=code.nit or reading.nit,
        tax=code.tax if code.tax is not None else reading.tax,
        cufe=code.cufe or reading.cufe,
        confidence=1.0,
        confidences=confidences,
        source="qr",
        candidates=(Candidate(code.total, "qr", line, 1.0, True), *reading.candidates),
    )


def _read_image(image: Image.Image, default_currency: str, today: datetime.date) -> Reading:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    code = qr.find_dian_qr(image)
    ocr, upright, scale = _upright_text(paper.sheet(ImageOps.grayscale(image)))
    parsed = _named_from_clear_lines(
        parse.parse_text(ocr.text, default_currency=default_currency, today=today), ocr
    )
    reading = _from_parsed(parsed, "ocr", ocr.text, code.cufe if code else None)
    if code and code.total is not None:
        return _with_qr(reading, code)
    if not SECOND_OPINION or not second.available():
        return reading
    reading = _header_reread(reading, ocr, upright, scale, today)
    if not reading.confident:
        reading = _total_read_again(reading, ocr, upright, scale, default_currency, today)
    if reading.date is None or reading.vendor is None:
        reading = _filled_by_page(reading, upright, today)
    return reading


def _total_read_again(
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
    size = (round(upright.width * SECOND_SCALE), round(upright.height * SECOND_SCALE))
    return second.read_text(upright.resize(size, Image.Resampling.LANCZOS), keep=keep)


def _filled_by_page(reading: Reading, upright: Image.Image, today: datetime.date) -> Reading:
    """Still no date, or no name: the second engine finds the lines itself, the date's or the
    name's among them (one Tesseract read as letters, or missed): the whole page for a date,
    the header for a name. On 340 scans 12 of 17 undated receipts were dated so, all rightly,
    and 8 more named; the reading (0.5-3 s) is spent on the one receipt in ten that needs it."""
    if reading.date is None:
        text = _page_text(upright)  # a date may be printed anywhere
    else:  # a name is printed in the header
        text = _page_text(upright.crop((0, 0, upright.width, round(upright.height * HEADER))))
    date, date_sure = parse.find_date(text, today) if reading.date is None else (None, 0.0)
    vendor, vendor_sure = parse.find_vendor(text) if reading.vendor is None else (None, 0.0)
    if vendor_sure <= NAMED_BY_PAGE:
        vendor = None  # the page's first wordy line: as likely an item as the name
    sure = reading.confidences
    return replace(
        reading,
        date=date or reading.date,
        vendor=vendor or reading.vendor,
        confidences=replace(
            sure,
            date=date_sure if date else sure.date,
            # its recogniser drops spaces between words: a name to check, however clear
            vendor=min(vendor_sure, NO_SPACES) if vendor else sure.vendor,
        ),
    )


def _named_from_clear_lines(parsed: parse.Parsed, ocr: tesseract.OcrText) -> parse.Parsed:
    """The vendor from the lines Tesseract read with some assurance: above a receipt's name
    there is often a logo, a stamp or a crease, which Tesseract reads as letters it rates low
    ("3 iBorolt h": 17 of 100). On 170 scans the merchant was named 49 % -> 55 % of the time."""
    clear = "\n".join(
        line.text
        for line in ocr.lines
        if line.confidence >= CLEAR_LINE
        or (line.confidence >= FAINT_NAME and parse.names_company(line.text))
    )
    vendor, sure = parse.find_vendor(clear)
    return replace(parsed, vendor=vendor, confidences=replace(parsed.confidences, vendor=sure))


DATE_LINES = 6  # at most this many date-looking lines are re-read
DATE_SCORE = 0.9  # the second engine's confidence in the dated lines to overrule Tesseract
NAME_SCORE = 0.85  # the second engine's confidence in its reading of the name line to take it
HEADER = 0.35  # of the page's height, from the top: where a receipt names its merchant
NAMED_BY_PAGE = 0.4  # a name from the page only by its NIT, its legal form or its trade
NO_SPACES = 0.5  # how sure a name is that the second engine alone read ("SUPERMERCADOLAESPERANZA")


def _header_reread(
    reading: Reading, ocr: tesseract.OcrText, upright: Image.Image, scale: float,
    today: datetime.date,
) -> Reading:  # fmt: skip
    """The date and the merchant's name as the second engine reads their lines (one call; re-
    reading a few lines costs about a tenth of a second). Its recogniser misreads fewer
    characters than Tesseract on receipts: on 340 scans it alone read the date right 20 times,
    Tesseract alone 3; its reading of the name's line named the merchant 252 times, Tesseract's
    219 ("TKANO HANDEL" for IKANO)."""
    dated = [line for line in ocr.lines if line.box[2] and parse.looks_dated(line.text)]
    dated = dated[:DATE_LINES]
    named = _name_line(reading.vendor, ocr)
    lines = dated + ([named] if named else [])
    if not lines:
        return reading
    found = second.recognise(upright, [_scaled(line.box, scale) for line in lines])
    if dated:
        read = [line for line in found[: len(dated)] if line is not None]
        score = min((line[1] for line in read), default=0.0)
        reading = _with_date(reading, "\n".join(line[0] for line in read), score, today)
    if named and found[-1] is not None:
        reading = _with_name(reading, *found[-1])
    return reading


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


def _upright_text(gray: Image.Image) -> tuple[tesseract.OcrText, Image.Image, float]:
    """Tesseract's reading of the image levelled, or turned when upright gives only noise, the
    image turned and levelled that way, and how much larger it is than what Tesseract read.

    A receipt photographed sideways or upside down reads as noise that Tesseract itself rates
    low; the other quarter turns are tried only then, and the best-rated reading wins.
    """
    upright = orient.level(gray)
    prepared = tesseract.prepare(upright)
    best, scale = tesseract.run(prepared), upright.width / prepared.width
    for degrees in (180, 90, 270):
        if best.confidence >= LEGIBLE:
            break
        turned = orient.level(orient.turn(gray, degrees))
        prepared = tesseract.prepare(turned)
        ocr = tesseract.run(prepared)
        if ocr.confidence > best.confidence + TURN_MARGIN:
            best, upright, scale = ocr, turned, turned.width / prepared.width
    return best, upright, scale


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
        doubted = min(reading.confidence, other.confidence) < _DOUBT
        boost = _AGREEMENT / 3 if doubted else _AGREEMENT
        boosted = max(reading.confidence, other.confidence) + boost
        total, confidence, base = reading.total, min(1.0, boosted), reading
    elif reading.total is not None and reading.confidence >= other.confidence:
        total, confidence = reading.total, reading.confidence - other.confidence / 2
        base = reading
    else:
        penalty = reading.confidence / 2 if reading.total is not None else 0.0
        base = _from_parsed(other, "ocr", reading.raw_text, reading.cufe)
        total, confidence = other.total, max(0.0, other.confidence - penalty)
    confidence = round(confidence, 3)
    return replace(
        base,
        total=total,
        confidence=confidence,
        confidences=Confidences(total=confidence, **sure),
        **merged,
    )
