"""The pure receipt parser: numbers, totals and their traps, dates, vendor, NIT, currency."""

import datetime
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receipts.ocr import opinion, parse

TODAY = datetime.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("1.250.000", "1250000"),
        ("1.250.000,00", "1250000.00"),
        ("1,250,000", "1250000"),
        ("1'250.000", "1250000"),
        ("1.129,00", "1129.00"),
        ("24,23", "24.23"),
        ("1,250.00", "1250.00"),
        ("9.00", "9.00"),
        ("12.500", "12500"),
        ("0,350", "0.350"),
        ("1 250 000", "1250000"),
        ("7", "7"),
    ],
)
def test_parse_number(token, expected):
    assert parse.parse_number(token) == Decimal(expected)


@pytest.mark.parametrize("token", ["", "abc", "1.2.3.4.5.6.7.8.9.0.1", "-", "..", "1" * 25])
def test_parse_number_rejects(token):
    assert parse.parse_number(token) is None


@pytest.mark.parametrize(
    ("line", "values", "currency"),
    [
        ("TOTAL $ 1.250.000", ["1250000"], "COP"),
        ("TOTAL $1.250.000,00", ["1250000.00"], "$"),
        ("Total RM 9.00", ["9.00"], "MYR"),
        ("Total RM9.00", ["9.00"], "MYR"),
        ("SUMME EUR 24,23", ["24.23"], "EUR"),
        ("Betrag 49,90 EUR", ["49.90"], "EUR"),
        ("Summe 1,99 €", ["1.99"], "EUR"),
        ("TOTAL 1 250 000", ["1250000"], None),
        ("TOTAL 1O.5O", ["10.50"], None),
        ("Total 9 .00", ["9.00"], None),
        ("CASH 40 ,00", ["40.00"], None),
        # pesos whose thousands dot was read as a space, or beside one
        ("TOTAL A PAGAR $ 178 500", ["178500"], "COP"),
        ("TOTAL A PAGAR $ 178. 500", ["178500"], "COP"),
        ("VALOR TOTAL $ 178 .500,00", ["178500.00"], "$"),
        ("TOTAL 3 500", ["3", "500"], None),  # no peso sign: "3" may be one misread
        # a thousands mark followed by a space, before a price with cents
        ("TOTAL A PAGAR 178, 300,00", ["178300.00"], None),
        ("TOTAL 1, 300.00", ["1300.00"], None),
        ("2 300.00", ["2", "300.00"], None),  # no mark: a quantity and its price
        ("Qty 12, 1.250,00", ["12", "1250.00"], None),
        ("Fecha 15/03/2026 10:42 TOTAL 25.000", ["25000"], None),
        ("IVA 19% 4.000", ["4000"], None),
        ("Tel 3001234567", [], None),
        ("Item x2 3.50", ["3.50"], None),
    ],
)
def test_find_amounts(line, values, currency):
    found = parse.find_amounts(line)
    assert [str(a.value) for a in found] == values
    if found:
        assert found[-1].currency == currency


TICKET_CO = """SUPERMERCADO LA ESPERANZA S.A.S.
NIT 900.123.456-8
Calle 45 # 12-30 Bogota
Fecha: 15/03/2026 10:42
ARROZ DIANA 500G 4.500
ACEITE 1L 12.300
PAN TAJADO 8.200
SUBTOTAL 21.008
IVA 19% 3.992
TOTAL A PAGAR $ 25.000
EFECTIVO $ 50.000
CAMBIO $ 25.000
TOTAL ARTICULOS: 3
"""

RECEIPT_EN = """BOOK TA .K (TAMAN DAYA) SDN BHD
No.5 Jalan Kenari
Date: 25/12/2018
Item Qty Price Amount
PEN 2 4.50 9.00
Total Qty 2
Total Sales (Excluding GST) 8.49
Total GST 0.51
Rounding Adj 0.00
Total (Incl GST) RM 9.00
CASH 10.00
CHANGE 1.00
GST Summary Amount Tax
SR 6% 8.49 0.51
"""

BILL_DE = """Aldi GmbH & Co. KG
Pohlweg 110
SUMME EUR 24,23
BAR 40,00
ZURUCK 15,77
MWST Netto MWST-BETRAG BRUTTO
C 7,00% 17,38 1,22 18,54
02.03.2020 09:48
"""


@pytest.mark.parametrize(
    ("text", "total", "confident"),
    [
        (TICKET_CO, "25000.00", True),
        (RECEIPT_EN, "9.00", True),
        (BILL_DE, "24.23", True),
        ("TOTAL 12.500\nEFECTIVO 20.000\nCAMBIO 7.500", "12500.00", True),
        ("Saldo anterior 80.000\nValor total 45.900\n", "45900.00", False),
        ("VALOR A PAGAR $ 89.900", "89900.00", False),
        ("NETO A PAGAR 120.000", "120000.00", False),
        ("GRAN TOTAL 15.000\nTOTAL 15.000", "15000.00", True),
        ("Grand Total 23.40\nCash 50.00\nChange 26.60", "23.40", True),
        ("Amount Due $1,250.00", "1250.00", False),
        ("Subtotal 10.00\nTax 0.80\nTotal 10.80", "10.80", True),
        ("Total 10.55\nRounding adj 0.05\nRounded total 10.60", "10.60", True),  # adds up
        ("Gesamt 13,78\nGegeben 20,00", "13.78", False),
        ("zu zahlen 8,83\nBargeld 20,00\nZurück 11,17", "8.83", True),
        ("TOTAL FACTURA 1.250.000", "1250000.00", False),
        ("Total a pagar: 45.000", "45000.00", False),
        # change given, no payment read: a "total" that is the change plus another amount printed
        # is what was handed over (the amount it leaves is the total)
        ("Parking 5.00\nAnount Incl. GST 5.00\nAccepted total 10.00\nChange 5.00", "5.00", True),
        ("Parking 5.00\nAccepted total 10.00\nChange 5.00", "10.00", False),
        ("Total 10.00\nChange 5.00\nParking 15.00", "10.00", False),  # 15.00 was handed over
    ],
)
def test_find_total(text, total, confident):
    found, confidence, candidates = parse.find_total(text)
    assert found == Decimal(total)
    assert (confidence >= parse.CONFIDENT) is confident
    assert sum(c.chosen for c in candidates) >= 1
    assert all(len(c.line) <= 120 for c in candidates)


@pytest.mark.parametrize(
    "text",
    [
        "SUBTOTAL 21.008",
        "IVA 3.992",
        "EFECTIVO 50.000",
        "CASH 50.00",
        "CAMBIO 25.000",
        "CHANGE 1.00",
        "Saldo anterior 80.000",
        "TOTAL ARTICULOS: 2",
        "Total items 3",
        "Total qty 4",
        "Rounding adjustment 0.02",
        "Total GST 0.51",
    ],
)
def test_traps_are_never_the_total(text):
    found, _, _ = parse.find_total(text + "\nTOTAL 99.00")
    assert found == Decimal("99.00")


