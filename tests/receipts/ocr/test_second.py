"""The second engine re-reads only the lines that decide the total, where Tesseract found them."""

import pytest
from PIL import Image, ImageOps

from receipts.ocr import opinion, parse, pipeline, second, tesseract
from receipts.ocr import reading as reading_module
from tests.receipts.ocr.test_pipeline import CO_TICKET, needs_font, render

pytestmark = [
    pytest.mark.slow,
    needs_font,
    pytest.mark.skipif(not second.available(), reason="RapidOCR is not installed"),
]


def _tesseract_lines(lines: list[str]):
    upright = ImageOps.grayscale(render(lines))
    prepared = tesseract.prepare(upright)
    return upright, tesseract.run(prepared), upright.width / prepared.width


def test_only_the_lines_that_decide_the_total_are_re_read():
    upright, ocr, scale = _tesseract_lines(CO_TICKET)
    boxes = opinion._lines_to_reread(ocr, scale)
    text = second.read_lines(upright, boxes)
    lines = text.splitlines()
    assert len(lines) == len(boxes) < len(ocr.lines) - 4  # not the header, not the items
    joined = text.upper().replace(" ", "").replace("0", "O")  # O and 0 alike
    for expected in ("TOTALAPAGAR", "25.OOO", "EFECTIVO", "5O.OOO", "CAMBIO", "SUBTOTAL", "21.OO8"):
        assert expected in joined
    assert "SUPERMERCADO" not in joined and "BOGOTA" not in joined


def test_boxes_are_in_the_upright_image_not_the_scaled_one():
    upright, ocr, scale = _tesseract_lines(CO_TICKET)
    total = next(line for line in ocr.lines if "PAGAR" in line.text.upper())
    boxes = opinion._lines_to_reread(ocr, scale)
    left, top, width, height = (round(v * scale) for v in total.box)
    assert (left, top, width, height) in boxes
    assert top + height <= upright.height and left + width <= upright.width


def test_nothing_to_re_read_gives_no_text():
    upright, _, _ = _tesseract_lines(CO_TICKET)
    assert second.read_lines(upright, []) == ""
    assert second.read_lines(upright, [(0, 0, 3, 3)]) == ""  # too small to be a line


def test_lines_tesseract_read_as_words_only_are_not_recognised_again():
    upright, ocr, scale = _tesseract_lines(CO_TICKET)
    wordy = opinion._wordy_lines(ocr, scale)
    everything = second.text_of(second.read_found(upright)).upper()
    numbers = second.text_of(
        second.read_found(
            upright, keep=lambda box: not any(opinion._inside(box, line) for line in wordy)
        )
    ).upper()
    assert "SUPERMERCADO" in everything and "SUPERMERCADO" not in numbers
    joined = numbers.replace(" ", "").replace("0", "O")
    for expected in ("TOTALAPAGAR", "25.OOO", "CAMBIO", "SUBTOTAL"):
        assert expected in joined


def test_the_detector_looks_at_a_reduced_copy_and_lines_are_read_at_full_size(monkeypatch):
    upright, _, _ = _tesseract_lines(CO_TICKET)
    big = upright.resize((upright.width * 2, upright.height * 2))
    seen: list[tuple[int, int]] = []
    engine = second._get_engine()
    detect = engine.auto_text_det

    def spy(array):
        seen.append(array.shape[:2])
        return detect(array)

    monkeypatch.setattr(engine, "auto_text_det", spy)
    monkeypatch.setattr(second, "DETECT_SIDE", max(upright.size))
    text = second.text_of(second.read_found(big)).upper().replace(" ", "").replace("0", "O")
    assert max(seen[0]) == max(upright.size) < max(big.size)
    assert "TOTALAPAGAR" in text and "25.OOO" in text


def test_the_page_is_given_to_the_engine_in_one_block_of_bgr_pixels(monkeypatch):
    """OpenCV copies a reversed view of the page whole each time it cuts a line out of it."""
    image = Image.new("RGB", (40, 20), (10, 20, 30))
    array = second._to_array(image)
    assert array.flags["C_CONTIGUOUS"] and array[0, 0].tolist() == [30, 20, 10]
    upright, _, _ = _tesseract_lines(CO_TICKET)
    engine = second._get_engine()
    crop = engine.get_crop_img_list
    pages: list[bool] = []

    def spy(page, points):
        pages.append(page.flags["C_CONTIGUOUS"])
        return crop(page, points)

    monkeypatch.setattr(engine, "get_crop_img_list", spy)
    assert "TOTAL" in second.text_of(second.read_found(upright)).upper()
    assert pages == [True]


