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


def text_height(gray: Image.Image) -> float | None:
    """The usual height in pixels of a line of text in a level image, None if no lines show."""
    ink = _ink(gray)
    if ink is None:
        return None
    inked = (np.asarray(ink) > 0).sum(axis=1) > 0.01 * ink.width  # rows crossing some text
    edges = np.flatnonzero(np.diff(np.concatenate(([0], inked.astype(np.int8), [0]))))
    runs = edges[1::2] - edges[::2]  # lengths of the bands of inked rows
    lines = runs[runs >= 2]
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
