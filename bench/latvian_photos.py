"""A photo-realistic Latvian receipt set for the OCR benchmark, made here, deterministic by seed.

    .venv/bin/python bench/latvian_photos.py [OUT] [--count N]

Designed from what Latvian tills print, not from what the reader knows: legal names with SIA / AS,
"PVN maksātāja Nr. LV4000…", addresses with LV-#### post codes, Kase / Čeks Nr. / Kasieris,
quantities "2 x 1.29" and weights "0.842 kg x 1.89", VAT letters, loyalty "Atlaide" lines,
Starpsumma / KOPĀ / Kopā apmaksai / Summa apmaksai / Samaksai EUR, VAT tables (21 / 12 / 5 %,
deposits at 0 %), cash rounded to 5 cents since 2025 ("Noapaļošana"), Atlikums / Izdots, card
slips (Autorizācijas kods, APSTIPRINĀTS), dates as 2025-05-12 14:33:02, 12.05.2025 14:33,
2025.05.12, 12.05.25 or "2025. gada 12. maijā", amounts with a point or a comma, EUR or €.

Templates: the `tune/` split has a supermarket roll, a fuel station, a pharmacy and a café bill
with a tip; `held/` has another supermarket layout, a press kiosk, a DIY store, a drugstore and an
office-supply e-shop's Pavadzīme on A4. Shops (invented, with invented registration numbers) and
seeds are disjoint too. Most are photographed as colombian_photos does (curl, creases, fading,
perspective, shadow, blur, noise, JPEG 40-75), long rolls from closer; a fifth are careful photos,
a tenth flat-bed scans.
The labelled total is what was paid: the cash total after 5-cent rounding, a tip included.

Splits under OUT (default var/receipts-lv): `tune/` and `held/`, each with `labels.csv`
(`id,file,total,currency,date,company,set`, date DD/MM/YYYY, company the legal name as printed)
and `images/`.
"""

import argparse
import csv
import datetime
import io
import random
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
import colombian_photos as co
import colombian_scans as cs

REPO = Path(__file__).resolve().parent.parent
CENT, ZERO = Decimal("0.01"), Decimal(0)
RATES = {"std": Decimal(21), "red": Decimal(12), "low": Decimal(5), "dep": Decimal(0)}
LOCATIVE = ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā",
            "septembrī", "oktobrī", "novembrī", "decembrī"]  # fmt: skip
STAMPS = {"iso": "%Y-%m-%d %H:%M:%S", "iso_min": "%Y-%m-%d %H:%M", "dots": "%d.%m.%Y %H:%M",
          "dots_sec": "%d.%m.%Y %H:%M:%S", "ydots": "%Y.%m.%d %H:%M", "short": "%d.%m.%y %H:%M",
          "dotend": "%d.%m.%Y. %H:%M", "ydate": "%Y.%m.%d", "date": "%d.%m.%Y"}  # fmt: skip
NAMES = ["Anna", "Ilze", "Laura", "Jānis", "Kristīne", "Andris", "Līga", "Edgars", "Inese",
         "Māris", "Zane", "Olga", "Sergejs", "Dace", "Ģirts", "Ieva"]  # fmt: skip

# --- shops, invented, disjoint between the splits: (brand, legal name, address) -----------------

Shop = tuple[str, str, str]
TUNE_SHOPS: dict[str, list[Shop]] = {
    "supermarket": [
        ("ZAĻAIS GROZS", 'SIA "ZAĻAIS GROZS"', "Brīvības iela 112, Rīga, LV-1001"),
        ("NORDA", 'SIA "Norda Lielveikali"', "Rīgas iela 44, Jelgava, LV-3001"),
        ("LĀSE", 'AS "Lāse Retail"', "Stacijas iela 3, Valmiera, LV-4201"),
    ],
    "fuel": [
        ("CEĻMALA", 'AS "CEĻMALA DEGVIELA"', "Rīgas gatve 5, Ādaži, Ādažu nov., LV-2164"),
        ("DZINTARS OIL", 'SIA "Dzintars Oil"', "Kalnciema iela 160, Rīga, LV-1046"),
    ],
    "pharmacy": [
        ("Aptieka OZOLS", 'SIA "Ozolu Aptieka"', "Lāčplēša iela 37, Rīga, LV-1011"),
        ("Saules aptieka", 'SIA "Saules Farmācija"', "Lielā iela 11, Ventspils, LV-3601"),
    ],
    "cafe": [
        ('Kafejnīca "Pīlādzis"', 'SIA "Pīlādža Nams"', "Jomas iela 40, Jūrmala, LV-2015"),
        ("Bistro VECRĪGA", 'SIA "Vecrīgas Bistro"', "Kaļķu iela 8, Rīga, LV-1050"),
    ],
}
HELD_SHOPS: dict[str, list[Shop]] = {
    "supermarket": [
        ("DAUGAVA", 'SIA "Daugavas Tirgotājs"', "18. novembra iela 31, Daugavpils, LV-5401"),
        ("MEŽA MARKET", "Meža Market SIA", "Graudu iela 20, Liepāja, LV-3401"),
        ("ĶIRSIS", 'SIA "ĶIRŠU VEIKALI"', "Pils iela 2, Cēsis, LV-4101"),
    ],
    "kiosk": [
        ("PRESES PUNKTS", 'SIA "Preses Punkts"', "Stacijas laukums 2, Rīga, LV-1050"),
        ("MAZAIS KIOSKS", "SIA Mazais Kiosks", "Dzirnavu iela 67, Rīga, LV-1011"),
    ],
    "diy": [
        ("BŪVMEISTARS", 'SIA "Būvmeistars"', "Krasta iela 68a, Rīga, LV-1019"),
        ("KURZEMES CELTNIEKS", 'AS "Kurzemes Celtnieks"', "Ventspils iela 50, Liepāja, LV-3405"),
    ],
    "drogerie": [
        ("DZINTARA DROGĒRIJA", 'SIA "Dzintara Drogērija"', "Brīvības iela 44, Ogre, LV-5001"),
        ("ZIEDS", 'SIA "Zieds Kosmētika"', "Ulmaņa gatve 86, Rīga, LV-1046"),
    ],
    "invoice": [
        ("Biroja Pasaule", 'SIA "Biroja Pasaule"', "Ganību dambis 17a, Rīga, LV-1045"),
        ("DatorNoliktava.lv", 'SIA "Datoru Noliktava"', "Mūkusalas iela 42, Rīga, LV-1004"),
    ],
}