def test_the_full_reading_only_when_the_re_read_lines_leave_the_total_unsure(monkeypatch):
    from tests.receipts.ocr.test_pipeline import TODAY, to_bytes

    calls: list[str] = []
    data = to_bytes(render(CO_TICKET))
    monkeypatch.setattr(reading_module, "CONFIDENT", 2.0)  # nothing is ever sure
    real_lines, real_page = second.recognise, second.read_found
    monkeypatch.setattr(
        second,
        "recognise",
        lambda image, boxes: calls.append(len(boxes)) or real_lines(image, boxes),
    )
    monkeypatch.setattr(
        second, "read_found", lambda *a, **k: calls.append("full") or real_page(*a, **k)
    )
    assert pipeline.read(data, today=TODAY).total is not None
    # the date's and the name's lines, the lines that decide the total, then the page
    assert calls[0] == 2 and calls[1] >= 5 and calls[2:] == ["full"]


def test_the_date_line_is_re_read_and_the_second_engine_s_date_wins(monkeypatch):
    import datetime
    from dataclasses import replace

    from tests.receipts.ocr.test_pipeline import TODAY

    upright, ocr, scale = _tesseract_lines(CO_TICKET)
    reading = reading_module.from_parsed(
        parse.parse_text(ocr.text, today=TODAY), "ocr", ocr.text, None
    )
    assert reading.date == datetime.date(2026, 3, 15)
    seen: list[int] = []
    real = second.recognise
    monkeypatch.setattr(
        second, "recognise", lambda image, boxes: seen.append(len(boxes)) or real(image, boxes)
    )

    agreed = opinion.header_reread(reading, ocr, upright, scale, TODAY)
    # "Fecha: 15/03/2026  Hora: 10:42", the name's line and the sure total's line, in one call
    assert reading.confident and seen == [3]
    assert agreed.date == reading.date and agreed.confidences.date > reading.confidences.date
    assert agreed.confidence == reading.confidence  # its total's line read alike: still sure

    misread = replace(reading, date=datetime.date(2026, 3, 16))  # as Tesseract reads a 5 as a 6
    corrected = opinion.header_reread(misread, ocr, upright, scale, TODAY)
    assert corrected.date == datetime.date(2026, 3, 15)
    assert corrected.confidences.date < agreed.confidences.date  # two readings that differ


def test_a_lesser_date_read_again_does_not_replace_a_labelled_issue_date():
    import datetime
    from dataclasses import replace

    from tests.receipts.ocr.test_pipeline import TODAY

    lines = ["Fecha de expedicion: 12/10/2026", "Fecha limite de pago: 27/10/2026"]
    upright, ocr, scale = _tesseract_lines(lines)
    reading = reading_module.from_parsed(
        parse.parse_text(ocr.text, today=TODAY), "ocr", ocr.text, None
    )
    assert reading.date == datetime.date(2026, 10, 12)
    # only the due date's line looks dated to the re-read (as when the issue line is cut off)
    due = replace(ocr, lines=tuple(line for line in ocr.lines if "27" in line.text))
    kept = opinion.header_reread(reading, due, upright, scale, TODAY)
    assert kept.date == datetime.date(2026, 10, 12)
    assert kept.confidences.date == reading.confidences.date


def test_the_name_line_is_re_read_and_a_misread_letter_corrected_with_tesseract_s_spaces():
    from dataclasses import replace

    from tests.receipts.ocr.test_pipeline import TODAY

    upright, ocr, scale = _tesseract_lines(["ALMACENES IKANO DEL NORTE S.A.S.", *CO_TICKET[1:]])
    # as Tesseract reads an I as a T, and is rated the same
    misread = tuple(replace(line, text=line.text.replace("IKANO", "TKANO")) for line in ocr.lines)
    ocr = replace(ocr, lines=misread, text="\n".join(line.text for line in misread))
    reading = reading_module.from_parsed(
        parse.parse_text(ocr.text, today=TODAY), "ocr", ocr.text, None
    )
    assert reading.vendor == "ALMACENES TKANO DEL NORTE S.A.S."
    corrected = opinion.header_reread(reading, ocr, upright, scale, TODAY)
    assert corrected.vendor == "ALMACENES IKANO DEL NORTE S.A.S."  # spaced as Tesseract spaced it
    assert corrected.confidences.vendor < reading.confidences.vendor  # two readings that differ

    right = replace(reading, vendor="ALMACENES IKANO DEL NORTE S.A.S.")
    upright2, ocr2, scale2 = _tesseract_lines(["ALMACENES IKANO DEL NORTE S.A.S.", *CO_TICKET[1:]])
    agreed = opinion.header_reread(right, ocr2, upright2, scale2, TODAY)
    assert agreed.vendor == right.vendor
    assert agreed.confidences.vendor > reading.confidences.vendor  # read alike twice


