"""Putting a photographed receipt upright: skew by projection profile, and quarter turns.

Tesseract copes with a few degrees of skew by itself but loses the numbers beyond about ten, and
reads nothing from a receipt photographed sideways or upside down.
"""

import numpy as np
from PIL import Image, ImageOps

PROBE_WIDTH = 400  # the search runs on a small copy: tens of milliseconds per receipt
MAX_SKEW = 20  # degrees searched either way
MIN_SKEW = 3.0  # below this Tesseract does as well without our rotation


def _sharpness(ink: Image.Image, angle: float) -> float:
    """How crisply the rows of ink separate into lines once rotated by `angle`."""
    rows = np.asarray(ink.rotate(angle, Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def level_angle(gray: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines horizontal."""
    scale = PROBE_WIDTH / max(1, gray.width)
    size = (PROBE_WIDTH, max(1, round(gray.height * scale)))
    pixels = np.asarray(ImageOps.autocontrast(gray.resize(size, Image.Resampling.BOX)))
    if pixels.std() < 10:  # a blank or uniform picture: nothing to line up
        return 0.0
    ink = Image.fromarray(((pixels < pixels.mean() - pixels.std()) * 255).astype(np.uint8))
    coarse = max(range(-MAX_SKEW, MAX_SKEW + 1, 2), key=lambda a: _sharpness(ink, a))
    return max((coarse + step / 2 for step in range(-3, 4)), key=lambda a: _sharpness(ink, a))


def level(gray: Image.Image) -> Image.Image:
    """The image turned so its lines are horizontal, when they are skewed enough to matter."""
    angle = level_angle(gray)
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