@pytest.mark.parametrize(
    ("total_line", "expected", "sure"),
    [
        ("VALOR TOTAL $ 226.508,00", "226500", False),  # a slashed 0 read as 8: mended, unsure
        ("VALOR TOTAL $ 226.570,00", "226570", False),  # a 7 is no misread zero: as printed
        ("VALOR TOTAL $ 226.500,00", "226500", True),  # as printed, and it adds up: sure
    ],
)
def test_a_total_with_misread_zeros_is_what_its_base_and_tax_add_up_to(total_line, expected, sure):
    text = f"BASE GRAVABLE $ 190.336,00\nIVA $ 36.164,00\n{total_line}"
    total, confidence, _ = parse.find_total(text)
    assert total == Decimal(expected)
    assert (confidence >= parse.CONFIDENT) == sure


def test_a_bills_one_charge_above_its_tax_is_a_base_for_its_sums():
    bill = (
        "Saldo anterior $ 294.200\nPago recibido, gracias $ 294.200\n"
        "Internet Hogar 300 Megas $ {}\nIVA 19% $ 26.137\nTOTAL A PAGAR $ {}"
    )
    total, confidence, _ = parse.find_total(bill.format("137.563", "163.709"))
    assert total == Decimal("163700")  # zeros misread: mended to the sum, unsure
    assert confidence < parse.CONFIDENT
    # printed right, a total the charge and its tax add up to is sure; one they miss is not
    _, adds_up, _ = parse.find_total(bill.format("137.563", "163.700"))
    _, apart, _ = parse.find_total(bill.format("131.000", "163.700"))
    assert adds_up >= parse.CONFIDENT > apart


ITEMS_AND_TAX = (
    "LAMPARA LED ESCRITORIO $ 127.100,00\nSOPORTE MONITOR $ 231.800,00\n{}\n"
    "BASE IVA 19% $ 301.597,00\nVALOR IVA $ 57.303,00"
)


@pytest.mark.parametrize(
    ("total_lines", "expected", "sure"),
    [
        ("TOTAL $ 358.900,00\nTARJETA CREDITO $ 358.900,00", "358900", True),
        # an "8" read as "3" in the total and the card payment alike: the items and the tax
        # table add up to one digit off
        ("TOTAL $ 353.900,00\nTARJETA CREDITO $ 353.900,00", "353900", False),
        # the two sums agree on an amount farther off: the total stands, unsure
        ("TOTAL $ 385.200,00\nTARJETA CREDITO $ 385.200,00", "385200", False),
    ],
)
def test_a_total_the_items_and_the_tax_table_both_contradict_is_not_sure(
    total_lines, expected, sure
):
    total, confidence, _ = parse.find_total(ITEMS_AND_TAX.format(total_lines))
    assert total == Decimal(expected)
    assert (confidence >= parse.CONFIDENT) == sure


def test_sums_with_a_zero_misread_do_not_mend_the_total():
    """An item and the tax each read with a "0" as "9" add up alike to 544.390: the total's
    "544.300" is not the misread one."""
    text = (
        "LAMPARA LED $ 172.800,00\nREGLETA $ 108.800,00\nAUDIFONOS $ 182.690,00\n"
        "SOPORTE $ 80.100,00\nBASE GRAVABLE $ 457.395,00\nIVA $ 86.995,00\n"
        "VALOR TOTAL $ 544.300,00"
    )
    total, confidence, _ = parse.find_total(text)
    assert total == Decimal("544300")
    assert confidence < parse.CONFIDENT


def test_trap_alone_gives_no_confident_total():
    found, confidence, _ = parse.find_total("EFECTIVO 50.000\nCAMBIO 4.000\nIVA 1.900")
    assert confidence < parse.CONFIDENT
    assert found == Decimal("46000.00")  # tendered minus change is still the best guess


def test_contradiction_lowers_confidence():
    _, agree, _ = parse.find_total("TOTAL 30.000\nEFECTIVO 50.000\nCAMBIO 20.000")
    _, clash, _ = parse.find_total("TOTAL 30.000\nTOTAL 35.000\nEFECTIVO 50.000\nCAMBIO 20.000")
    assert agree >= parse.CONFIDENT > clash


def test_gst_summary_after_total_is_ignored():
    text = "Total 10.60\nCash 20.00\nChange 9.40\nGST Summary\nTotal 10.00 0.60"
    assert parse.find_total(text)[0] == Decimal("10.60")


def test_last_total_beats_repeated_partial_totals():
    text = (
        "Total 0% supplies: 20.67\nTotal 6% supplies (Inc. GST): 73.52\n"
        "Total 0% supplies: 20.67\nTotal Payable: 94.19\n"
    )
    found, confidence, _ = parse.find_total(text)
    assert found == Decimal("94.19")
    assert confidence < parse.CONFIDENT


def test_rounding_after_the_last_total_offers_the_rounded_amount():
    text = "Total (Incl GST): 67.98\nRounding Adj: 0.02\nCASH 100.00\nCHANGE 32.00"
    found, confidence, _ = parse.find_total(text)
    assert found == Decimal("68.00")
    assert confidence < parse.CONFIDENT  # a derived amount is a good guess, not a reading


def test_an_item_dearer_than_the_total_is_a_contradiction():
    _, confidence, _ = parse.find_total("CHAIR 250.00\nLAMP 30.00\nTOTAL 1.42")
    assert confidence < parse.CONFIDENT


def test_ids_and_misread_numbers_are_not_dearer_items():
    # a registration number after a "$" and "5.205" (5.20 and a stray 5) are not prices
    text = "($67388-U)\nGLUE 1X 5.20 5.205\nTOTAL RM 14.10\nCASH RM 20.00\nCHANGE RM 5.90"
    found, confidence, _ = parse.find_total(text)
    assert found == Decimal("14.10")
    assert confidence >= parse.CONFIDENT


def test_a_bare_number_on_a_total_line_is_a_count():
    text = (
        "Item Qty Total SR 100100000060- 4 Vege\nTotal Amount: $8.20\nNett Total: $8.20\n"
        "CASH $8.20\n(Price Inclusive Of GST) Thank You 8 Come Again!"
    )
    found, confidence, candidates = parse.find_total(text)
    assert found == Decimal("8.20")
    assert confidence >= parse.CONFIDENT
    assert {c.amount for c in candidates if c.score > 0} == {Decimal("8.20")}


def test_a_word_containing_summe_is_not_a_german_total():
    assert parse.classify("013 SUMMER CUP 48X230ML") is None
    assert parse.classify("Summe EUR 12,00") == "total_strong"
    text = "013 SUMMER CUP 48X230ML\nTotal Includes GST 6% 9.00\nCash 50.00\nChange 41.00"
    found, confidence, _ = parse.find_total(text)
    assert found == Decimal("9.00")
    assert confidence >= parse.CONFIDENT