# --- what they sell: (name, lowest and highest price in cents[, VAT group]) ---------------------

GROCERIES = [
    ("Piens 2,5% 1L", 95, 149, "std"), ("Rupjmaize 500g", 129, 259, "std"),
    ("Biezpiens 9% 200g", 99, 189, "std"), ("Kefīrs 1% 1L", 109, 169, "std"),
    ("Sviests 82% 200g", 249, 389, "std"), ("Siers Holandes 300g", 299, 499, "std"),
    ("Olas M 10gab", 209, 329, "std"), ("Kafija malta 500g", 549, 899, "std"),
    ("Tēja melnā 25x2g", 149, 299, "std"), ("Cukurs 1kg", 109, 159, "std"),
    ("Milti kviešu 2kg", 139, 219, "std"), ("Makaroni 500g", 89, 179, "std"),
    ("Griķi 800g", 139, 249, "std"), ("Desa Doktora 400g", 249, 429, "std"),
    ("Skābais krējums 20% 400g", 159, 249, "std"), ("Jogurts zemeņu 150g", 49, 99, "std"),
    ("Šokolāde piena 100g", 109, 229, "std"), ("Pelmeņi 1kg", 349, 599, "std"),
    ("Šprotes eļļā 160g", 169, 299, "std"), ("Majonēze 400g", 179, 299, "std"),
    ("Zīdaiņu biezenis 125g", 89, 159, "red"), ("Tualetes papīrs 8 ruļļi", 299, 549, "std"),
    ("Iepirkumu maisiņš", 9, 19, "std"), ("Saldējums plombīrs 120ml", 89, 169, "std"),
]  # fmt: skip
DRINKS = [
    ("Minerālūdens 1,5L", 59, 119), ("Sula ābolu 1L", 119, 229), ("Alus gaišais 0,5L", 119, 209),
    ("Kvass 1,5L", 149, 229), ("Limonāde 0,5L", 89, 149),
]  # fmt: skip
WEIGHED = [
    ("Āboli Gala", 129, 249, "low"), ("Banāni", 119, 179, "low"), ("Tomāti", 249, 449, "low"),
    ("Gurķi", 169, 349, "low"), ("Burkāni", 59, 119, "low"), ("Kartupeļi", 49, 99, "low"),
    ("Vistas fileja", 599, 899, "std"), ("Cūkgaļas karbonāde", 549, 849, "std"),
]  # fmt: skip
FUEL_SHOP = [
    ("Kafija 300ml", 179, 279, "std"), ("Hotdogs klasiskais", 199, 329, "std"),
    ("Logu šķidrums -20°C 4L", 499, 899, "std"), ("Ūdens 0,5L", 89, 149, "std"),
    ("Auto mazgāšana Standarta", 700, 1200, "std"), ("Kruasāns", 129, 199, "std"),
]  # fmt: skip
PHARMACY = [
    ("Paracetamols 500mg N20", 189, 349, "red"), ("Ibuprofēns 400mg N24", 329, 599, "red"),
    ("Deguna aerosols 10ml", 399, 699, "red"), ("Pretklepus sīrups 100ml", 549, 899, "red"),
    ("Termometrs digitālais", 499, 1299, "red"), ("Plāksteris 20gab.", 199, 399, "red"),
    ("Vitamīns C 1000mg N30", 499, 899, "std"), ("Magnijs B6 N50", 599, 1099, "std"),
    ("Roku krēms 75ml", 299, 599, "std"), ("Rīkles pastilas N24", 449, 749, "red"),
]  # fmt: skip
CAFE = [
    ("Kapučīno", 290, 390), ("Latte", 310, 420), ("Melnā tēja", 190, 260),
    ("Soļanka", 450, 690), ("Dienas zupa", 390, 590), ("Karbonāde ar kartupeļiem", 890, 1390),
    ("Pelēkie zirņi ar speķi", 590, 890), ("Siļķe ar biezpienu", 690, 990),
    ("Biešu salāti", 350, 550), ("Rupjmaizes kārtojums", 390, 590),
    ("Kūka Napoleons", 350, 490), ("Mājas limonāde 0,4L", 320, 450), ("Alus 0,5L", 450, 650),
]  # fmt: skip
KIOSK = [
    ("Kafija Americano", 190, 290, "std"), ("Hotdogs", 199, 299, "std"),
    ("Laikraksts Rīgas Vēstis", 120, 200, "low"), ("Žurnāls Mājas Dārzs", 250, 450, "low"),
    ("Košļājamā gumija", 99, 169, "std"), ("Bulciņa ar kanēli", 119, 189, "std"),
    ("Ūdens 0,5L", 89, 139, "std"), ("Šokolādes batoniņš", 99, 169, "std"),
]  # fmt: skip
DIY = [
    ("Skrūves kokam 4x40 200gab", 399, 799), ("Krāsa iekšdarbiem balta 2,5L", 1499, 3299),
    ("Ota 50mm", 199, 499), ("Līmlente maskēšanas 50m", 249, 449),
    ("Dībeļi 6x30 100gab", 299, 599), ("Silikons sanitārais 280ml", 449, 899),
    ("Spuldze LED E27 9W", 199, 499), ("Pagarinātājs 3 ligzdas 3m", 599, 1299),
    ("Darba cimdi", 149, 399), ("Urbis metālam 6mm", 249, 599),
    ("Montāžas putas 750ml", 599, 999), ("Ģipškartona skrūves 1000gab", 999, 1899),
    ("Lamināts 8mm", 699, 1499),
]  # fmt: skip
DROGERIE = [
    ("Šampūns 400ml", 299, 699), ("Zobu pasta 75ml", 149, 399), ("Dušas želeja 250ml", 199, 449),
    ("Dezodorants 150ml", 299, 599), ("Vates kociņi 200gab", 99, 199),
    ("Sejas krēms 50ml", 699, 1899), ("Mitrās salvetes 72gab", 129, 299),
    ("Veļas pulveris 2kg", 699, 1299), ("Lūpu balzams", 199, 399), ("Matu krāsa", 499, 999),
    ("Skūšanās putas 200ml", 249, 499), ("Vitamīni D3 N60", 599, 1199),
]  # fmt: skip
OFFICE = [  # (name, unit, lowest and highest price without VAT in cents)
    ("Printera papīrs A4 80g 500 lap.", "iep.", 399, 649),
    ("Lodīšu pildspalva zila 10gab.", "iep.", 249, 599), ("Mape ar spiedpogu A4", "gab.", 49, 129),
    ("Tonera kasetne melna (analogs)", "gab.", 1999, 3999),
    ("Klaviatūra USB LV/EN", "gab.", 1299, 2999), ("Bezvadu pele", "gab.", 899, 2499),
    ("Monitora statīvs", "gab.", 2499, 5999), ("USB-C kabelis 1m", "gab.", 499, 1299),
    ("Biroja krēsls ergonomisks", "gab.", 8999, 21999), ("Galda lampa LED", "gab.", 1999, 4999),
    ("Piezīmju lapiņas 76x76", "iep.", 99, 249),
]  # fmt: skip


