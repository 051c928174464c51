"""Colombian scans, PDFs and DIAN QR receipts for the OCR benchmark, made here, deterministic by seed.

    .venv/bin/python bench/colombian_scans.py [OUT] [--count N]

The counterpart of colombian_photos.py (whose harsh phone photos it does not repeat): the same
receipt templates and vendors, delivered the gentler ways issue #16 measures. Four kinds, in turn:
- `co_scan`: the paper on a flat-bed scanner at 200-300 dpi, turned up to 2 degrees, on a grey lid
  with the paper's edge shadow, light noise and scanner blur, JPEG 80-95 or PNG;
- `co_pdf`: an electronic invoice or ISP bill as a PDF with a real text layer (Helvetica or
  Courier, one text line per receipt line, amounts right-aligned as invoicing software sets them);
- `co_mild`: a careful phone photo: small perspective, even light, no fading or shadow band;
- `co_qr`: a ticket or bill with DIAN's e-invoice QR code printed below it (ValTolFac = the
  printed total), half of them scanned, half photographed mildly.

Splits under OUT (default var/receipts-co): `scans-tune/` with the tune templates and vendors of
colombian_photos, `scans-held/` with its held-out ones. Each has `labels.csv` (`id,file,total,
currency,date,company,set,nit,service_month`) and `images/`.
"""

import argparse
import datetime
import io
import math
import random
import re
import sys
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
import colombian_photos as photos

REPO = Path(__file__).resolve().parent.parent
KINDS = ["scan", "pdf", "mild", "qr_scan", "scan", "pdf", "mild", "qr_photo"]  # one turn
SPLITS = {
    "scans-tune": {**photos.SPLITS["tune"], "seed": 20000},
    "scans-held": {**photos.SPLITS["held"], "seed": 30000},
}
TICKET_MM = 80  # thermal roll width
LETTER_IN = (8.5, 11.0)


def pick_receipt(rng: random.Random, split: dict, bill_share: float) -> photos.Receipt:
    day = datetime.date(2026, 1, 5) + datetime.timedelta(days=rng.randint(0, 300))
    if rng.random() < bill_share:
        return rng.choice(split["bills"])(rng, rng.choice(split["isps"]), day)
    return rng.choice(split["tickets"])(rng, rng.choice(split["shops"]), day)


# --- DIAN's QR ----------------------------------------------------------------------------------


def dian_qr_text(receipt: photos.Receipt, rng: random.Random) -> str:
    """The text DIAN's technical annex puts in an e-invoice's QR: `Key: value` lines."""
    base = round(receipt.total / 1.19)
    cufe = rng.randbytes(48).hex()  # SHA-384: 96 hex digits
    fields = [
        f"NumFac: {rng.choice(['FE', 'FV', 'SETP'])}{rng.randint(1000, 9_999_999)}",
        f"FecFac: {receipt.date.isoformat()}",
        f"HorFac: {rng.randint(7, 20):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}-05:00",
        f"NitFac: {receipt.nit.split('-')[0]}",  # DIAN writes the NIT without its check digit
        f"DocAdq: {rng.randint(10_000_000, 1_099_999_999)}",
        f"ValFac: {base}.00",
        f"ValIva: {receipt.total - base}.00",
        "ValOtroIm: 0.00",
        f"ValTolFac: {receipt.total}.00",
        f"CUFE: {cufe}",
        f"QRCode: https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey={cufe}",
    ]
    return rng.choice(["\n", "\r\n"]).join(fields)