def test_payment_and_change_adding_up_to_another_amount_is_a_contradiction():
    sums = "Sub Total 106.10\nGST 6.36\n"  # adds up to the total either way
    agree = parse.find_total(sums + "Total: 112.46\nCASH: 112.46\nChange: 0.00")
    clash = parse.find_total(sums + "Total: 112.46\nCASH: 112.45\nChange: 0.00")
    assert agree[1] >= parse.CONFIDENT > clash[1]


def test_the_amount_before_rounding_does_not_compete_with_the_rounded_total():
    text = "Total RM Incl. of GST 14.64\nRounding Adj 0.01\nTotal RM 14.65\nCash 14.65"
    found, confidence, _ = parse.find_total(text)
    assert found == Decimal("14.65")
    assert confidence >= parse.CONFIDENT
    # but a payment whose change is misread is no reason to trust a derived amount
    text = "Rounding : 0.01\nTotal : 248.05\nCASH : 248.05\nChange : 0.01"
    assert parse.find_total(text)[1] < parse.CONFIDENT


def test_a_total_above_a_discount_that_takes_it_to_the_total_below_is_a_subtotal():
    # "SUB-TOTAL" and "DESCUENTO" cut short at the photo's edge; the discount printed negative
    text = "\n".join(
        ["SILLA ERGONOMICA $ 1.195.000", "/B-TOTAL $ 1.195.000", "SCUENTO -$ 59.800",
         "TOTAL $ 1.135.200", "JELTA $ 64.800"]
    )  # fmt: skip
    total, _, candidates = parse.find_total(text)
    assert total == Decimal("1135200.00")
    assert {c.amount: c.score for c in candidates}[Decimal("1195000.00")] < 0.5


def test_missing_cents_lower_confidence_outside_pesos():
    plain = parse.parse_text("Grand Total 23.40\nCash 50.00\nChange 26.60", today=TODAY)
    lost = parse.parse_text("Grand Total RM 2340\nTotal 2340", today=TODAY)
    assert plain.confidence >= parse.CONFIDENT > lost.confidence


def test_a_latvian_receipt_is_in_euros_by_its_vat_or_its_postcode():
    assert parse.detect_currency("Kopā 7.77\nt.sk. PVN 21% 1.35") == "EUR"
    assert parse.detect_currency("Brīvības iela 12, Rīga, LV-1011\nKopā 7.77") == "EUR"


def test_centavos_or_units_on_a_total_in_pesos_are_a_misread_zero():
    bill = "NIT 899.999.115-8\nInternet Fibra {}\nIVA 19% 12.917,00\nValor total a pagar {}"
    right = parse.parse_text(bill.format("67.983,00", "80.900,00"), today=TODAY)
    misread = parse.parse_text(bill.format("67.983,09", "80.900,09"), today=TODAY)  # 00 -> 09
    assert (right.currency, right.total) == ("COP", Decimal("80900.00")) and right.confidence >= 0.9
    # zeros misread (as 8, 9 or 6) below the tens are mended, and the total stays unsure
    assert misread.total == Decimal("80900") and misread.confidence <= 0.3
    units = parse.parse_text(bill.format("67.983", "80.909").replace(",00", ""), today=TODAY)
    assert units.total == Decimal("80900") and units.confidence < parse.CONFIDENT  # in tens
    cents = parse.parse_text("VALOR TOTAL $ 2.012.000,08", today=TODAY)
    assert cents.total == Decimal("2012000") and cents.confidence <= 0.3
    five = parse.parse_text(bill.format("67.983", "80.905").replace(",00", ""), today=TODAY)
    assert five.total == Decimal("80905") and five.confidence <= 0.3  # no zero misread: as read
    # a ringgit receipt with no marker falls back to pesos: its cents are not held against it
    assert parse.parse_text("Grand Total 23.47\nCash 50.00\nChange 26.53").confidence >= 0.9


def test_label_and_value_on_separate_lines():
    assert parse.find_total("TOTAL A PAGAR\n$ 48.500\n")[0] == Decimal("48500.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2026", datetime.date(2026, 3, 15)),
        ("2026/03/15", datetime.date(2026, 3, 15)),
        ("15-03-2026", datetime.date(2026, 3, 15)),
        ("15-MAR-2026", datetime.date(2026, 3, 15)),
        ("Marzo 15 de 2026", datetime.date(2026, 3, 15)),
        ("15 de marzo de 2026", datetime.date(2026, 3, 15)),
        ("25/12/2018", datetime.date(2018, 12, 25)),
        ("18-11-18", datetime.date(2018, 11, 18)),
        ("15.03.2026", datetime.date(2026, 3, 15)),
        ("05 MAR 2018", datetime.date(2018, 3, 5)),
        ("Fecha: 05-0CT-2026 Hora: 10:22", datetime.date(2026, 10, 5)),  # O read as a zero
        ("03/04/2026", datetime.date(2026, 4, 3)),  # day first
        (
            "12/25/2018",
            datetime.date(2018, 12, 25),
        ),  # month first only when day first is impossible
        ("Fecha: 01/02/2026\nVence: 15/02/2026", datetime.date(2026, 2, 1)),
        ("Printed 10/10/2026\nFecha 02/10/2026", datetime.date(2026, 10, 2)),  # labelled wins
        # a register number run into the date: the reading with a four-digit year wins
        ("ORD +15 -REG 19- 02/03/2018 12:59:16", datetime.date(2018, 3, 2)),
        ("ORD 418 -REG +19- 21/03/2018 19:53:23", datetime.date(2018, 3, 21)),
        ("DATE: 2504/2017", datetime.date(2017, 4, 25)),  # a slash lost, beside its label
        ("REF 2504/2017", None),  # without the label it is a reference number
        # a four-digit year misread ("20%6") is no two-digit year: left to the other engine
        ("Fecha de expedición: 12.JUN-20%6", None),
        ("Fecha 12/06/20-18:30", datetime.date(2020, 6, 12)),  # a time after a short year
        # Latvian: "the year 2025, the 21st of December"; an invoice's due date ("termiņš")
        (
            "Datums: 2025. gada 21. decembrī\nApmaksas termiņš: 31.12.2025.",
            datetime.date(2025, 12, 21),
        ),
        (
            "Rēķins Nr. 4412\nApmaksāt līdz 20.01.2026.\nDatums: 11.01.2026.",
            datetime.date(2026, 1, 11),
        ),
        ("Rīgā, 2025. g. 5. maijā", datetime.date(2025, 5, 5)),
        ("15/03/2027", None),  # after today
        ("31/02/2026", None),
        ("no date here", None),
    ],
)
def test_parse_date(text, expected):
    assert parse.parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NIT 900.123.456-8", "900123456-8"),
        ("NIT: 900123456-8", "900123456-8"),
        ("N.I.T. 890.903.938-8", "890903938-8"),
        ("NIT 900.123.456-7", "900123456-7"),  # as printed, even with a wrong check digit
        ("NIT 800197268", "800197268-4"),  # check digit computed when not printed
        ("NIT 900.123.456-7\nNIT 860.034.313-7", "860034313-7"),  # a valid one wins
        ("no tax id", None),
    ],
)
def test_parse_nit(text, expected):
    assert parse.parse_nit(text) == expected