# --- money, items, VAT, payment -----------------------------------------------------------------


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


@dataclass
class Money:
    """Amounts as a till prints them: a point or a comma, and an optional EUR / € after totals."""

    comma: bool
    affix: str = ""

    def __call__(self, value: Decimal, total: bool = False, sign: bool = False) -> str:
        text = f"{value:+.2f}" if sign else f"{value:.2f}"
        text = text.replace(".", ",") if self.comma else text
        return f"{text}{self.affix}" if total else text

    def three(self, value: Decimal) -> str:
        """A weight or a price per litre, to three places."""
        return f"{value:.3f}".replace(".", ",") if self.comma else f"{value:.3f}"

    def grouped(self, value: Decimal) -> str:
        """With a space between thousands, as invoicing software prints them."""
        text = f"{value:,.2f}".replace(",", " ")
        return text.replace(".", ",") if self.comma else text


@dataclass
class Item:
    name: str
    qty: Decimal
    unit: Decimal
    group: str  # a key of RATES
    discount: Decimal = ZERO
    weighed: bool = False

    @property
    def gross(self) -> Decimal:
        return cents(self.qty * self.unit)

    @property
    def amount(self) -> Decimal:
        return self.gross - self.discount


def price(rng: random.Random, lo: int, hi: int) -> Decimal:
    """A shelf price, ending in 9 most of the time."""
    value = rng.randint(lo, hi)
    return Decimal(value // 10 * 10 + 9 if rng.random() < 0.8 else value) / 100


def pick(rng: random.Random, catalogue: list, count: int, discounts: float = 0.0) -> list[Item]:
    """Items from a (name, lo, hi, group) catalogue; a share of them discounted 10-30 %."""
    items = []
    for name, lo, hi, group in rng.sample(catalogue, min(count, len(catalogue))):
        item = Item(name, Decimal(rng.choice([1, 1, 1, 1, 2, 2, 3, 4])), price(rng, lo, hi), group)
        if rng.random() < discounts:
            item.discount = cents(item.gross * rng.choice([10, 15, 20, 25, 30]) / 100)
        items.append(item)
    return items


def basket(rng: random.Random, count: int, discounts: float) -> list[Item]:
    """A supermarket basket: groceries, weighed produce and meat, drinks each followed by its
    bottle deposit (Depozīta iepakojums, 0.10 a bottle, no VAT)."""
    runs = [[i] for i in pick(rng, GROCERIES, count, discounts)]
    for name, lo, hi, group in rng.sample(WEIGHED, rng.choice([0, 1, 1, 2, 3])):
        weight = Decimal(rng.randint(150, 2400)) / 1000
        runs.append([Item(name, weight, price(rng, lo, hi), group, weighed=True)])
    for name, lo, hi in rng.sample(DRINKS, rng.choice([0, 0, 1, 2])):
        drink = Item(name, Decimal(rng.choice([1, 1, 2, 4, 6])), price(rng, lo, hi), "std")
        runs.append([drink, Item("Depozīta iepakojums", drink.qty, Decimal("0.10"), "dep")])
    rng.shuffle(runs)
    return [item for run in runs for item in run]


def vat_rows(items: list[Item]) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """(group, net, VAT, gross) for each rate present, from gross prices with VAT in them."""
    rows = []
    for group, rate in RATES.items():
        if any(i.group == group for i in items):
            gross = sum((i.amount for i in items if i.group == group), ZERO)
            net = cents(gross * 100 / (100 + rate))
            rows.append((group, net, gross - net, gross))
    return rows


def cols(cells: list[str], widths: list[int]) -> str:
    """A table row: the first cell left-aligned, the others right-aligned in their widths."""
    first = cells[0][: widths[0]].ljust(widths[0])
    return first + "".join(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))


def row(label: str, amount: str, width: int) -> str:
    return co._row(label[: width - len(amount) - 1], amount, width)


def stamp(moment: datetime.datetime, style: str) -> str:
    return moment.strftime(STAMPS[style])


def reg_number(legal: str) -> str:
    """An invented 11-digit registration number, the same for a shop every time."""
    return "4000" + str(random.Random(legal).randint(1_000_000, 9_999_999))


def card_slip(
    rng: random.Random, total: Decimal, m: Money, width: int, moment: datetime.datetime
) -> list[str]:
    """The card terminal's slip printed under the receipt, with its own date style."""
    when = moment + datetime.timedelta(seconds=rng.randint(5, 50))
    return [
        "-" * width,
        "^" + rng.choice(["KARTES MAKSĀJUMS", "PIRKUMS", "MAKSĀJUMS AR KARTI"]),
        f"Termināļa ID: {rng.randint(10**7, 10**8 - 1)}",
        f"Tirgotāja ID: {rng.randint(10**11, 10**12 - 1)}",
        rng.choice(["VISA", "VISA CONTACTLESS", "Mastercard", "MASTERCARD CONTACTLESS", "Maestro"]),
        "Karte: " + "*" * 12 + str(rng.randint(1000, 9999)),
        stamp(when, rng.choice(["dots_sec", "iso", "short"])),
        row("PIRKUMS", f"EUR {m(total)}", width),
        f"Autorizācijas kods: {rng.randint(0, 999999):06d}",
        f"RRN: {rng.randint(10**11, 10**12 - 1)}",
        "^APSTIPRINĀTS",
        "^" + rng.choice(["PIN pārbaudīts", "Paraksts nav nepieciešams", "Bezkontakta"]),
        "^" + rng.choice(["KLIENTA EKSEMPLĀRS", "Klienta kopija"]),
    ]


