"""Putting a photographed receipt upright: skew by projection profile, and quarter turns.

Tesseract copes with a few degrees of skew by itself but loses the numbers beyond about ten, and
reads nothing from a receipt photographed sideways or upside down.
"""

import numpy as np
from PIL import Image, ImageOps

PROBE_WIDTH = 400  # the search runs on a small copy: tens of milliseconds per receipt
MAX_SKEW = 44  # degrees searched either way (beyond 45 a quarter turn the other way is nearer)
USUAL_SKEW = 20  # a steeper angle must sharpen the lines STEEP_GAIN times more than any within
STEEP_GAIN = 1.25  # (turned receipts: 1.5-6x; on 80 photos turned up to 37 degrees 1 more right)
MIN_SKEW = 3.0  # below this Tesseract does as well without our rotation
MIN_LINES = 5  # bands of ink needed to trust a measured line height
SIDES = 0.04  # share of the width on either side left out when measuring line height
TEXT_ROW = 0.2  # a row of text has at least this share of the ink of the inkiest rows
MERGED = 0.35  # bands this much thinner when measured so: the lines had merged


def _sharpness(ink: Image.Image, angle: float) -> float:
    """How crisply the rows of ink separate into lines once rotated by `angle`."""
    rows = np.asarray(ink.rotate(angle, Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def _ink(gray: Image.Image) -> Image.Image | None:
    """A small black-and-white copy (ink white), or None for a blank or uniform picture."""
    scale = PROBE_WIDTH / max(1, gray.width)
    size = (PROBE_WIDTH, max(1, round(gray.height * scale)))
    pixels = np.asarray(ImageOps.autocontrast(gray.resize(size, Image.Resampling.BOX)))
    if pixels.std() < 10:
        return None
    return Image.fromarray(((pixels < pixels.mean() - pixels.std()) * 255).astype(np.uint8))


def level_angle(gray: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines horizontal."""
    ink = _ink(gray)
    if ink is None:
        return 0.0
    sharpness = {a: _sharpness(ink, a) for a in range(-MAX_SKEW, MAX_SKEW + 1, 2)}
    usual = max((a for a in sharpness if abs(a) <= USUAL_SKEW), key=sharpness.__getitem__)
    steepest = max(sharpness, key=sharpness.__getitem__)
    coarse = steepest if sharpness[steepest] > STEEP_GAIN * sharpness[usual] else usual
    return max((coarse + step / 2 for step in range(-3, 4)), key=lambda a: _sharpness(ink, a))


def _bands(ink: np.ndarray, least: float) -> np.ndarray:
    """Heights of the bands of rows holding more than `least` pixels of ink."""
    inked = (ink > 0).sum(axis=1) > least
    edges = np.flatnonzero(np.diff(np.concatenate(([0], inked.astype(np.int8), [0]))))
    runs = edges[1::2] - edges[::2]
    return runs[runs >= 2]


def text_height(gray: Image.Image) -> float | None:
    """The usual height in pixels of a line of text in a level image, None if no lines show.

    Rows with any ink make the bands; but a crease across a crumpled receipt, or the desk left
    along a cut-out sheet's sides, puts ink in every row, between the lines too, and the bands
    merge. So they are measured again away from the sides and counting only rows with a fair
    share of the inkiest rows' ink: when that finds bands much thinner, those are the lines."""
    ink = _ink(gray)
    if ink is None:
        return None
    pixels = np.asarray(ink)
    lines = _bands(pixels, 0.01 * ink.width)
    side = round(SIDES * ink.width)
    inner = pixels[:, side : ink.width - side]
    counts = (inner > 0).sum(axis=1)
    thin = _bands(inner, max(0.01 * ink.width, TEXT_ROW * float(np.percentile(counts, 90))))
    if len(thin) >= MIN_LINES and (
        len(lines) < MIN_LINES or np.median(thin) < MERGED * np.median(lines)
    ):
        lines = thin
    if len(lines) < MIN_LINES:
        return None  # a photo whose background darkens every row, or a few words
    return float(np.median(lines)) * gray.width / ink.width


def level(gray: Image.Image, probe: Image.Image | None = None) -> Image.Image:
    """The image turned so its lines are horizontal, when they are skewed enough to matter."""
    angle = level_angle(gray if probe is None else probe)
    if abs(angle) < MIN_SKEW:
        return gray
    return gray.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def turn(gray: Image.Image, degrees: int) -> Image.Image:
    """The image given a quarter turn (or two) counter-clockwise."""
    quarter = {
        90: Image.Transpose.ROTATE_90,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_270,
    }
    return gray.transpose(quarter[degrees]) if degrees else gray