def test_nit_check_digit():
    assert parse.nit_check_digit("890903938") == 8
    assert parse.nit_check_digit("800197268") == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TICKET_CO, "SUPERMERCADO LA ESPERANZA S.A.S."),
        (RECEIPT_EN, "BOOK TA .K (TAMAN DAYA) SDN BHD"),
        (BILL_DE, "Aldi GmbH & Co. KG"),
        ("12345\nCalle 10 # 5-20\nPANADERIA EL TRIGAL\nTOTAL 5.000", "PANADERIA EL TRIGAL"),
        ("NIT 900123456-8\nTel 6012345678\n", None),
        # a slogan over the name asks or exclaims ("Wunschlos glücklich?"); a name does not
        (
            "Wunschlos glücklich?\nMarktkauf Lehr\nBahnhofstr. 12\n38165 Lehre\nSUMME 7,16",
            "Marktkauf Lehr",
        ),
        ("¿Ya conoce nuestra app?\nDon Pepe\nCalle 10 # 5-20\nTOTAL 5.000", "Don Pepe"),
        # "mbH" after the word it belongs to is a legal form too ("…handelsgesellschaft mbH")
        (
            "Jetzt Mitglied werden\nSATURN ELECTRO HANDELSGES.MBH\nSUMME 129,00",
            "SATURN ELECTRO HANDELSGES.MBH",
        ),
    ],
)
def test_parse_vendor(text, expected):
    assert parse.parse_vendor(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # zeros inside a word are its O's misread: a name is words, not numbers
        ("POPULAR B0OK CO. (M) SDN BHD", "POPULAR BOOK CO. (M) SDN BHD"),
        ("KMF F00DICIOUS SDN BHD", "KMF FOODICIOUS SDN BHD"),
        ("TIENDA D1", "TIENDA D1"),  # a digit ending a word is the name's own
        ("99 SPEED MART 5/D", "99 SPEED MART S/B"),  # "S/B" read as 5/D
        # Malaysia's "(M)" before the legal form, misread
        ("COSWAY (1) SDN BHD", "COSWAY (M) SDN BHD"),
        ("AEON CO. (1M) BHD", "AEON CO. (M) BHD"),
        ("MR D.I.Y.（H)SDN BHD", "MR D.I.Y. (M) SDN BHD"),
        ("GARDENIA BAKERIES (KL) SDN BHD", "GARDENIA BAKERIES (KL) SDN BHD"),  # a place's
        ("RESTORAN WAN 20.0", "RESTORAN WAN"),  # an amount the line ran into
        ("RELAIS TOTAL OULMES", "RELAIS TOTAL OULMES"),  # "TOTAL" in a name
        ("Total item(s): 10\nRELAIS TOTAL OULMES", "RELAIS TOTAL OULMES"),  # a total's line
        # a name over three lines, broken inside its brackets
        (
            "AIK HUAT HARDWARE |\nENTERPRISE (SETIA\nALAM) SDN BHD\nNO. 17-G, JALAN SETIA",
            "AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD",
        ),
        ("al my\nKaufland\nBentelerstraße 4\nSUMME 13,78", "Kaufland"),  # specks, not words
    ],
)
def test_a_name_as_read_is_mended(text, expected):
    assert parse.parse_vendor(text) == expected


def test_a_name_above_the_address_is_surer_than_the_first_wordy_line():
    """A logo read as letters above the street is likely the merchant; the first wordy line of
    a page with no address at all is as likely an item."""
    above, sure = parse.find_vendor("LIDL\nWarburger Straße 130\n33098 Paderborn\nSUMME 7,16")
    first, unsure = parse.find_vendor("LIDL\nBanane 1,99\nSUMME 7,16")
    assert above == first == "LIDL"
    assert sure > opinion.NAMED_BY_PAGE >= unsure


def test_only_a_name_guessed_without_an_address_is_read_again_by_the_second_engine():
    from dataclasses import replace

    from receipts.ocr.reading import from_parsed

    placed = from_parsed(
        parse.parse_text("DON PEPE\nCarrera 7 # 45-10\nTOTAL 5.000"), "ocr", "", None
    )
    assert placed.vendor == "DON PEPE" and not opinion.weak_name(placed)  # above the address
    unplaced = from_parsed(parse.parse_text("DON PEPE\nTOTAL 5.000"), "ocr", "", None)
    assert unplaced.vendor == "DON PEPE" and opinion.weak_name(unplaced)  # as likely an item
    assert opinion.weak_name(replace(placed, vendor=None))


def test_a_web_address_read_unsurely_still_names_the_header_line():
    """The pipeline gives the vendor its clearest lines, and a web address is printed small:
    it is looked for in the whole text."""
    clear = "FRISCH & GUT\nEinfach lecker\nKornmarkt Weber\nLindenallee 4\n10115 Berlin"
    whole = clear + "\nwww. kornmarkt-]weber .de"
    assert parse.find_vendor(clear) == ("FRISCH & GUT", parse.parties.ABOVE_ADDRESS)
    assert parse.find_vendor(clear, whole) == ("Kornmarkt Weber", parse.parties.SITE_NAMED)


def test_only_a_line_that_may_name_the_merchant_is_taken_for_a_name():
    assert parse.may_name("GARDENIA BAKERIES (KL) SDN BHD")
    assert parse.may_name("FACE TO FACE NOODLE HOUSE")
    assert parse.may_name("MYNEWS RETAIL SB(306295-X) FKA BISON STORES $8")  # S/B read "$8"
    for line in ("No 21, Jalan Pinang.", "Warburger Straße 130", "Total 17.33", "GRACIAS!",
                 "RECIBIDO $ 250.000", "Periodo de servicio: 01-MAR-2026 al 31-MAR-2026",
                 "Cuenta No. 85848497"):  # fmt: skip
        assert not parse.may_name(line), line
    # the bottom of a ticket, what was paid: no name there
    assert parse.find_vendor("RECIBIDO $ 250.000\nDEVUELTA $ 85.600\nCajero: JUAN") == (None, 0.0)


@pytest.mark.parametrize(
    ("text", "total_line", "expected"),
    [
        ("TOTAL $ 1.250.000", "TOTAL $ 1.250.000", "COP"),
        ("Total RM 9.00", "Total RM 9.00", "MYR"),
        ("Summe 24,23 €", "", "EUR"),
        ("TOTAL 24,23 EUR", "", "EUR"),
        ("ABC SDN BHD\nTotal 9.00", "Total 9.00", "MYR"),
        ("Aldi GmbH\nSUMME 24,23", "SUMME 24,23", "EUR"),
        ("NIT 900123456-8\nTOTAL 25.000", "TOTAL 25.000", "COP"),
        ("Total $12.99", "Total $12.99", "COP"),  # default
        ("Total 12.99", "Total 12.99", "USD"),  # default, as given
        # a "0" read as "€" among amounts in "$": the context (a NIT, IVA) says pesos
        ("NIT 821.348.107-2\nTOTAL $ 70.000,06\nBASE IVA 19% $ 58.824,06\nVALOR IVA $ 11.176,0€",
         "TOTAL $ 70.000,06", "COP"),
        ("Summe 24,23 €\nBar 30,00 €\nRuckgeld $ 5,77", "", "EUR"),  # more euros than "$"
    ],
)  # fmt: skip
def test_detect_currency(text, total_line, expected):
    default = "USD" if expected == "USD" else "COP"
    assert parse.detect_currency(text, default, total_line) == expected


