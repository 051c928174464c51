"""Receipts drawn in the test with a real font, for the reading path end to end."""

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


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


COLOMBIAN_CASH = [
    "FERRETERIA EL TORNILLO S.A.S.",
    "NIT 900.123.456-7",
    "Cra 7 # 45-10 Bogota",
    "Fecha: 15/03/2026",
    "SILLA ERGONOMICA        $ 420.168",
    "SUBTOTAL                $ 420.168",
    "IVA 19%                 $  79.832",
    "TOTAL A PAGAR           $ 500.000",
    "EFECTIVO                $ 600.000",
    "CAMBIO                  $ 100.000",
    "TOTAL ARTICULOS: 1",
    "Gracias por su compra",
]