def pay(
    rng: random.Random, total: Decimal, m: Money, width: int, cash_share: float, words: str
) -> tuple[list[str], Decimal, bool]:
    """Payment lines, what was paid, and whether by card; `words` are the card's, the cash's and
    the change's labels, "|"-separated. Cash is rounded to 5 cents (Latvia, since 2025)."""
    card, cash, change = words.split("|")
    if rng.random() >= cash_share:
        return [row(card, m(total), width)], total, True
    due = cents((total * 20).to_integral_value(ROUND_HALF_UP) / 20)
    lines = []
    if due != total:
        again = rng.choice(["Kopā apmaksai", "Apmaksai skaidrā naudā", "Summa apmaksai"])
        lines += [row("Noapaļošana", m(due - total, sign=True), width), row(again, m(due), width)]
    note = next(n for n in (5, 10, 20, 50, 100, 200, 500, 1000, 2000) if n >= due)
    given = rng.choice(
        [due, Decimal(note), Decimal(note), Decimal(note * 2 if note < 50 else note)]
    )
    lines += [row(cash, m(given), width), row(change, m(given - due), width)]
    return lines, due, False


def vat_table(items: list[Item], m: Money, head: list[str], widths: list[int], label) -> list[str]:
    """A VAT table: a header, then a row per rate labelled `label(group)`."""
    return [cols(head, widths)] + [
        cols([label(group), m(net), m(vat), m(gross)], widths)
        for group, net, vat, gross in vat_rows(items)
    ]


# --- receipts --------------------------------------------------------------------------------


@dataclass
class Receipt:
    """Lines may start with '#' (large bold, centred), '^' (centred) or '*' (bold). On a page,
    tabs separate cells placed at `stops` (fractions of the text width; names left-aligned
    at the first, numbers right-aligned at the others)."""

    lines: list[str]
    total: Decimal
    moment: datetime.datetime
    company: str
    width: int  # characters in a till roll's line
    page: bool = False
    stops: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        """A till wraps what is longer than its roll."""
        if self.page:
            return
        lines = []
        for line in self.lines:
            text = line.lstrip("#^*")
            mark = line[: len(line) - len(text)]
            parts = textwrap.wrap(text, self.width) if len(text) > self.width else [text]
            lines += [mark + part for part in parts]
        self.lines = lines