def test_a_peso_total_with_a_misread_euro_sign_is_still_a_peso_total_and_unsure():
    text = ("CABLE HDMI 2M $ 28.300,00\nBASE PORTATIL $ 41.700,00\nTOTAL $ 70.000,06\n"
            "TARJETA CREDITO $ 70.000,06\nBASE IVA 19% $ 58.824,06\nVALOR IVA $ 11.176,0€")  # fmt: skip
    parsed = parse.parse_text(text, today=TODAY)
    assert (parsed.currency, parsed.total) == ("COP", Decimal("70000.00"))  # ",06": a misread ",00"
    assert parsed.confidence < parse.CONFIDENT


def test_parse_text_colombian_ticket():
    parsed = parse.parse_text(TICKET_CO, default_currency="USD", today=TODAY)
    assert parsed.total == Decimal("25000.00")
    assert parsed.currency == "COP"
    assert parsed.date == datetime.date(2026, 3, 15)
    assert parsed.vendor == "SUPERMERCADO LA ESPERANZA S.A.S."
    assert parsed.nit == "900123456-8"
    assert parsed.tax == Decimal("3992.00")


def test_parse_text_english_receipt():
    parsed = parse.parse_text(RECEIPT_EN, today=TODAY)
    assert (parsed.total, parsed.currency, parsed.tax) == (Decimal("9.00"), "MYR", Decimal("0.51"))
    assert parsed.date == datetime.date(2018, 12, 25)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_parser_never_raises(text):
    parsed = parse.parse_text(text, today=TODAY)
    assert 0.0 <= parsed.confidence <= 1.0
    assert parsed.total is None or parsed.total == parsed.total.quantize(parse.CENT)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["TOTAL", "IVA", "CAMBIO", "EFECTIVO", "$", "RM", "€", "SUBTOTAL"]),
            st.from_regex(r"[0-9][0-9.,' ]{0,14}", fullmatch=True),
            st.from_regex(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}", fullmatch=True),
        ),
        max_size=30,
    )
)
def test_parser_never_raises_on_receipt_like_text(words):
    text = "\n".join(" ".join(words[i : i + 3]) for i in range(0, len(words), 3))
    parse.parse_text(text, today=TODAY)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("E Sunme 13,78", "total_strong"),  # "Summe" with the OCR's usual m/n confusion
        ("EFECTIV0 $50.000", "tendered"),  # a letter O read as a zero
        ("CAMBI0 $25.000", "change"),
        ("SUBT0TAL 21.008", "subtotal"),
        ("Anount Incl. GST 5.00 RM", "total_strong"),  # m read as n
        ("KARTENZAHLUNG 10,90", "tendered"),
        ("GEGEBEN Mastercard 48,77", "tendered"),
        ("E Betrag : € 13,78", "tendered"),  # the card terminal's slip
        ("Amount Incl. GST 5.00 RM", "total_strong"),
        ("Due date 15/03/2026", "total"),  # no amount: never a candidate
        ("NO: 1-182 GROUND FLOOR", None),  # not a rounding line
        ("Total 6% supplies (Inc. GST): 1.53", "excluded"),  # a GST breakdown
        ("DESCUENTO -7.100", "discount"),
        ("Subtotal Incl. GST+RM 12.61", "subtotal"),  # not "total incl."
        ("Tos! inclusive GST 217.00", "total_strong"),  # a garbled "Total", still inclusive
        ("Rabatt 10% -1,20", "discount"),
    ],
)
def test_labels(line, kind):
    assert parse.classify(line) == kind


@pytest.mark.parametrize(
    ("text", "total", "confident"),
    [
        pytest.param(
            "TOTAL (Including GST) 79.35\nNET 79.35\nTENDER 100.00\nCHANGE/BALANCE 20.65",
            "79.35", True, id="tender-and-balance-confirm",
        ),
        pytest.param(
            "Total Sales (Inclusive GST) RM 13.58\nRounding Adjustment RM 0.02\n"
            "Rounding RM 13.60\nCASH RM 14.00\nCHANGE RM 0.40",
            "13.60", True, id="rounding-line-carrying-the-whole-amount",
        ),
        pytest.param(
            "KAYA PUFF 4 1.60 6.40\nSlice Cake 1 8.70 8.70\nDue 15.10\nPay 15.10\nChange 0.00",
            "15.10", True, id="due-alone",
        ),
        pytest.param(
            # "10" and "11.20" run together: 76 times the total is no price
            "9086926 4X 2.80 1011.20\nDECO STICKER 1X 2.10 2.10\nTotal Incl. GST 06% RM 13.30\n"
            "CASH RM 13.30",
            "13.30", True, id="two-prices-run-together-are-not-a-dearer-item",
        ),
        pytest.param(
            "Tabak 4,50 A\nPapier 0,34 A\nSumme 13,78\nKartenzahlung 13,78\nBetrag EUR 13,78",
            "13.78", True, id="german-card-slip",
        ),
        pytest.param(
            "NO: 1-182 GROUND FLOOR\nUnagi Temaki 1x 5.80 5.80\nShiro Ramen 2x 12.80 25.60\n"
            "Total (Excluding GST): 31.40\nServ. Charge (10%): 3.14\n"
            "Total (Inclusive of GST): 34.54\nRounding Adj: 0.01\nTOTAL : 34.55\nVISA 34.55",
            "34.55", True, id="rounded-total-wins-over-the-sum-it-rounds",
        ),
        pytest.param(
            "WHITE 2.18 3 6.54\nWHOLEMEAL 2.78 3 8.34\nJUMBO 2.97 4 11.88\n"
            "Total 0% supplies: 26.76\nCR-CHOCLT 0.72 3 2.16\nCK-CORN 0.72 -1 -0.72\n"
            "Total 6% supplies (Inc. GST): 1.53\nTotal supplies: 26.76\nTotal Payable: 23.56",
            "23.56", False, id="gst-supplies-are-a-breakdown",
        ),
        pytest.param(
            "SILLA ERGONOMICA 1 142.700\nSUB-TOTAL 142.700\nDESCUENTO -7.100\n"
            "Vr. TOTAL 135.600\nEFECTIVO 150.000",
            "135600", True, id="subtotal-less-discount",
        ),
        pytest.param(
            "Total (Excluding GST): 61.80\nServ. Charge (10%): 6.18\n"
            "Total (Inclusive of GST): 67.98\nRounding Adj: 0.02\nVISA 68.00",
            "67.98", False, id="paid-the-rounded-amount-which-is-the-total",
        ),
        pytest.param(
            "SUB-TOTAL 142.700\nDESCUENTO 7.100\nTOTAL 131.600",
            "131600", False, id="a-discount-that-does-not-explain-the-total",
        ),
        pytest.param(  # a 0 read as 9 in the total and, by chance, in the cash handed over
            "SUB-TOTAL $ 663.800\nDESCUENTO -$ 33.200\nVr. TOTAL $ 639.600\n"
            "RECIBIDO $ 809.000\nDEVUELTA $ 169.400",
            "639600", False, id="a-total-a-digit-off-its-subtotal-less-the-discount",
        ),
        pytest.param(  # within 1 % of the subtotal less the discount, as of a base and its tax
            "SUB-TOTAL $ 663.800\nDESCUENTO -$ 33.200\nVr. TOTAL $ 631.000\n"
            "RECIBIDO $ 700.000\nDEVUELTA $ 69.000",
            "631000", False, id="a-total-near-its-subtotal-less-the-discount",
        ),
        pytest.param(
            "SUB-TOTAL $ 663.800\nDESCUENTO -$ 33.200\nVr. TOTAL $ 630.600\n"
            "RECIBIDO $ 800.000\nDEVUELTA $ 169.400",
            "630600", True, id="the-same-total-read-right",
        ),
    ],
)  # fmt: skip
def test_receipt_rules(text, total, confident):
    found, confidence, _ = parse.find_total(text)
    assert found == Decimal(total)
    assert (confidence >= parse.CONFIDENT) is confident