def test_no_date_nor_name_in_tesseract_s_lines_the_second_engine_reads_the_page():
    import datetime
    from dataclasses import replace

    from tests.receipts.ocr.test_pipeline import TODAY

    upright, ocr, _ = _tesseract_lines(CO_TICKET)
    reading = reading_module.from_parsed(
        parse.parse_text(ocr.text, today=TODAY), "ocr", ocr.text, None
    )
    # as when Tesseract read the date's and the name's lines as noise
    lost = replace(reading, date=None, vendor=None, confidences=parse.Confidences(total=0.9))
    found = opinion.filled_by_page(lost, upright, TODAY)
    assert found.date == datetime.date(2026, 3, 15) and found.confidences.date > 0
    assert found.vendor.replace(" ", "") == "SUPERMERCADOLAESPERANZAS.A.S."
    assert 0 < found.confidences.vendor < parse.CONFIDENT  # its spaces are often lost: a check
    assert found.total == reading.total and found.confidences.total == 0.9  # nothing else


def test_a_dated_receipt_without_a_name_is_read_again_only_in_its_header(monkeypatch):
    from dataclasses import replace

    from tests.receipts.ocr.test_pipeline import TODAY

    upright, ocr, _ = _tesseract_lines(CO_TICKET)
    reading = reading_module.from_parsed(
        parse.parse_text(ocr.text, today=TODAY), "ocr", ocr.text, None
    )
    seen: list[int] = []
    real = second.read_found
    monkeypatch.setattr(
        second, "read_found", lambda image, **k: seen.append(image.height) or real(image, **k)
    )
    found = opinion.filled_by_page(replace(reading, vendor=None), upright, TODAY)
    assert found.vendor is not None and "ESPERANZA" in found.vendor
    assert found.date == reading.date
    assert seen == [round(round(upright.height * opinion.HEADER) * opinion.SECOND_SCALE)]


def test_the_page_s_first_wordy_line_is_not_taken_for_a_name():
    from dataclasses import replace

    from tests.receipts.ocr.test_pipeline import TODAY

    lines = ["ARROZ DIANA 500G", "ACEITE GIRASOL 1L", "Fecha: 15/03/2026", "TOTAL 25.000"]
    upright, ocr, _ = _tesseract_lines(lines)
    reading = reading_module.from_parsed(parse.parse_text(ocr.text, today=TODAY), "ocr", "", None)
    assert parse.find_vendor(ocr.text)[0].startswith("ARROZ DIANA")  # the text alone: an item
    unnamed = replace(reading, vendor=None, confidences=replace(reading.confidences, vendor=0.0))
    found = opinion.filled_by_page(unnamed, upright, TODAY)
    assert found.vendor is None and found.confidences.vendor == 0.0


def test_a_name_guessed_from_its_place_gives_way_to_the_page_s_reading_of_the_header():
    """Tesseract's first wordy line ("q EUR", a logo it rated too low to take) against the
    second engine's name above the address; the same name read alike is surer instead."""
    from dataclasses import replace

    from tests.receipts.ocr.test_pipeline import TODAY

    lines = ["DON PEPE", "Carrera 7 # 45-10 Bogota", *CO_TICKET[3:]]
    upright, ocr, _ = _tesseract_lines(lines)
    reading = reading_module.from_parsed(parse.parse_text(ocr.text, today=TODAY), "ocr", "", None)
    guessed = replace(reading, vendor="q EUR", confidences=replace(reading.confidences, vendor=0.4))
    found = opinion.filled_by_page(guessed, upright, TODAY)
    assert found.vendor is not None and found.vendor.replace(" ", "") == "DONPEPE"
    assert found.confidences.vendor == parse.parties.ABOVE_ADDRESS
    alike = replace(guessed, vendor="D0N PEPE")  # one letter apart: the same line, kept as read
    again = opinion.filled_by_page(alike, upright, TODAY)
    assert again.vendor == "D0N PEPE" and again.confidences.vendor == 0.5
    assert found.total == reading.total and found.date == reading.date  # nothing else changes