def supermarket_a(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Tune: a supermarket roll: an item a line with its VAT letter, quantities and weights
    below the name, loyalty discounts under their item, Starpsumma / Atlaides / KOPĀ, a VAT
    table "PVN  Bez PVN  PVN  Ar PVN", the savings, a card slip, the time at the bottom."""
    brand, legal, address = shop
    width = rng.choice([40, 42])
    m = Money(rng.random() < 0.3, rng.choice(["", " EUR"]))
    card = f"{brand.title()} karte"
    items = basket(rng, rng.randint(3, 12), 0.3 * (rng.random() < 0.7))
    letter = {"std": "A", "red": "B", "low": "C", "dep": "D"}
    lines = [
        f"#{brand}", f"^{legal}", f"^{address}", f"^PVN maksātāja Nr. LV{reg_number(legal)}",
        row(f"Kase {rng.randint(1, 12)}", f"Čeks Nr. {rng.randint(1000, 99999)}", width),
        f"Kasieris: {rng.choice(NAMES)}", "-" * width,
    ]  # fmt: skip
    for it in items:
        amount = f"{m(it.gross)} {letter[it.group]}"
        if it.weighed:
            lines += [it.name, row(f"  {m.three(it.qty)} kg x {m(it.unit)} EUR/kg", amount, width)]
        elif it.qty > 1:
            lines += [it.name, row(f"  {it.qty} x {m(it.unit)}", amount, width)]
        else:
            lines.append(row(it.name, amount, width))
        if it.discount:
            lines.append(row(f"  Atlaide ({card})", f"{m(-it.discount)} {letter[it.group]}", width))
    gross = sum((i.gross for i in items), ZERO)
    saved = sum((i.discount for i in items), ZERO)
    total = gross - saved
    lines += ["-" * width, row("Starpsumma", m(gross), width)]
    lines += [row("Atlaides", m(-saved), width)] if saved else []
    lines.append("*" + row("KOPĀ", m(total, total=True), width))
    paid_lines, paid, by_card = pay(
        rng, total, m, width, 0.3, "Bankas karte|Skaidra nauda|Atlikums"
    )
    lines += [*paid_lines, "-" * width]
    lines += vat_table(items, m, ["PVN", "Bez PVN", "PVN", "Ar PVN"], [width - 30, 10, 10, 10],
                       lambda g: f"{letter[g]} {RATES[g]}%")  # fmt: skip
    lines.append("-" * width)
    if saved or rng.random() < 0.5:
        lines.append(f"{card}: " + "*" * 8 + str(rng.randint(1000, 9999)))
        lines.append(row("Jūs ietaupījāt", f"{m(saved)} EUR", width))
    lines += card_slip(rng, total, m, width, moment) if by_card else []
    lines += [stamp(moment, rng.choice(["iso", "iso_min", "dots_sec"])), "^Paldies par pirkumu!",
              "^Čeku saglabājiet preču atgriešanai"]  # fmt: skip
    return Receipt(lines, paid, moment, legal, width)


def fuel(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Tune: a fuel station: litres at a price per litre, maybe a coffee or a car wash, KOPĀ EUR,
    "t.sk. PVN 21%" and "Summa bez PVN", a card slip; a narrow roll, a comma half the time."""
    brand, legal, address = shop
    width = rng.choice([32, 36, 40])
    m = Money(rng.random() < 0.5)
    grade = rng.choice(["Benzīns 95E", "Benzīns 98", "Dīzeļdegviela", "Dīzelis D Arctic"])
    litres = Decimal(rng.randint(800, 6000)) / 100
    fill = Item(grade, litres, Decimal(rng.randint(1499, 1799)) / 1000, "std")
    shop_items = pick(rng, FUEL_SHOP, rng.choice([0, 0, 1, 2]))
    items = ([fill] if rng.random() < 0.85 or not shop_items else []) + shop_items
    lines = [
        f"#{brand}", f"^{legal}", f"^DUS {address.split(',')[1].strip()}", f"^{address}",
        f"^Reģ. Nr. {reg_number(legal)}", f"^PVN Nr. LV{reg_number(legal)}",
        f"Čeks Nr. {rng.randint(1, 999):05d}/{rng.randint(1, 99):03d}",
        stamp(moment, rng.choice(["dots", "dots_sec", "short"])), "-" * width,
    ]  # fmt: skip
    for it in items:
        if it is fill:
            pumped = row(f"{m(it.qty)} L x {m.three(it.unit)}", f"{m(it.gross)} A", width)
            lines += [f"Sūknis {rng.randint(1, 8)}  {it.name}", pumped]
        else:
            each = row(it.name[: width - 18], f"{it.qty} x {m(it.unit)}", width - 9)
            lines.append(row(each, f"{m(it.gross)} A", width))
    total = sum((i.gross for i in items), ZERO)
    ((_, net, vat, _),) = vat_rows(items)
    lines += ["-" * width, "*" + row("KOPĀ EUR", m(total), width)]
    paid_lines, paid, by_card = pay(
        rng, total, m, width, 0.2, "Maksājumu karte|Skaidra nauda|Izdots"
    )
    lines += [*paid_lines, row("t.sk. PVN 21%", m(vat), width), row("Summa bez PVN", m(net), width)]
    lines += card_slip(rng, total, m, width, moment) if by_card else []
    lines += ["^Paldies! Brauciet uzmanīgi!", f"^Kase {rng.randint(1, 4)}  {rng.choice(NAMES)}"]
    return Receipt(lines, paid, moment, legal, width)


def pharmacy(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Tune: a pharmacy: medicines at 12 %, supplements and cosmetics at 21 %, "1 gab. x 2.35"
    under each name, percentage discounts, Summa apmaksai EUR, a VAT table by rate; the legal
    name above the pharmacy's, the date as 2025.05.12."""
    brand, legal, address = shop
    width = 40
    m = Money(rng.random() < 0.4)
    items = pick(rng, PHARMACY, rng.randint(1, 5), 0.25)
    letter = {"std": "A", "red": "B"}
    when = stamp(moment, "ydots") if rng.random() < 0.6 else stamp(moment, "ydate")
    lines = [
        f"^{legal}", f"#{brand}", f"^{address}", f"^Reģ. Nr. {reg_number(legal)}",
        f"^PVN reģ. Nr. LV{reg_number(legal)}", f"^Farmaceits: {rng.choice(NAMES)}",
        row(f"Kvīts Nr. {rng.randint(10000, 99999)}", when, width), "=" * width,
    ]  # fmt: skip
    for it in items:
        amount = f"{m(it.gross)} {letter[it.group]}"
        lines += [it.name, row(f"  {it.qty} gab. x {m(it.unit)}", amount, width)]
        if it.discount:
            share = round(100 * it.discount / it.gross)
            lines.append(row(f"  Atlaide {share}%", m(-it.discount), width))
    total = sum((i.amount for i in items), ZERO)
    lines += ["=" * width, "*" + row("Summa apmaksai EUR", m(total), width)]
    paid_lines, paid, by_card = pay(rng, total, m, width, 0.25, "Maksājumu karte|Saņemts|Atlikums")
    head = ["PVN likme", "Bez PVN", "PVN", "Kopā"]
    lines += paid_lines + vat_table(
        items, m, head, [13, 9, 9, 9], lambda g: f"{letter[g]} {RATES[g]}%"
    )
    lines += card_slip(rng, total, m, width, moment) if by_card and rng.random() < 0.7 else []
    lines += ["^Esiet veseli!", "^Pirms lietošanas izlasiet instrukciju"]
    return Receipt(lines, paid, moment, legal, width)


def cafe(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Tune: a café bill: table and waiter, "2 Kapučīno  2x3.20  6.40", Starpsumma, maybe a tip
    (Dzeramnauda, outside VAT), KOPĀ APMAKSAI, the 21 % VAT in the food, card or cash."""
    brand, legal, address = shop
    width = rng.choice([38, 40, 42])
    m = Money(rng.random() < 0.5, rng.choice(["", " €"]))
    items = [Item(name, Decimal(rng.choice([1, 1, 1, 2, 2, 3])),
                  Decimal(rng.randint(lo // 10, hi // 10)) / 10, "std")
             for name, lo, hi in rng.sample(CAFE, rng.randint(2, 7))]  # fmt: skip
    lines = [
        f"#{brand}", f"^{legal}", f"^{address}", f"^PVN reģ. Nr. LV{reg_number(legal)}",
        row(f"Rēķins Nr. {rng.randint(100, 9999)}", f"Galds {rng.randint(1, 24)}", width),
        f"Viesmīlis: {rng.choice(NAMES)}", stamp(moment, rng.choice(["dots", "dotend"])),
        "-" * width,
    ]  # fmt: skip
    for it in items:
        each = f"{it.qty}x{m(it.unit)}" if it.qty > 1 else ""
        lines.append(row(row(f"{it.qty} {it.name}", each, width - 9), m(it.gross), width))
    food = sum((i.gross for i in items), ZERO)
    tip = cents(food * rng.choice([5, 10, 10, 15]) / 100) if rng.random() < 0.4 else ZERO
    ((_, net, vat, _),) = vat_rows(items)
    lines += ["-" * width, row("Starpsumma", m(food), width)]
    lines += [row("Dzeramnauda", m(tip), width)] if tip else []
    total = food + tip
    label = rng.choice(["KOPĀ APMAKSAI", "KOPĀ APMAKSAI", "Samaksai EUR"])
    lines.append("*" + row(label, m(total, total=True), width))
    paid_lines, paid, by_card = pay(
        rng, total, m, width, 0.3, "Bankas karte|Skaidra nauda|Atlikums"
    )
    lines += [*paid_lines, row("Summa bez PVN", m(net), width), row("PVN 21%", m(vat), width)]
    lines += card_slip(rng, total, m, width, moment) if by_card and rng.random() < 0.5 else []
    lines.append("^Paldies! Gaidīsim Jūs atkal!")
    return Receipt(lines, paid, moment, legal, width)


def supermarket_b(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Held out: another supermarket: "3 gab x 0,89" under every name, the amount and letter on
    that line (A/B/C for 21/12/5 %, N for deposits), loyalty card discounts, Kopā apmaksai EUR,
    Ietaupījums, a VAT table "Likme  Summa bez PVN  PVN  Summa", Kvīts Nr. and date at the end."""
    brand, legal, address = shop
    width = rng.choice([42, 44, 46])
    m = Money(rng.random() < 0.6)
    card = f"{brand.split()[0].title()} karti"
    items = basket(rng, rng.randint(4, 14), 0.35)
    letter = {"std": "A", "red": "B", "low": "C", "dep": "N"}
    lines = [f"#{brand}", f"^{legal}", f"^Reģ.Nr. {reg_number(legal)}  PVN LV{reg_number(legal)}",
             f"^{address}", "-" * width]  # fmt: skip
    for it in items:
        how = f"{m.three(it.qty)} kg" if it.weighed else f"{it.qty} gab"
        lines += [it.name, row(row(f"  {how} x {m(it.unit)}", m(it.gross), width - 2),
                               letter[it.group], width)]  # fmt: skip
        if it.discount:
            discount = row(f"  Atlaide ar {card}", m(-it.discount), width - 2)
            lines.append(row(discount, letter[it.group], width))
    saved = sum((i.discount for i in items), ZERO)
    total = sum((i.amount for i in items), ZERO)
    lines += ["-" * width, "*" + row("Kopā apmaksai EUR", m(total), width)]
    paid_lines, paid, by_card = pay(
        rng, total, m, width, 0.35, "Maksājumu karte|Skaidra nauda|Izdotā nauda"
    )
    lines += paid_lines + ([row(f"Ietaupījums ar {card}", m(saved), width)] if saved else [])
    lines.append("-" * width)
    head, widths = ["Likme", "Summa bez PVN", "PVN", "Summa"], [width - 33, 13, 10, 10]
    lines += vat_table(items, m, head, widths, lambda g: f"{letter[g]}={RATES[g]:.2f}%")
    lines += card_slip(rng, total, m, width, moment) if by_card else []
    till = f"Kvīts Nr. {rng.randint(1, 9999):04d}/{rng.randint(1, 999):03d}"
    lines += [
        "-" * width,
        row(f"Kase Nr. {rng.randint(1, 30)}", f"Kasieris {rng.choice(NAMES)}", width),
        row(till, stamp(moment, rng.choice(["dots_sec", "dots", "dotend"])), width),
        "^PALDIES, KA IEPĒRKATIES!",
    ]
    return Receipt(lines, paid, moment, legal, width)


def kiosk(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Held out: a press kiosk: a narrow roll, "€" after every amount, the press at 5 %,
    Summa apmaksai, "t.sk. PVN" lines, Bezkontakta karte, a two-digit year."""
    brand, legal, address = shop
    width = 32
    m = Money(rng.random() < 0.7, " €")
    items = pick(rng, KIOSK, rng.randint(1, 4))
    street, post_code = address.rsplit(",", 1)
    lines = [
        f"#{brand}", f"^{legal}", f"^{street}", f"^{post_code.strip()}",
        f"^PVN LV{reg_number(legal)}", row(f"Kase {rng.randint(1, 3)}", rng.choice(NAMES), width),
        row(stamp(moment, "short"), f"Nr. {rng.randint(100, 9999)}", width), "-" * width,
    ]  # fmt: skip
    for it in items:
        lines.append(row(row(it.name[:18], f"{it.qty}", 20), m(it.gross, total=True), width))
    total = sum((i.gross for i in items), ZERO)
    lines += ["-" * width, "*" + row("Summa apmaksai", m(total, total=True), width)]
    for group, _, vat, _ in vat_rows(items):
        lines.append(row(f"t.sk. PVN {RATES[group]}%", m(vat, total=True), width))
    paid_lines, paid, by_card = pay(rng, total, m, width, 0.3, "Bezkontakta karte|Saņemts|Atlikums")
    lines += paid_lines
    lines += card_slip(rng, total, m, width, moment) if by_card and rng.random() < 0.6 else []
    lines.append("^Paldies un uz redzēšanos!")
    return Receipt(lines, paid, moment, legal, width)


def diy(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Held out: a DIY store: article codes, units (gab., iep., m2), larger sums, "KOPĀ: EUR",
    "t.sk. PVN 21%", "Summa bez PVN", a return policy, the date first as 2025-05-12 14:33."""
    brand, legal, address = shop
    width = rng.choice([44, 48])
    m = Money(rng.random() < 0.6)
    items = pick(rng, [(*product, "std") for product in DIY], rng.randint(1, 6))
    for it in items:
        if it.name.startswith("Lamināts"):
            it.qty = Decimal(rng.randint(800, 4000)) / 100  # square metres
    head = ["Prece", "Daudz.", "Cena", "Summa"]
    widths = [width - 29, 10, 9, 10]
    lines = [
        f"#{brand}", f"^{legal}", f"^Reģ. Nr. {reg_number(legal)}",
        f"^PVN Nr. LV{reg_number(legal)}", f"^{address}", f"^Tālr. 67{rng.randint(100000, 999999)}",
        stamp(moment, rng.choice(["iso_min", "iso"])) + f"   Kase {rng.randint(1, 9)}",
        f"Apkalpoja: {rng.choice(NAMES)}", f"Čeks: {rng.randint(10**5, 10**6 - 1)}",
        cols(head, widths), "-" * width,
    ]  # fmt: skip
    for it in items:
        unit = "m2" if it.name.startswith("Lamināts") else rng.choice(["gab.", "gab.", "iep."])
        qty = m(it.qty) if unit == "m2" else str(it.qty)
        lines += [f"{rng.randint(100000, 999999)} {it.name}"[:width],
                  cols(["", f"{qty} {unit}", m(it.unit), m(it.gross) + " A"], widths)]  # fmt: skip
    total = sum((i.gross for i in items), ZERO)
    ((_, net, vat, _),) = vat_rows(items)
    lines += ["-" * width, "*" + row("KOPĀ:", f"EUR {m(total)}", width),
              row("t.sk. PVN 21%", m(vat), width), row("Summa bez PVN", m(net), width)]  # fmt: skip
    paid_lines, paid, by_card = pay(
        rng, total, m, width, 0.15, "Apmaksāts ar karti|Skaidra nauda|Izdots"
    )
    lines += paid_lines + (card_slip(rng, total, m, width, moment) if by_card else [])
    lines += ["^Preces var atgriezt 30 dienu laikā", "^uzrādot čeku. Paldies!"]
    return Receipt(lines, paid, moment, legal, width)


def drogerie(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Held out: a drugstore: campaign discounts "Akcija -20%", a loyalty card, points, Kopā EUR,
    a VAT table "PVN  Neto  PVN  Bruto", "€" after the totals, the date as 12.05.2025."""
    brand, legal, address = shop
    width = 40
    m = Money(rng.random() < 0.5, " €")
    items = pick(rng, [(*product, "std") for product in DROGERIE], rng.randint(1, 7), 0.4)
    lines = [
        f"#{brand}", f"^{legal}", f"^{address}", f"^PVN maksātāja Nr. LV{reg_number(legal)}",
        row(stamp(moment, rng.choice(["dotend", "dots"])), f"Kase {rng.randint(1, 5)}", width),
        f"Čeks Nr. {rng.randint(10**6, 10**7 - 1)}   Kasieris: {rng.choice(NAMES)}", "-" * width,
    ]  # fmt: skip
    for it in items:
        lines.append(row(it.name, f"{m(it.gross)} A", width))
        lines += [f"  {it.qty} x {m(it.unit)}"] if it.qty > 1 else []
        if it.discount:
            share = round(100 * it.discount / it.gross)
            lines.append(row(f"  Akcija -{share}%", f"{m(-it.discount)} A", width))
    total = sum((i.amount for i in items), ZERO)
    saved = sum((i.discount for i in items), ZERO)
    lines += ["-" * width, "*" + row("Kopā EUR", m(total, total=True), width)]
    paid_lines, paid, by_card = pay(
        rng, total, m, width, 0.25, "Maksājumu karte|Skaidra nauda|Atlikums"
    )
    head, widths = ["PVN", "Neto", "PVN", "Bruto"], [width - 30, 10, 10, 10]
    lines += paid_lines + vat_table(items, m, head, widths, lambda g: f"A {RATES[g]}%")
    lines += [
        "-" * width, f"Klienta karte: ****{rng.randint(1000, 9999)}",
        row("Šodien ietaupīts", m(saved, total=True), width),
        row("Uzkrātie punkti", str(int(total) + rng.randint(0, 900)), width),
    ]  # fmt: skip
    lines += card_slip(rng, total, m, width, moment) if by_card else []
    lines += ["^Paldies par pirkumu!", "^www." + brand.split()[0].lower() + ".lv"]
    return Receipt(lines, paid, moment, legal, width)


ONES = ["", "viens", "divi", "trīs", "četri", "pieci", "seši", "septiņi", "astoņi", "deviņi"]
STEMS = ["", "vien", "div", "trīs", "četr", "piec", "seš", "septiņ", "astoņ", "deviņ"]


def in_words(n: int) -> str:
    """A number in Latvian words, as "Summa vārdiem" spells it (below a million)."""
    if n >= 1000:
        head = "tūkstotis" if n < 2000 else f"{in_words(n // 1000)} tūkstoši"
        return f"{head} {in_words(n % 1000)}".strip()
    if n >= 100:
        head = "simts" if n < 200 else f"{ONES[n // 100]} simti"
        return f"{head} {in_words(n % 100)}".strip()
    if n >= 20:
        return f"{STEMS[n // 10]}desmit {ONES[n % 10]}".strip()
    if n > 10:
        return f"{STEMS[n - 10]}padsmit"
    return "desmit" if n == 10 else ONES[n] or "nulle"


def invoice(rng: random.Random, shop: Shop, moment: datetime.datetime) -> Receipt:
    """Held out: an office-supply e-shop's Pavadzīme / Rēķins on an A4 page: seller and buyer
    blocks, a table of prices without VAT, Summa bez PVN, PVN 21%, Summa apmaksai EUR, the sum in
    words, issued "2025. gada 12. maijā" or 12.05.2025., a due date a week or two later."""
    brand, legal, address = shop
    m = Money(rng.random() < 0.6)
    rows = []
    for name, unit, lo, hi in rng.sample(OFFICE, rng.randint(1, 6)):
        qty = Decimal(rng.choice([1, 1, 2, 3, 5, 10]))
        rows.append((name, unit, qty, Decimal(rng.randint(lo, hi)) / 100))
    net = sum((cents(qty * each) for _, _, qty, each in rows), ZERO)
    vat = cents(net * RATES["std"] / 100)
    total = net + vat
    day = moment.date()
    issued = day.strftime("%d.%m.%Y.")
    if rng.random() < 0.5:
        issued = f"{day.year}. gada {day.day}. {LOCATIVE[day.month - 1]}"
    due = day + datetime.timedelta(days=rng.choice([7, 10, 14]))
    title = rng.choice(["PAVADZĪME", "PAVADZĪME - RĒĶINS", "RĒĶINS"])
    number = f"{rng.choice(['BP', 'DN', 'EV'])}-{day.year}/{rng.randint(1, 99999):05d}"
    buyer = f"{rng.choice(NAMES)} {rng.choice(['Bērziņš', 'Kalniņa', 'Ozols', 'Liepiņa'])}"
    street = (
        f"{rng.choice(['Skolas', 'Dārza', 'Meža'])} iela {rng.randint(1, 80)}-{rng.randint(1, 60)}"
    )
    bank = rng.choice(["Ziemeļu Banka", "Daugavas Banka"])
    words = in_words(int(total))
    lines = [
        f"#{brand}", "", f"*{title} Nr. {number}", f"Datums: {issued}", "",
        f"Piegādātājs: {legal}", f"Reģ. Nr. {reg_number(legal)}, PVN Nr. LV{reg_number(legal)}",
        f"Juridiskā adrese: {address}",
        f'Banka: AS "{bank}", konts LV{rng.randint(10, 99)}ZIEM{rng.randint(10**12, 10**13 - 1)}',
        "", f"Saņēmējs: {buyer}", f"Piegādes adrese: {street}, Rīga, LV-10{rng.randint(10, 89)}",
        f"Pasūtījums Nr. {rng.randint(10**5, 10**6 - 1)}, apmaksa: "
        + rng.choice(["bankas karte", "pārskaitījums"]),
        f"Apmaksas termiņš: {due.strftime('%d.%m.%Y.')}", "",
        "Nr.\tNosaukums\tMērv.\tDaudz.\tCena\tSumma EUR",
    ]  # fmt: skip
    for n, (name, unit, qty, each) in enumerate(rows, start=1):
        lines.append(f"{n}.\t{name}\t{unit}\t{qty}\t{m(each)}\t{m.grouped(cents(qty * each))}")
    lines += [
        "", "\t\t\t\tSumma bez PVN:\t" + m.grouped(net), "\t\t\t\tPVN 21%:\t" + m.grouped(vat),
        "*\t\t\t\tSumma apmaksai EUR:\t" + m.grouped(total),
        f"Summa vārdiem: {words.capitalize()} eiro, {int(total % 1 * 100):02d} centi", "",
        "Dokuments sagatavots elektroniski un derīgs bez paraksta.",
        f"Izsniedza: {rng.choice(NAMES)} ________   Pieņēma: {buyer} ________",
    ]  # fmt: skip
    return Receipt(lines, total, moment, legal, 80, page=True, stops=(0.05, 0.57, 0.67, 0.8, 1.0))


# --- drawing and photographing -------------------------------------------------------------------


def draw(receipt: Receipt, rng: random.Random) -> Image.Image:
    """The printed paper, 8-bit grey: a till roll in a monospaced font, or an A4 page."""
    size = rng.randint(20, 24) if receipt.page else rng.randint(22, 30)
    faces = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")
    if receipt.page:
        face = rng.choice(["DejaVuSans", "DejaVuSansCondensed"])
        faces = (f"{face}.ttf", f"{face}-Bold.ttf")
    regular, bold = (ImageFont.truetype(str(co.FONTS / face), size) for face in faces)
    big = ImageFont.truetype(str(co.FONTS / faces[1]), int(size * 1.5))
    text_w = int(regular.getlength("0") * receipt.width * (0.75 if receipt.page else 1))
    margin = size * (4 if receipt.page else 1)
    width = text_w + 2 * margin
    spacing = int(size * rng.uniform(1.25, 1.5))
    height = (len(receipt.lines) + 4) * spacing + margin
    if receipt.page:
        height = max(height, int(width * 1.414))
    paper = Image.new("L", (width, height), 255)
    ink = ImageDraw.Draw(paper)
    shade = rng.randint(0, 50)
    y = margin
    for line in receipt.lines:
        font = big if line.startswith("#") else bold if line.startswith("*") else regular
        text = line.lstrip("#^*")
        first, *cells = text.split("\t")
        x = margin
        if line and line[0] in "#^" and not receipt.page:
            x = (width - int(font.getlength(text))) // 2
        ink.text((x, y), first, font=font, fill=shade)
        for n, (cell, stop) in enumerate(zip(cells, receipt.stops, strict=False)):
            right = 0 if n == 0 else int(font.getlength(cell))
            ink.text((margin + int(stop * text_w) - right, y), cell, font=font, fill=shade)
        y += int(spacing * (1.5 if font is big else 1))
    return paper


def shoot(paper: Image.Image, rng: random.Random, effects: np.random.Generator) -> bytes:
    """Mostly a phone photo as colombian_photos takes it; a fifth careful, a tenth scanned. A long
    roll is photographed from closer, filling the frame (else its print would be a few pixels
    high): the paper faded, creased and bowed as colombian_photos does it, framed as a careful
    photo is."""
    roll = rng.random()
    buffer = io.BytesIO()
    if roll < 0.1:
        image = cs.scan(paper, effects, rng.randint(200, 300), whole_bed=rng.random() < 0.5)
        image.save(buffer, "JPEG", quality=rng.randint(80, 95))
    elif roll < 0.3:
        cs.mild_photo(paper, effects).save(buffer, "JPEG", quality=rng.randint(70, 90))
    elif paper.height > 2.5 * paper.width:
        worn = co._creases(co._fade(np.asarray(paper, dtype=np.float32), effects), effects)
        worn = co._curl(np.clip(worn, 0, 255).astype(np.uint8), effects)
        image = cs.mild_photo(Image.fromarray(worn, "L"), effects)
        image.save(buffer, "JPEG", quality=rng.randint(50, 80))
    else:
        co.photograph(paper, effects).save(buffer, "JPEG", quality=rng.randint(40, 75))
    return buffer.getvalue()


# --- the two splits ----------------------------------------------------------------------------

Template = Callable[[random.Random, Shop, datetime.datetime], Receipt]
SPLITS: dict[str, dict] = {  # templates: (template, kind of shop, weight)
    "tune": {"seed": 1000, "shops": TUNE_SHOPS,
             "templates": [(supermarket_a, "supermarket", 4), (fuel, "fuel", 2),
                           (pharmacy, "pharmacy", 2), (cafe, "cafe", 2)]},
    "held": {"seed": 9000, "shops": HELD_SHOPS,
             "templates": [(supermarket_b, "supermarket", 4), (kiosk, "kiosk", 2),
                           (diy, "diy", 2), (drogerie, "drogerie", 2), (invoice, "invoice", 2)]},
}  # fmt: skip


def make(seed: int, split: dict) -> tuple[Receipt, bytes]:
    rng = random.Random(seed)
    moment = datetime.datetime(2025, 1, 3, 8) + datetime.timedelta(
        days=rng.randint(0, 680), minutes=rng.randint(0, 13 * 60), seconds=rng.randint(0, 59)
    )
    templates = split["templates"]
    template, kind, _ = rng.choices(templates, weights=[t[2] for t in templates])[0]
    receipt = template(rng, rng.choice(split["shops"][kind]), moment)
    return receipt, shoot(draw(receipt, rng), rng, np.random.default_rng(seed))


def write_split(folder: Path, name: str, split: dict, count: int) -> None:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    with (folder / "labels.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "file", "total", "currency", "date", "company", "set"])
        for seed in range(split["seed"], split["seed"] + count):
            receipt, data = make(seed, split)
            file = f"images/lv-{name}-{seed}.jpg"
            (folder / file).write_bytes(data)
            date = receipt.moment.strftime("%d/%m/%Y")
            out.writerow([f"lv-{name}-{seed}", file, f"{receipt.total:.2f}", "EUR", date,
                          receipt.company, "lv"])  # fmt: skip
    print(f"{folder}: {count} receipts")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("out", nargs="?", default=str(REPO / "var" / "receipts-lv"))
    parser.add_argument("--count", type=int, default=40, help="receipts per split")
    parser.add_argument("--split", choices=sorted(SPLITS), action="append", help="only these")
    args = parser.parse_args()
    for name, split in SPLITS.items():
        if not args.split or name in args.split:
            write_split(Path(args.out) / name, name, split, args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