# --- a confidence per field ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "sure"),
    [
        # a bill: its issue date, not the day it must be paid by or the period it covers
        ("Periodo: 01/09/2026 - 30/09/2026\nFecha limite de pago: 20/10/2026\n"
         "Fecha de expedicion: 05/10/2026", datetime.date(2026, 10, 5), True),
        ("Pague hasta 20/10/2026\nFecha: 05/10/2026", datetime.date(2026, 10, 5), True),
        ("Resolucion DIAN 18764 del 2025-01-10\n05/10/2026 10:42", datetime.date(2026, 10, 5),
         False),  # unlabelled: a good guess, not a sure reading
        ("Fecha limite de pago: 20/10/2026", datetime.date(2026, 10, 20), False),  # all there is
        ("Fecha: 05/10/2026\nFecha: 07/10/2026", datetime.date(2026, 10, 5), False),  # which one?
        ("Fecha: 05/10/2026 ... 05/10/2026", datetime.date(2026, 10, 5), True),
        ("no date", None, False),
    ],
)  # fmt: skip
def test_find_date_with_its_confidence(text, expected, sure):
    found, confidence = parse.find_date(text, TODAY)
    assert found == expected
    assert (confidence >= parse.CONFIDENT) is sure


@pytest.mark.parametrize(
    ("text", "expected", "mended"),
    [
        # a year of another century had a digit misread: the issue date, not the due date
        ("Fecha de expedicion: 16JUL3026\nPague hasta: 26/07/2026", datetime.date(2026, 7, 16),
         True),
        ("Fecha: 02/03/2618", datetime.date(2018, 3, 2), True),  # the one year a digit away
        ("Fecha: 02/03/1026", datetime.date(2026, 3, 2), True),
        ("Fecha: 29/02/2924", datetime.date(2024, 2, 29), True),
        ("Fecha: 05/12/3026", None, False),  # mended, it is still after today
        # this century's impossible years are not mended: "13 -2. 98" is a price's digits
        ("Fecha: 05/10/2026\nStat-Buy 28RM 13 -2. 98", datetime.date(2026, 10, 5), False),
        ("Fecha: 05/03/2076", None, False),
        # of the same standing, a date printed as it is wins over a mended one
        ("Fecha: 05/10/3026\nFecha: 07/10/2026", datetime.date(2026, 10, 7), False),
    ],
)  # fmt: skip
def test_a_year_misread_into_another_century_is_mended_and_unsure(text, expected, mended):
    found, confidence = parse.find_date(text, TODAY)
    assert found == expected
    if mended:  # as sure as the same date printed right, less MENDED_YEAR: not sure
        printed = re.sub(r"(?<=\D)[1-3]\d{3}\b", str(found.year), text, count=1)
        assert printed != text and parse.find_date(printed, TODAY)[0] == found
        right = parse.find_date(printed, TODAY)[1]
        assert confidence == pytest.approx(right - parse.dates.MENDED_YEAR)
        assert confidence < parse.CONFIDENT <= right


@pytest.mark.parametrize(
    ("text", "month", "sure"),
    [
        ("Periodo facturado: 01/03/2026 - 31/03/2026", datetime.date(2026, 3, 1), True),
        ("Periodo facturado: 15/02/2026 - 14/03/2026", datetime.date(2026, 2, 1), True),  # mostly
        ("Periodo de servicio: 01-MAR-2026 al 31-MAR-2026", datetime.date(2026, 3, 1), True),
        ("PERIODO FACTURADO: MARZO 2026", datetime.date(2026, 3, 1), True),
        ("Mes de servicio: Abril de 2026", datetime.date(2026, 4, 1), True),
        ("Periodo de facturacion\n03/2026", datetime.date(2026, 3, 1), True),  # on the next line
        ("Billing period: Jan 2026", datetime.date(2026, 1, 1), True),
        ("Fecha: 15/03/2026\nTOTAL 25.000", None, False),  # a ticket has no service month
        ("Periodo: 2031", None, False),
    ],
)
def test_find_service_month(text, month, sure):
    found, confidence = parse.find_service_month(text, TODAY)
    assert found == month
    assert (confidence >= parse.CONFIDENT) is sure


