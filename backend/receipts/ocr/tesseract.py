"""Running Tesseract on an already-opened image, and preparing the image for it.

Tesseract runs in the worker's process through tesserocr, one engine per thread with its model
loaded once, and answers TSV, so one run gives both the text and how sure Tesseract is of each word.
"""

import os
import threading
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps

from receipts.ocr import orient

# One model: Spanish reads English receipts too. On 116 receipts the whole pipeline got 94.0 % of
# totals with "spa" and 93.1 % with "spa+eng", whose two models cost 60 % more time.
LANG = "spa"
LINE_HEIGHT = 18  # px, a band of text from ascenders to descenders
MIN_SCALE, MAX_SCALE = 0.5, 2.0
MIN_WIDTH, MAX_WIDTH = 500, 1800  # when no line height can be measured
MAX_PIXELS = 12_000_000  # beyond this Tesseract only gets slower, not better
# the models of the system's tesseract-ocr-spa/-eng packages (Debian's path unless TESSDATA_PREFIX)
TESSDATA = os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata/")

_loaded = threading.local()


class TesseractError(RuntimeError):
    pass


@dataclass(frozen=True)
class Line:
    text: str
    box: tuple[int, int, int, int]  # left, top, width, height in the image Tesseract read
    confidence: float = 0.0  # Tesseract's own 0-100 for this line's words, weighted by length


@dataclass(frozen=True)
class OcrText:
    text: str
    confidence: float  # Tesseract's own 0-100 for its words, weighted by their length
    lines: tuple[Line, ...] = ()  # where each line of `text` is, for a second engine to re-read


def prepare(gray: Image.Image) -> Image.Image:
    """A level grayscale image scaled so that its lines of text are the height Tesseract reads
    fastest without losing accuracy (measured on receipts: about 18 px; larger text only costs
    time), or, when no lines can be measured, so that it is neither tiny nor huge."""
    width, height = gray.size
    line = orient.text_height(gray)
    if line:
        scale = min(MAX_SCALE, max(MIN_SCALE, LINE_HEIGHT / line))
    else:
        scale = (
            min(MAX_SCALE, MIN_WIDTH / width) if width < MIN_WIDTH else min(1.0, MAX_WIDTH / width)
        )
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (width * height)) ** 0.5
    if abs(scale - 1.0) <= 0.05:
        return gray
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return gray.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)


def _parse_tsv(tsv: str) -> OcrText:
    """The text, a line per line Tesseract found, its mean word confidence and the line boxes."""
    words: dict[tuple[str, str, str], list[str]] = {}
    boxes: dict[tuple[str, str, str], tuple[int, int, int, int]] = {}
    line_weights: dict[tuple[str, str, str], float] = {}  # confidence x characters, per line
    weighted = characters = 0.0
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) != 12:
            continue
        key = (cols[2], cols[3], cols[4])  # block, paragraph, line
        if cols[0] == "4" and cols[6].isdigit():
            boxes[key] = (int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
        if cols[0] != "5" or not cols[11].strip():
            continue
        weight = max(0.0, float(cols[10])) * len(cols[11])
        weighted += weight
        characters += len(cols[11])
        words.setdefault(key, []).append(cols[11])
        line_weights[key] = line_weights.get(key, 0.0) + weight
    lines = tuple(
        Line(" ".join(w), boxes.get(key, (0, 0, 0, 0)), line_weights[key] / sum(map(len, w)))
        for key, w in words.items()
    )
    text = "\n".join(line.text for line in lines)
    return OcrText(text, weighted / characters if characters else 0.0, lines)


def _engine(lang: str, psm: int) -> Any:
    """This thread's Tesseract with its model loaded: loading `spa` costs about 0.3 s, which
    the `tesseract` command pays on every image."""
    engines = _loaded.__dict__.setdefault("engines", {})
    if (lang, psm) not in engines:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before the library starts: ~5x slower
        import tesserocr

        try:
            engines[lang, psm] = tesserocr.PyTessBaseAPI(
                path=TESSDATA, lang=lang, psm=psm, init=True
            )
        except RuntimeError as error:
            raise TesseractError(f"cannot load the {lang} model from {TESSDATA}") from error
    return engines[lang, psm]


def run(image: Image.Image, *, psm: int = 6, lang: str = LANG, timeout: float = 120) -> OcrText:
    """Tesseract's text for an image that is already prepared (see `prepare`)."""
    engine = _engine(lang, psm)
    gray = image if image.mode == "L" else ImageOps.grayscale(image)
    pixels = gray.tobytes()  # raw 8-bit pixels: no image codec of the wheel's own ever runs
    engine.SetImageBytes(pixels, gray.width, gray.height, 1, gray.width)
    try:
        if not engine.Recognize(timeout=max(1, round(timeout * 1000))):
            raise TesseractError(f"no reading within {timeout} s")
        return _parse_tsv(engine.GetTSVText(0))
    finally:
        engine.Clear()