def qr_image(text: str, side_px: int) -> Image.Image:
    """The QR as printed: black modules with their quiet zone, `side_px` wide."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = Image.fromarray(np.asarray(code.to_image(scale=1, add_quiet_zones=True)), "L")
    big = modules.resize((modules.width * 8, modules.height * 8), Image.Resampling.NEAREST)
    return big.resize((side_px, side_px), Image.Resampling.LANCZOS)


# --- the paper -------------------------------------------------------------------------------


def render(
    receipt: photos.Receipt,
    rng: random.Random,
    size: int,
    *,
    page: tuple[int, int] | None = None,
    qr_side: int = 0,
    qr_text: str = "",
) -> Image.Image:
    """The printed paper, 8-bit grey, as colombian_photos.draw makes it, but with the font size
    (so the dpi) chosen by the caller, an optional page size and a QR below the last line."""
    face = rng.choice(photos.MONO) if receipt.mono else rng.choice(photos.SANS + photos.MONO[:1])
    font = ImageFont.truetype(str(photos.FONTS / face), size)
    text_width = max(int(font.getlength(line)) for line in receipt.lines) + 2 * size
    spacing = int(size * rng.uniform(1.3, 1.6))
    height = (len(receipt.lines) + 3) * spacing + (qr_side + spacing if qr_side else 0)
    if page:
        width, height = max(page[0], text_width), max(page[1], height)
        left = max(size, (width - text_width) // 3)
        top = max(size, int(page[1] * 0.05))  # a letter page's top margin; a roll's is small
    else:
        width, left, top = text_width, size, size
        if receipt.kind == "bill":
            width = int(width * rng.uniform(1.05, 1.3))
    paper = Image.new("L", (width, height), 255)
    ink = ImageDraw.Draw(paper)
    shade = rng.randint(0, 40)
    for row, line in enumerate(receipt.lines):
        x = left
        if row < 3 and receipt.kind == "ticket" and rng.random() < 0.7:
            x = max(size, (width - int(font.getlength(line))) // 2)  # centred header
        ink.text((x, top + row * spacing), line, font=font, fill=shade)
    if qr_side:
        y = top + (len(receipt.lines) + 1) * spacing
        x = (width - qr_side) // 2 if receipt.kind == "ticket" else left
        code = qr_image(qr_text, qr_side).point(lambda v: shade + v * (255 - shade) // 255)
        paper.paste(code, (x, y))
    return paper


# --- a flat-bed scanner ------------------------------------------------------------------------


def scan(
    paper_img: Image.Image, rng: np.random.Generator, dpi: int, whole_bed: bool
) -> Image.Image:
    """The paper face down on a scanner: turned up to 2 degrees, on a grey lid that is a little
    uneven, with the thin shadow its edge casts, scanner blur and light noise. A ticket is
    scanned on the whole bed (8.5 x 11.7 in) or cropped close to it."""
    paper = np.asarray(paper_img, dtype=np.float32)
    white = rng.uniform(238, 253)
    paper = white - (255.0 - paper) * rng.uniform(0.8, 1.0) * white / 255  # ink a little pale
    h, w = paper.shape
    angle = rng.uniform(-2, 2)
    sheet = Image.fromarray(np.clip(paper, 0, 255).astype(np.uint8), "L").rotate(
        angle, Image.Resampling.BICUBIC, expand=True, fillcolor=255
    )
    outline = Image.new("L", (w, h), 255).rotate(
        angle, Image.Resampling.BICUBIC, expand=True, fillcolor=0
    )
    sw, sh = sheet.size
    if whole_bed:
        x, y = (int(rng.uniform(0.0, 0.05 if w > 6 * dpi else 1.2) * dpi) for _ in range(2))
        bed_w, bed_h = max(round(8.5 * dpi), x + sw), max(round(11.7 * dpi), y + sh)
    else:
        x, y = (int(rng.uniform(0.1, 0.5) * dpi) for _ in range(2))
        bed_w, bed_h = (
            sw + x + int(rng.uniform(0.1, 0.5) * dpi),
            sh + y + int(rng.uniform(0.1, 0.5) * dpi),
        )
    placed = Image.new("L", (bed_w, bed_h), 255)
    placed.paste(sheet, (x, y))
    cover = Image.new("L", (bed_w, bed_h), 0)
    cover.paste(outline, (x, y))
    mask = np.asarray(cover, dtype=np.float32) / 255
    halo = np.asarray(cover.filter(ImageFilter.GaussianBlur(rng.uniform(1.5, 4))), np.float32)
    edge = np.clip(halo / 255 - mask, 0, 1)  # just outside the paper: its shadow on the lid
    yy, xx = np.mgrid[0:bed_h, 0:bed_w].astype(np.float32)
    lid = rng.uniform(195, 235) + rng.uniform(-8, 8) * xx / bed_w + rng.uniform(-8, 8) * yy / bed_h
    image = lid * (1 - mask) + np.asarray(placed, np.float32) * mask - edge * rng.uniform(40, 110)
    image += rng.normal(0, rng.uniform(1, 4), image.shape)
    result = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8), "L")
    result = result.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    if rng.random() < 0.5:  # a colour scan: the lid and paper slightly tinted
        tint = rng.uniform(0.96, 1.0, 3)
        rgb = np.asarray(result, np.float32)[..., None] * tint[None, None, :]
        result = Image.fromarray(rgb.astype(np.uint8), "RGB")
    return result


# --- a careful phone photo ---------------------------------------------------------------------


def mild_photo(paper_img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """colombian_photos.photograph with every effect turned down: flat paper, a small angle and
    keystone, even light without a shadow band, no fading, mild noise and blur."""
    paper = 255.0 - (255.0 - np.asarray(paper_img, dtype=np.float32)) * rng.uniform(0.85, 1.0)
    tint = rng.uniform(240, 255, 3) / 255
    rgb = np.clip(paper[..., None] * tint[None, None, :], 0, 255).astype(np.uint8)
    h, w = rgb.shape[:2]
    fill = rng.uniform(0.6, 0.85)
    frame_h = int(max(h, w * 1.3) / fill)
    frame_w = int(frame_h * rng.uniform(0.7, 0.8))
    if w > frame_w * 0.9:
        frame_w = int(w / rng.uniform(0.7, 0.85))
    cx, cy = frame_w / 2 + rng.uniform(-0.04, 0.04) * frame_w, frame_h / 2
    angle = math.radians(rng.uniform(-4, 4))
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    placed = corners @ rot.T + [cx, cy]
    tilt = rng.uniform(0, 0.04)
    placed[0] += [tilt * w / 2, 0]
    placed[1] -= [tilt * w / 2, 0]
    placed += rng.normal(0, 0.004 * w, placed.shape)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, np.float32(placed))
    warped = cv2.warpPerspective(rgb, matrix, (frame_w, frame_h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (frame_w, frame_h))
    mask = cv2.GaussianBlur(mask, (3, 3), 0)[..., None] / 255.0
    scene = photos._background(frame_w, frame_h, rng) * (1 - mask) + warped * mask
    yy, xx = np.mgrid[0:frame_h, 0:frame_w].astype(np.float32)
    direction = rng.uniform(0, 2 * np.pi)
    grad = np.cos(direction) * xx / frame_w + np.sin(direction) * yy / frame_h
    light = 1 - rng.uniform(0.03, 0.12) * (grad - grad.min()) / (np.ptp(grad) + 1e-6)
    scene = scene * light[..., None] * rng.uniform(0.96, 1.03, 3)[None, None, :]
    scene = np.clip(scene + rng.normal(0, rng.uniform(1.5, 4), scene.shape), 0, 255)
    image = Image.fromarray(scene.astype(np.uint8), "RGB")
    blur = rng.uniform(0, 0.7)
    if blur > 0.3:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    long_side = int(rng.uniform(1600, 2200))
    if max(image.size) > long_side:
        image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    return image


# --- a PDF with a text layer, written by hand ----------------------------------------------------

# Helvetica's advance widths (1/1000 em) for what amounts are made of, to right-align them
HELVETICA = {**dict.fromkeys("0123456789$", 556), ".": 278, ",": 278, " ": 278, "-": 333}
_COLUMNS = re.compile(r"^(.*\S)\s{2,}(\S.*)$")


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def invoice_pdf(receipt: photos.Receipt, rng: random.Random) -> bytes:
    """The receipt as invoicing software exports it: a roll-wide page for a ticket, a letter
    page for a bill; Courier lines as they are, or Helvetica with the amounts in a right column."""
    courier = rng.random() < (0.6 if receipt.mono else 0.25)
    ticket = receipt.kind == "ticket"
    size = rng.choice([8, 8.5, 9]) if ticket else rng.choice([9, 10, 11])
    leading = round(size * rng.uniform(1.25, 1.5), 2)
    margin = 14 if ticket else 54
    if ticket:
        longest = max(len(line) for line in receipt.lines) * 0.6 * size
        width, height = max(227, longest + 2 * margin), (len(receipt.lines) + 4) * leading
        height += 2 * margin
    else:
        width, height = 612, 792
    ops = []
    y = height - margin - size
    for line in receipt.lines:
        columns = None if courier else _COLUMNS.match(line)
        if columns:
            amount = columns[2]
            right = width - margin - sum(HELVETICA.get(ch, 556) for ch in amount) * size / 1000
            ops.append(f"BT /F1 {size} Tf {margin} {y:.2f} Td {_pdf_string(columns[1])} Tj ET")
            ops.append(f"BT /F1 {size} Tf {right:.2f} {y:.2f} Td {_pdf_string(amount)} Tj ET")
        elif line:
            ops.append(f"BT /F1 {size} Tf {margin} {y:.2f} Td {_pdf_string(line)} Tj ET")
        y -= leading
    content = "\n".join(ops).encode("latin-1")
    font = b"Courier" if courier else b"Helvetica"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f]"
            b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" % (width, height),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % font,
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        ]
    )


# --- the splits ----------------------------------------------------------------------------------


def make(seed: int, split: dict, kind: str) -> tuple[photos.Receipt, bytes, str, str]:
    """One receipt of `kind`: the receipt, the file's bytes, its extension and its set."""
    rng = random.Random(seed)
    effects = np.random.default_rng(seed)
    receipt = pick_receipt(rng, split, 0.5 if kind == "pdf" else 0.3)
    if kind == "pdf":
        return receipt, invoice_pdf(receipt, rng), "pdf", "co_pdf"
    qr_text = dian_qr_text(receipt, rng) if kind.startswith("qr") else ""
    bill = receipt.kind == "bill"
    buffer = io.BytesIO()
    if kind in ("scan", "qr_scan"):
        dpi = rng.randint(200, 300)
        points = 10 if bill else 8  # a bill's type, a thermal roll's
        size = round(points * dpi / 72 * rng.uniform(0.95, 1.1))
        page = (round(LETTER_IN[0] * dpi), round(LETTER_IN[1] * dpi)) if bill else (
            round(TICKET_MM / 25.4 * dpi), 0)  # fmt: skip
        qr_side = round(rng.uniform(30, 38) / 25.4 * dpi) if qr_text else 0
        paper = render(receipt, rng, size, page=page, qr_side=qr_side, qr_text=qr_text)
        image = scan(paper, effects, dpi, whole_bed=bill or rng.random() < 0.5)
        if rng.random() < 0.3:
            image.save(buffer, "PNG")
            ext = "png"
        else:
            image.save(buffer, "JPEG", quality=rng.randint(80, 95))
            ext = "jpg"
    else:
        size = rng.randint(22, 30)  # as colombian_photos draws for a phone
        qr_side = round(size * rng.uniform(10.5, 13.3)) if qr_text else 0  # 30-38 mm on paper
        paper = render(receipt, rng, size, qr_side=qr_side, qr_text=qr_text)
        mild_photo(paper, effects).save(buffer, "JPEG", quality=rng.randint(75, 92))
        ext = "jpg"
    return receipt, buffer.getvalue(), ext, "co_qr" if qr_text else f"co_{kind}"


def _scanned(split: dict):
    def make_one(n: int, seed: int) -> tuple[photos.Receipt, bytes, str, str]:
        return make(seed, split, KINDS[n % len(KINDS)])

    return make_one


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("out", nargs="?", default=str(REPO / "var" / "receipts-co"))
    parser.add_argument("--count", type=int, default=120, help="receipts per split")
    parser.add_argument("--split", choices=sorted(SPLITS), action="append", help="only these")
    args = parser.parse_args()
    for name, split in SPLITS.items():
        if not args.split or name in args.split:
            photos.write_split(
                Path(args.out) / name, name, split["seed"], args.count, _scanned(split)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