@pytest.mark.parametrize(
    ("text", "expected", "sure"),
    [
        ("CAJERO: MARIA LOPEZ\nALMACENES PARIS LTDA\nNIT 890.903.938-8\nTOTAL 5.000",
         "ALMACENES PARIS LTDA", True),  # not the cashier printed first
        ("Vendedor: ANDRES GOMEZ\nLA ESQUINA DEL PAN\nNIT: 800197268-4", "LA ESQUINA DEL PAN",
         False),  # beside the NIT but no company suffix: likely, not sure
        ("MUEBLES EL ROBLE SAS NIT 890.903.938-8\nCalle 5 # 3-2", "MUEBLES EL ROBLE SAS", True),
        ("OFIMARKET DEL PACIFICO SAS\nCalle 5 # 38-25 Cali\nNit. 890.903.938-8",
         "OFIMARKET DEL PACIFICO SAS", True),  # the address between is skipped
        ("PANADERIA\nCliente: JUAN PEREZ NIT 800197268-4", "PANADERIA", False),
        # a legal form in the header without a NIT is likely, not sure: the second engine reads it again
        ("ABC TRADING SDN BHD\n(Co. No. 1234-X)\nTotal 9.00", "ABC TRADING SDN BHD", False),
        ("12345\n6789", None, False),
        # the registration number is not the name, and does not make it look like a number
        ("AEON CO. (M) BHD (126926-H)\n3RD FLR, AEON TAMAN MALURI SC", "AEON CO. (M) BHD", False),
        # the legal form as OCR misreads it, spelled right; "&" read as "8"
        ("IKANO HANDEL SON BHD\nJalan 1", "IKANO HANDEL SDN BHD", False),
        ("99 SPEED MART 5/B (519537-X)\nLOT 2811, JALAN ANGSA", "99 SPEED MART S/B", False),
        ("SLF CASH 8 CARRY\n(002107265-A)", "SLF CASH & CARRY", False),
        # addresses, postcodes, greetings and item lines are never the name
        ("Pohlweg 110\n33100 Paderborn\nUNSERE OFFNUNGSZEITEN\nEUR\nMILCH 0,89", None, False),
        ("Thank You. Please come again.\nGoods Sold Are Not Returnable\nTAX INVOICE", None, False),
        # a handwritten note above the header loses to a trade's name
        ("tan woon yann\nYONGFATT ENTERPRISE\nNO.122, JALAN DEDAP 13", "YONGFATT ENTERPRISE",
         False),
        # a name broken over two lines, the second with the legal form
        ("THE COFFEE BEAN\n& TEA LEAF (M) SDN. BHD.", "THE COFFEE BEAN & TEA LEAF (M) SDN. BHD.",
         False),
        ("NX SA 7 RO\nFERRETERIA EL TORNILLO", "FERRETERIA EL TORNILLO", False),  # noise, not S.A.
        # short of a legal form or a trade, a name is above the address: not the first item
        ("Pohlweg 110\n33100 Paderborn\nECHTER RUM 40%VOL\nMILCH 1,09", None, False),
        # a street whose name was misread is still the address: a word and its number above a
        # postcode
        ("Lindenwege 4\n10115 Berlin\nMILCH 0,89", None, False),
        # short of a legal form or a trade, the line the shop's web address names, below slogans
        ("FRISCH & GUT\nEinfach lecker\nKornmarkt Weber\nLindenallee 4\n10115 Berlin\n"
         "www.kornmarkt-weber.de", "Kornmarkt Weber", False),
        # ...not a mail provider's
        ("FRISCH & GUT\nKornmarkt Weber\nLindenallee 4\nkornmarkt@gmail.com", "FRISCH & GUT",
         False),
        # no name in the header (a logo): the company printed at the foot, likely
        ("Pohlweg 110\n33100 Paderborn\n" + "MILCH 1,09 A\n" * 8 + "SUMME 8,72\n"
         ">| Aldi GmbH 8 Co. KG, Schloss Holte", "Aldi GmbH & Co. KG, Schloss Holte", False),
        # a title above the name is not its address; Malaysia's "SB"; a wholesaler's trade
        ("TAX INVOICE\nDOMINO'S PIZZA\nNo,12, Jalan Permas Jaya 10", "DOMINO'S PIZZA", False),
        ("PUSAT DAGANGAN PHILEO\nMYNEWS RETAIL SB(306295-X)", "MYNEWS RETAIL SB", False),
        ("GOODS SOLD ARE NOT RETURNABLE\nSLF CASH 8 CARRY\nNO. 15 JLN TEJ 2", "SLF CASH & CARRY",
         False),
        # the shop named above its telephone, not the owner named below it
        ("SANYU STATIONERY SHOP\nNO. 31G, JALAN SETIA INDAH\nTel: +603-3362 4137\nOwned By :\n"
         "SANYU SUPPLY SDN BHD (1135772-K)", "SANYU STATIONERY SHOP", False),
        ("TAX INVOICE\nOLD TOWN WHITE COFFEE\nOld Town Kopitiam Sdn Bhd\nTel: 07-5550139",
         "Old Town Kopitiam Sdn Bhd", False),  # a title above the name does not end the header
    ],
)  # fmt: skip
def test_find_vendor_with_its_confidence(text, expected, sure):
    found, confidence = parse.find_vendor(text)
    assert found == expected
    assert (confidence >= parse.CONFIDENT) is sure


@pytest.mark.parametrize(
    ("text", "expected", "sure"),
    [
        ("NIT 890.903.938-8", "890903938-8", True),  # its printed check digit agrees
        ("NIT 890.903.938-3", "890903938-3", False),  # a digit was misread somewhere
        ("NIT 800197268", "800197268-4", False),  # computed, not confirmed
        ("Cliente NIT 890.903.938-8\nNIT 800.197.268-4", "800197268-4", True),  # not the buyer's
        ("NIT 890.903.938-8\nNIT 800.197.268-4", "890903938-8", False),  # two vendors?
        ("no tax id", None, False),
    ],
)
def test_find_nit_with_its_confidence(text, expected, sure):
    found, confidence = parse.find_nit(text)
    assert found == expected
    assert (confidence >= parse.CONFIDENT) is sure


def test_parse_text_carries_every_field_and_its_confidence():
    bill = (
        "CONECTA TELECOMUNICACIONES S.A. E.S.P.\nNIT 830.122.566-1\n"
        "Fecha de expedicion: Octubre 5 de 2026\nPeriodo facturado: 01/09/2026 - 30/09/2026\n"
        "Saldo anterior $ 95.000\nPago recibido $ 95.000\nInternet hogar $ 84.034\n"
        "IVA 19% $ 15.966\nTOTAL A PAGAR $ 100.000\nFecha limite de pago: 20/10/2026"
    )
    parsed = parse.parse_text(bill, today=TODAY)
    assert parsed.service_month == datetime.date(2026, 9, 1)
    assert parsed.date == datetime.date(2026, 10, 5)
    sure = parsed.confidences
    assert sure.total == parsed.confidence >= parse.CONFIDENT
    assert min(sure.date, sure.vendor, sure.nit, sure.service_month) >= parse.CONFIDENT


def test_a_tax_breakdown_that_nearly_adds_up_contradicts_the_total():
    items = "SILLA $ 266.200\nLAMPARA $ 60.709\n"
    table = "DISCRIMINACION DE IMPUESTOS\nBASE IVA 19% $ 274.118\nVALOR IVA $ 52.082\n"
    misread = parse.find_total(items + "TOTAL $ 326.909\nTARJETA CREDITO $ 326.909\n" + table)
    assert misread[0] == Decimal("326909.00")
    assert misread[1] < parse.CONFIDENT  # 274.118 + 52.082 = 326.200: a digit was misread
    right = items.replace("60.709", "60.000") + "TOTAL $ 326.200\nTARJETA CREDITO $ 326.200\n"
    found, confidence, _ = parse.find_total(right + table)
    assert found == Decimal("326200.00")
    assert confidence >= parse.CONFIDENT


