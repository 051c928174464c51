"""Sample receipt files built in memory: good ones with planted private data, and hostile ones.

Every planted secret contains MARKER, so a test can byte-search a stored copy for leaks.
"""

import functools
import hashlib
import io
import random
import struct
import zlib

import pillow_heif
from PIL import ExifTags, Image, ImageCms, ImageDraw
from PIL.PngImagePlugin import PngInfo

pillow_heif.register_heif_opener()

MARKER = b"HOMECLAIM-PRIVATE"
XMP_NAMESPACE = b"http://ns.adobe.com/xap/1.0/"
RED = (255, 0, 0)


# --- pictures -------------------------------------------------------------------------------


def receipt_image(seed: int = 0, size: tuple[int, int] = (480, 720)) -> Image.Image:
    """A receipt-like picture: dark 'text' bars of random lengths on white paper, one per seed."""
    rng = random.Random(seed)
    width, height = size
    unit = max(1, width // 48)  # proportions hold at any size
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    y = 2 * unit
    while y < height - 3 * unit:
        line_height = rng.randint(unit, 2 * unit + 1)
        x = rng.randint(unit, width // 3)
        while x < width - 2 * unit:
            word = rng.randint(unit + 1, width // 3)
            shade = rng.randint(0, 90)
            draw.rectangle((x, y, min(x + word, width - unit), y + line_height), fill=(shade,) * 3)
            x += word + rng.randint(unit, 6 * unit)
        y += line_height + rng.randint(unit // 2 + 1, 4 * unit)
    return img


def _save(img: Image.Image, image_format: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, image_format, **params)
    return buffer.getvalue()


def private_exif(orientation: int = 1) -> Image.Exif:
    """EXIF with an owner name, a camera serial and a GPS position in Bogotá, all marked."""
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = (MARKER + b"-ARTIST").decode()
    exif[ExifTags.Base.ImageDescription] = (MARKER + b"-DESCRIPTION").decode()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (4.0, 35.0, 56.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (74.0, 4.0, 51.0),
        ExifTags.GPS.GPSMapDatum: (MARKER + b"-GPS").decode(),
    }
    return exif


def xmp_packet() -> bytes:
    return (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:xmp="'
        + XMP_NAMESPACE
        + b'" xmp:CreatorTool="'
        + MARKER
        + b'-XMP"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )


@functools.cache  # the profile carries its creation time: made once, samples are reproducible
def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg_with_gps_exif(img: Image.Image | None = None) -> bytes:
    """A phone-style JPEG with EXIF (GPS, artist), XMP, a COM comment and an ICC profile."""
    return _save(
        img or receipt_image(),
        "JPEG",
        quality=92,
        exif=private_exif(),
        xmp=xmp_packet(),
        comment=MARKER + b"-COMMENT",
        icc_profile=icc_profile(),
    )


def jpeg_with_orientation(orientation: int = 6) -> bytes:
    """120x80 stored pixels, red block in the STORED top-left corner, EXIF says rotate."""
    img = Image.new("RGB", (120, 80), "white")
    ImageDraw.Draw(img).rectangle((0, 0, 29, 19), fill=RED)
    return _save(img, "JPEG", quality=95, exif=private_exif(orientation))


def mpo_bytes() -> bytes:
    """A multi-picture JPEG (MPO), as many Android phones save: two frames, private EXIF."""
    buffer = io.BytesIO()
    first, second = receipt_image(seed=1), receipt_image(seed=2)
    first.save(buffer, "MPO", save_all=True, append_images=[second], exif=private_exif())
    return buffer.getvalue()


def big_photo_jpeg(width: int = 8000, height: int = 6000) -> bytes:
    """A 48-megapixel phone photo (a receipt scaled up), the size a modern phone produces."""
    return _save(receipt_image(size=(width // 8, height // 8)).resize((width, height)), "JPEG")


def png_bytes(img: Image.Image | None = None) -> bytes:
    """A PNG with tEXt, zTXt and iTXt chunks, eXIf and an ICC profile, all marked."""
    info = PngInfo()
    info.add_text("Author", (MARKER + b"-TEXT").decode())
    info.add_text("Comment", (MARKER + b"-ZTXT").decode(), zip=True)
    info.add_itxt("XML:com.adobe.xmp", xmp_packet().decode(), zip=False)
    return _save(
        img or receipt_image(), "PNG", pnginfo=info, exif=private_exif(), icc_profile=icc_profile()
    )


def rgba_png_bytes() -> bytes:
    """A screenshot with a transparent background and a black square."""
    img = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    ImageDraw.Draw(img).rectangle((10, 10, 19, 19), fill=(0, 0, 0, 255))
    return _save(img, "PNG")


def grey16_png_bytes() -> bytes:
    """A 16-bit greyscale scan: left half dark, right half light."""
    img = Image.new("I;16", (32, 16), 60000)
    img.paste(Image.new("I;16", (16, 16), 2000), (0, 0))
    return _save(img, "PNG")


def webp_bytes() -> bytes:
    return _save(receipt_image(), "WEBP", quality=90, exif=private_exif(), xmp=xmp_packet())


def heic_bytes() -> bytes:
    return _save(receipt_image(), "HEIF", quality=90, exif=private_exif())


def png_bomb_header(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny valid 1x1 PNG whose IHDR (with a correct CRC) claims width x height."""
    png = bytearray(_save(Image.new("L", (1, 1)), "PNG"))
    ihdr = bytes(png[12:16]) + struct.pack(">II", width, height) + bytes(png[24:29])
    png[16:24] = struct.pack(">II", width, height)
    png[29:33] = struct.pack(">I", zlib.crc32(ihdr))
    return bytes(png)


def truncated_jpeg() -> bytes:
    """A real JPEG cut off in the middle of its picture data (an interrupted upload)."""
    noise = Image.effect_noise((400, 400), 80).convert("RGB")
    data = _save(noise, "JPEG", quality=90)
    return data[: len(data) // 2]


# --- what we refuse ---------------------------------------------------------------------------


def svg_bytes() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )


def html_bytes() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script>Factura</body></html>"


def text_bytes() -> bytes:
    return b"TOTAL $ 1.250.000\nGracias por su compra\n"


def mp4_bytes() -> bytes:
    """The start of an MP4 video (a phone's 'live photo' sent by mistake)."""
    return b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(64)


def tiff_bytes() -> bytes:
    return _save(receipt_image(size=(60, 80)), "TIFF")


def eps_bytes() -> bytes:
    """An EPS file (Pillow would run Ghostscript to decode it)."""
    return _save(receipt_image(size=(60, 80)), "EPS")


def psd_bytes(width: int = 4, height: int = 3) -> bytes:
    """A minimal valid Photoshop file: RGB, 8 bits, no layers, raw planar pixels."""
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)
    sections = struct.pack(">III", 0, 0, 0)  # colour mode data, image resources, layers
    return header + sections + struct.pack(">H", 0) + bytes(3 * width * height)


def gif_bytes() -> bytes:
    return _save(receipt_image(size=(60, 80)), "GIF")


def bmp_bytes() -> bytes:
    return _save(receipt_image(size=(60, 80)), "BMP")


def ico_bytes() -> bytes:
    return _save(receipt_image(size=(32, 32)), "ICO")


# --- PDFs, written by hand so every byte is known ------------------------------------------


def _stream(entries: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data)


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """Objects numbered from 1 (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")  # WinAnsiEncoding: Spanish accents and ñ
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(lines: list[str] | tuple[str, ...] = ("TOTAL $ 1.250.000",)) -> bytes:
    """A one-page A4 bill with a text layer, plus marked Author/Title/Creator/Producer and XMP."""
    shown = b" T* ".join(_pdf_string(line) + b" Tj" for line in lines)
    content = b"BT /F1 14 Tf 18 TL 72 770 Td " + shown + b" ET"
    info = (
        b"<< /Author (%s-AUTHOR) /Title (%s-TITLE) /Creator (%s-CREATOR) /Producer (%s-PRODUCER) >>"
    )
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            _stream(b"", content),
            _stream(b"/Type /Metadata /Subtype /XML", xmp_packet()),
            info % (MARKER, MARKER, MARKER, MARKER),
        ],
        trailer=b"/Info 7 0 R",
    )


def pdf_with_pages(count: int) -> bytes:
    """`count` empty A4 pages sharing one page tree (5,000 pages build in milliseconds)."""
    kids = b" ".join(b"%d 0 R" % (3 + index) for index in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R >>"] * count
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /MediaBox [0 0 595 842] /Kids [%s] /Count %d >>" % (kids, count),
            *pages,
        ]
    )


def huge_page_pdf() -> bytes:
    """One 14400 x 14400 pt page (the largest PDF allows: 200 x 200 inches), black square."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
            _stream(b"", b"0 0 0 rg 0 7200 7200 7200 re f"),
        ]
    )


def pdf_with_huge_image(width: int = 30000, height: int = 30000) -> bytes:
    """A page showing an image XObject that declares width x height pixels (PDFium would decode)."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(b"", b"q 500 0 0 500 50 50 cm /Im1 Do Q"),
            _stream(
                b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
                b" /BitsPerComponent 8 /Filter /FlateDecode" % (width, height),
                zlib.compress(bytes(10_000)),
            ),
        ]
    )


def not_a_pdf() -> bytes:
    """Starts like a PDF, then garbage."""
    return b"%PDF-1.7\n" + bytes(random.Random(7).randrange(256) for _ in range(2000))


# RC4 40-bit, revision 2 of the PDF Standard Security Handler: small enough to write here.
_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: str = "secreto", owner_password: str = "dueño") -> bytes:
    """A one-page PDF that needs `user_password` to open (RC4, as old scanners produce)."""

    def padded(password: str) -> bytes:
        return (password.encode("latin-1") + _PASSWORD_PAD)[:32]

    permissions = -44
    file_id = hashlib.md5(b"homeclaim sample").digest()
    owner_entry = _rc4(hashlib.md5(padded(owner_password)).digest()[:5], padded(user_password))
    key_input = padded(user_password) + owner_entry + struct.pack("<i", permissions) + file_id
    user_entry = _rc4(hashlib.md5(key_input).digest()[:5], _PASSWORD_PAD)
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
        owner_entry.hex().encode(),
        user_entry.hex().encode(),
        permissions,
    )
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ],
        trailer=b"/Encrypt 4 0 R /ID [<%s> <%s>]"
        % (file_id.hex().encode(), file_id.hex().encode()),
    )


# --- reading what we stored ---------------------------------------------------------------


def jpeg_segments(data: bytes) -> list[int]:
    """The marker bytes of a JPEG's header segments, up to the start of the picture data."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, offset = [], 2
    while offset < len(data):
        marker = data[offset + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return markers
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        offset += 2 + length
    raise AssertionError("no start of scan")


def png_chunks(data: bytes) -> list[bytes]:
    """The chunk types of a PNG, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        chunks.append(data[offset + 4 : offset + 8])
        offset += 12 + length
    return chunks
