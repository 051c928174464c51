"""#17.1: the stored copy of a PDF (what HR opens inline) carries no active content at all.

The hostile PDF is written object by object here: a JavaScript OpenAction, a page /AA action,
Launch and URI links, a file-attachment annotation with its embedded file, a catalogue
/EmbeddedFiles and /JavaScript name tree and an AcroForm field. What is stored must hold none
of them, nor the attachment's planted bytes, and still give the reader its text layer.
"""

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from receipts.models import Receipt
from receipts.ocr import pdf, pipeline
from receipts.ocr.upload import inspect_upload
from tests.receipts.samples import _pdf, _stream

pytestmark = pytest.mark.django_db

ATTACHED = b"HOSTILE-ATTACHMENT-0x5f3a"  # planted inside the embedded file only
SCRIPT = b"HOSTILE-SCRIPT-0x77c1"
ACTIVE = (
    b"/JavaScript",
    b"/JS",
    b"/AA",
    b"/OpenAction",
    b"/Launch",
    b"/URI",
    b"/EmbeddedFile",
    b"/Annots",
    b"/AcroForm",
    b"/FileAttachment",
    b"/Widget",
    ATTACHED,
    SCRIPT,
    b"evil.example",
    b"calc.exe",
)
LINES = ("Muebles Bogota S.A.S.", "NIT 900.123.456-7", "Fecha 2026-03-02", "TOTAL A PAGAR $ 89.900")


def hostile_pdf() -> bytes:
    js = b"<< /S /JavaScript /JS (app.alert('%s')) >>" % SCRIPT
    shown = b" T* ".join(b"(%s) Tj" % line.encode() for line in LINES)
    content = b"BT /F1 14 Tf 18 TL 72 770 Td " + shown + b" ET"
    objects = [
        # 1 catalog: an OpenAction, a JavaScript and an EmbeddedFiles name tree, a form
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction %s /AcroForm << /Fields [9 0 R] >>"
        b" /Names << /JavaScript << /Names [(run) %s] >>"
        b" /EmbeddedFiles << /Names [(invoice.exe) 8 0 R] >> >> >>" % (js, js),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        # 3 the page: an /AA open action and four annotations
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R"
        b" /AA << /O %s /C %s >> /Annots [6 0 R 7 0 R 10 0 R 9 0 R] >>" % (js, js),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _stream(b"", content),
        b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720]"
        b" /A << /S /URI /URI (http://evil.example/steal) >> >>",
        b"<< /Type /Annot /Subtype /Link /Rect [72 650 300 670]"
        b" /A << /S /Launch /F (calc.exe) /Win << /F (calc.exe) >> >> >>",
        # 8 the embedded file's file specification
        b"<< /Type /Filespec /F (invoice.exe) /UF (invoice.exe) /EF << /F 11 0 R >> >>",
        # 9 a form field that is also its widget, with its own action
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [72 600 300 620]"
        b" /P 3 0 R /AA << /K %s >> >>" % js,
        b"<< /Type /Annot /Subtype /FileAttachment /Rect [400 700 420 720] /FS 8 0 R"
        b" /Contents (open me) /Name /PushPin >>",
        _stream(b"/Type /EmbeddedFile", b"MZ fake program " + ATTACHED),
    ]
    return _pdf(objects)


def test_the_hostile_pdf_is_really_hostile():
    original = hostile_pdf()
    for needle in ACTIVE:
        assert needle in original, needle
    # and PDFium reads it: a page with annotations, and the catalogue's attachment
    document = pdfium.PdfDocument(original)
    assert len(document) == 1 and document.count_attachments() == 1


def test_stored_pdf_has_no_script_action_attachment_form_or_annotation(api_as):
    ana = api_as("owner")
    response = ana.client.post(
        "/api/receipts",
        data={"file": SimpleUploadedFile("factura.pdf", hostile_pdf(), "application/pdf")},
        headers=ana.headers,
    )
    assert response.status_code == 201, response.content
    receipt = Receipt.objects.get(pk=response.json()["id"])
    served = ana.get(f"/receipts/{receipt.pk}/file")
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    stored = b"".join(served.streaming_content)
    assert stored.startswith(b"%PDF-")
    found = [needle for needle in ACTIVE if needle in stored]
    assert found == []
    document = pdfium.PdfDocument(stored)
    assert len(document) == 1 and document.count_attachments() == 0
    # the reading still starts from the PDF's own text
    assert pdf.text_layer(stored) == "\n".join(LINES)
    reading = pipeline.read(stored, default_currency="COP")
    assert reading.source == "pdf_text" and reading.total is not None
    assert int(reading.total) == 89900


def test_every_page_is_rebuilt_and_keeps_its_text_in_order():
    pages = [b"<< /Type /Page /Parent 2 0 R /Contents %d 0 R >>" % (6 + i) for i in range(3)]
    contents = [
        _stream(b"", b"BT /F1 12 Tf 72 700 Td (Pagina %d TOTAL %d) Tj ET" % (i, i))
        for i in (1, 2, 3)
    ]
    original = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 9 0 R >> >> >>",
            *pages,
            *contents,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )
    clean = inspect_upload(original, max_bytes=10**7, max_pixels=50_000_000, max_pages=10)
    assert clean.pages == 3
    assert pdf.text_layer(clean.content) == "Pagina 1 TOTAL 1\fPagina 2 TOTAL 2\fPagina 3 TOTAL 3"
    assert b"/Font" in clean.content and b"/Image" in clean.content
