"""Receipts drawn with Pillow: the demo's sample tickets, and the tests' (never real people's)."""

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"  # Debian's fonts-dejavu-core


def ticket(lines: list[str], *, size: int = 26, angle: float = 0.0, fmt: str = "JPEG") -> bytes:
    """A printed ticket: one monospaced line each, on white paper, optionally rotated."""
    font = ImageFont.truetype(FONT, size)
    width = max(int(font.getlength(line)) for line in lines) + 2 * size
    height = (len(lines) + 2) * int(size * 1.5)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for row, line in enumerate(lines):
        draw.text((size, size + row * int(size * 1.5)), line, font=font, fill=0)
    if angle:
        img = img.rotate(angle, expand=True, fillcolor=255)
    buffer = io.BytesIO()
    img.save(buffer, fmt, quality=92)
    return buffer.getvalue()