@pytest.mark.parametrize(
    ("line", "dated"),
    [
        ("12/03/2518 13:07", True),  # a year misread: still worth re-reading
        ("19 Mar 2018 18:25", True),
        ("OCT 3, 2016", True),
        ("Fecha: 15/03/2026", True),
        ("Periodo: sep 2026", True),
        ("1 SILLA 389.900", False),
        ("MARIGOLD 2 13.58", False),  # "mar" inside a word is no month
        ("Tel 03-9010-9849", False),
        ("TOTAL 25.000", False),
    ],
)
def test_lines_that_look_dated(line, dated):
    assert parse.looks_dated(line) is dated


RECEIPT_LV = """SIA "LATVIJAS MAIZNICA"
Brivibas iela 123, Riga, LV-1010
PVN reg. Nr. LV40003012345
Kase 2  Ceks 0412
Datums: 2026.03.15 10:42
Rupjmaize 500g 1.85
Piens 2% 1L 1.19
Kafija 250g 4.99
Kopa EUR 8.03
t.sk. PVN 21% 1.39
Skaidra nauda 10.00
Atlikums 1.97
Paldies! Gaidisim atkal!"""


def test_a_latvian_receipt_is_read_as_surely_as_a_spanish_one():
    parsed = parse.parse_text(RECEIPT_LV, default_currency="COP", today=TODAY)
    assert (parsed.total, parsed.currency) == (Decimal("8.03"), "EUR")
    assert parsed.confidence >= parse.CONFIDENT  # paid 10.00, 1.97 back: the sums agree
    assert parsed.date == datetime.date(2026, 3, 15)
    assert parsed.vendor == 'SIA "LATVIJAS MAIZNICA'
    assert parsed.tax == Decimal("1.39")
    assert [parse.classify(line) for line in ("Summa apmaksai 8.03", "Summa bez PVN 6.64",
            "PVN 21% 1.39", "Atlaide -0.50", "Izdotā nauda 1.97", "Noapaļošana 0.02",
            "Apmaksāts ar karti 8.03")] == [
        "total_strong", "subtotal", "tax", "discount", "change", "rounding", "tendered"]  # fmt: skip
    assert parse.find_vendor("Maxima Latvija SIA\nPVN reģ. Nr. LV40003520643")[0] == (
        "Maxima Latvija SIA"
    )


def test_a_returns_policy_is_not_the_change_and_net_amount_is_the_total():
    assert parse.classify("EXCHANGE ARE ALLOWED WITHIN 7 DAYS WITH RECEIPT.") != "change"
    assert parse.classify("NO SE ACEPTAN CAMBIOS DESPUES DE 30 DIAS") != "change"
    assert parse.classify("CAMBIO $ 25.000") == "change"
    assert parse.classify("Net Amt: 36.00") == "total_strong"
    assert parse.classify("Gross Amt: 36.00") == "subtotal"
    assert parse.classify("(B111 Inclusive of 6% GST : RM2.90)") == "tax"
    assert parse.classify("0 sáos (Inclusive of GST) : 599.45") == "total_strong"  # no rate
    text = "TOTAL INCL. GST 6% RM 45.00\nCARD RM 45.00\nEXCHANGE ARE ALLOWED WITHIN 7 DAYS."
    found, confidence, _ = parse.find_total(text)
    assert found == Decimal("45.00") and confidence >= parse.CONFIDENT  # not 45 - 7


def test_without_a_total_label_a_single_card_payment_is_the_total_unsure():
    found, confidence, _ = parse.find_total("GST 6% 60.18 3.61\nMaster Card 63.80")
    assert found == Decimal("63.80") and 0 < confidence < parse.CONFIDENT
    found, _, _ = parse.find_total("4.77 477 SR\nCASH : 599.45\nChange : 0.00")  # paid exactly
    assert found == Decimal("599.45")
    # with change given, the payment is not what it cost
    found, _, _ = parse.find_total("Item 3.00\nCash 50.00\nChange 47.00")
    assert found == Decimal("3.00")


def test_a_total_one_digit_off_what_its_base_and_tax_add_up_to_is_not_sure():
    """One item: its price, the total and the card payment all read "132.000" (an 8 blurred to
    a 3), while the base and the tax add up to 182.000."""
    ticket = (
        "AUDIFONOS USB $ {0}\nTOTAL $ {0}\nTARJETA CREDITO $ {0}\n"
        "BASE IVA 19% $ 152.941\nVALOR IVA $ 29.059"
    )
    _, misread, _ = parse.find_total(ticket.format("132.000"))
    _, right, _ = parse.find_total(ticket.format("182.000"))
    assert right >= parse.CONFIDENT > misread


def test_a_tax_found_by_the_rate_on_its_base_line_checks_the_total():
    """The tax's label garbled ("VALOR IV/"): the amount below the base that is its printed rate
    of it is the tax, and the total a digit apart from base plus tax is not sure."""
    ticket = (
        "ESCRITORIO $ 355.{0}00\nMONITOR $ 1.545.500\nTOTAL $ 1.900.{0}00\n"
        "TARJETA CREDITO $ 1.900.{0}00\nDISCRIMINACION DE IMPUESTOS\n"
        "BASE IVA 19% $ 1.597.311\nVALOR IV/ $ 303.489"
    )
    right, sure, _ = parse.find_total(ticket.format("8"))
    misread, unsure, _ = parse.find_total(ticket.format("3"))  # an 8 blurred to a 3, twice
    assert right == Decimal("1900800") and sure >= parse.CONFIDENT
    assert misread == Decimal("1900300") and unsure < parse.CONFIDENT
    # an amount that is not the rate of the base is no tax: the misread total stays unchallenged
    _, unchecked, _ = parse.find_total(ticket.format("3").replace("303.489", "303.000"))
    assert unchecked >= parse.CONFIDENT


def test_items_that_add_up_to_the_total_are_no_evidence_when_one_is_misread():
    """ "2 x 111.500  223.600": the quantity times the price is not the amount, so a digit of the
    line was misread (a zero read as 6), and the items adding up to a total misread alike say
    nothing; read "2 x 111.800", the line is its own proof and the sum counts."""
    ticket = "1 x 120.800 $ 120.800\n2 x 111.{0}00 $ 223.600\nTOTAL $ 344.400\nTARJETA $ 344.400"
    total, doubted, _ = parse.find_total(ticket.format("5"))
    _, proven, _ = parse.find_total(ticket.format("8"))
    assert total == Decimal("344400")
    assert doubted + 0.25 == pytest.approx(proven)
    _, glued, _ = parse.find_total(ticket.format("5").replace("2 x ", "2x "))  # as the models read
    assert glued == pytest.approx(doubted)


def test_a_count_under_a_base_in_cents_is_not_its_tax():
    """A base printed with cents has its tax found to the cent: a count ("1 Artikel") is within
    a unit of 19 % of 1,95 but is no tax, and base plus "tax" adding up to the total is chance."""
    counted, with_count, _ = parse.find_total("Summe EUR 2,95\nNetto 19% 1,95\n1 Artikel")
    _, without, _ = parse.find_total("Summe EUR 2,95\nNetto 19% 1,95\nArtikel")
    assert counted == Decimal("2.95")
    assert with_count == without