def test_a_line_the_recogniser_is_unsure_of_is_no_name():
    import numpy as np

    def at(top: float) -> np.ndarray:
        return np.array([(0, top), (300, top), (300, top + 20), (0, top + 20)], dtype=np.float32)

    found = [(at(0), "srdubnt", 0.52), (at(40), "SYARIKAT GIN KEE", 0.94)]
    assert second.text_of(found).splitlines() == ["srdubnt", "SYARIKAT GIN KEE"]
    assert second.text_of(found, opinion.PAGE_NAME_SCORE) == "SYARIKAT GIN KEE"
    assert second.text_of([(at(0), "noise", 0.3)]) == ""  # below the engine's own threshold


def test_a_receipt_without_a_date_is_read_by_the_page_once_and_stays_undated(monkeypatch):
    from tests.receipts.ocr.test_pipeline import TODAY, to_bytes

    calls: list[str] = []
    real = second.read_found
    monkeypatch.setattr(second, "read_found", lambda *a, **k: calls.append("page") or real(*a, **k))
    undated = [line for line in CO_TICKET if "Fecha" not in line]
    reading = pipeline.read(to_bytes(render(undated)), today=TODAY)
    assert reading.date is None and reading.confidences.date == 0.0
    assert reading.total is not None and calls == ["page"]


def test_a_sloping_row_keeps_its_amount_with_its_label():
    import numpy as np

    def box(left: float, top: float, width: float, slope: float) -> np.ndarray:
        height = 20.0
        return np.array(
            [(left, top), (left + width, top + slope * width),
             (left + width, top + slope * width + height), (left, top + height)],
            dtype=np.float32,
        )  # fmt: skip

    slope = 0.04  # a photo turned by about 2.3 degrees: 36 px of drop across 900 px
    found = [
        (box(0, 100, 200, slope), "TOTAL", 0.9),
        (box(700, 100 + 700 * slope, 200, slope), "$1.926.900", 0.9),
        (box(0, 128, 200, slope), "TARJETA", 0.9),
        (box(700, 128 + 700 * slope, 200, slope), "$2.000.000", 0.9),
    ]
    assert second._lines_of(found).splitlines() == ["TOTAL $1.926.900", "TARJETA $2.000.000"]
    # read as if the rows were level, the amounts change rows
    flat = second._group_lines(
        [(float(p[:, 0].min()), float(p[:, 1].mean()), 20.0, t) for p, t, _ in found]
    )
    assert flat.splitlines() != ["TOTAL $1.926.900", "TARJETA $2.000.000"]


@pytest.mark.parametrize(
    ("read", "spaced"),
    [
        ("TOTAL:9.00", "TOTAL: 9.00"),
        ("RM12.50", "RM 12.50"),
        ("04-06-201818:55", "04-06-2018 18: 55"),
        ("KMFF00DICIOUS", "KMFF00DICIOUS"),  # zeros inside a word: misread O's, kept whole
        ("ITEM2PCS", "ITEM 2 PCS"),
    ],
)
def test_spaces_go_back_where_letters_meet_digits(read, spaced):
    assert second._spaced(read) == spaced


def test_two_engines_reading_a_total_s_digits_with_other_marks_leave_it_unsure():
    """Tesseract reads "117.400,00" but is unsure; the second engine, given a small crop, reads
    "117.40." twice and is sure. Whose decimal mark is right is for neither to say."""
    from tests.receipts.ocr.test_pipeline import TODAY

    tess = (
        "Saldo anterior 117.400,00\nPago recibido, gracias 117,400,00\n"
        "Plan Fibra 500 Mbps 98.655,08\nIVA 19% 18.745,00\nValor total a pagar 117,400,00"
    )
    mine = reading_module.from_parsed(parse.parse_text(tess, today=TODAY), "ocr", tess, None)
    theirs = parse.parse_text(
        "Pago recibido 117.40\nValor total a pagar 117.40\nEfectivo 120.00\nCambio 2.60",
        today=TODAY,
    )
    assert theirs.confidence > mine.confidence and theirs.confidence >= parse.CONFIDENT
    merged = opinion._reconcile(mine, theirs)
    assert merged.total == theirs.total and not merged.confident
    # the same digits read alike are still agreement
    agreed = opinion._reconcile(mine, parse.parse_text(tess, today=TODAY))
    assert agreed.total == mine.total and agreed.confidence > mine.confidence
