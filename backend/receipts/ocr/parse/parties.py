"""Who sold it: the vendor's NIT (with DIAN's check digit) and its name from the header."""

import re

_NIT = re.compile(
    r"\bN\.?\s?I\.?\s?T\.?\s*[:.#]?\s*((?:\d[.\s]?){6,10}\d?)\s*(?:[-–]\s*(\d))?", re.I
)
_NIT_WEIGHTS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def nit_check_digit(digits: str) -> int:
    """DIAN's check digit (dígito de verificación) for a NIT."""
    total = sum(int(d) * w for d, w in zip(reversed(digits), _NIT_WEIGHTS, strict=False))
    rest = total % 11
    return rest if rest < 2 else 11 - rest


_CUSTOMER = re.compile(r"cliente|adquir|comprador|customer|se[nñ]or(es)?\b|usuario", re.I)


def find_nit(text: str) -> tuple[str | None, float]:
    """The vendor's NIT as "900123456-7" and how sure the reading is, 0..1.

    A printed check digit that DIAN's formula confirms makes it nearly certain (a misread digit
    passes only one time in eleven); a NIT printed beside the customer's name is not the vendor's.
    """
    found: list[tuple[bool, bool, str]] = []
    for line in text.splitlines():
        for m in _NIT.finditer(line):
            digits = re.sub(r"\D", "", m.group(1))
            if not 6 <= len(digits) <= 10:
                continue
            printed = m.group(2)
            check = printed if printed is not None else str(nit_check_digit(digits))
            valid = check == str(nit_check_digit(digits))
            found.append((valid and printed is not None, valid, f"{digits}-{check}"))
            if _CUSTOMER.search(line[: m.start()]):
                found[-1] = (False, False, found[-1][2])  # the buyer's: last resort only
    if not found:
        return None, 0.0
    # stable: first confirmed by its printed check digit, else first valid, else first printed
    confirmed, valid, nit = sorted(found, key=lambda item: (not item[0], not item[1]))[0]
    confidence = 0.95 if confirmed else 0.6 if valid else 0.3
    if len({n for c, _, n in found if c}) > 1:
        confidence -= 0.3  # two confirmed NITs: the vendor's and someone else's
    return nit, round(confidence, 3)


def parse_nit(text: str) -> str | None:
    """The vendor's NIT as "900123456-7"; a valid check digit wins over an invalid one."""
    return find_nit(text)[0]


# contact and document lines: never a name, whatever else they hold
_CONTACT = re.compile(
    r"\b(nit|rut|tel|tlf|telf|fax|phone|www|http|factura|invoice|i[hn]voice|receipt|recibo|"
    r"ticket|welcome|bienvenid\w*|gst|reg|co\.?\s?no|fecha|date|cajero|cashier|regimen|"
    r"r[ée]gimen|resoluci[oó]n|tax|company\s*no|re[gģ]|pvn|t[aā]lr|kase|kasieris|[cč]eks|datums|"
    r"per[ií]odo|cuenta)\b|@|"
    r"\b((sub)?total|summe)\b.*\d|"  # a total's line ("RELAIS TOTAL" may be a name)
    r"\d[.,]\d\d(?!\d)|\$\s?\d{1,3}([.,]\d{3})+|"  # an amount: an item's line, a payment
    r"^\W*(eur|usd|cop|myr|rm)\W*$",  # a column's currency
    re.I,
)
# where it is, and what it wishes the customer: not who it is (unless a company suffix says so)
_PLACE = re.compile(
    r"\b(calle|cra|carrera|av|avenida|kr|cl|dir|diagonal|transversal|barrio|piso|local\s*\d|"
    r"jalan|jln|taman|kawasan|lot|no\.|street|road|floor|flr|level|iela|prospekts|gatve|"
    r"\w*(stra(ss|ß|b)e|str\.|weg|gasse|platz|allee))(?!\w)|"
    r"^\W*\d{4,5}\s+\w|\bLV-?\d{4}\b",  # a postcode before the town
    re.I,
)
_WISH = re.compile(
    r"\b(thank\w*|gracias|please|por\s+favor|visit|vuelva|returnable|tq|danke|paldies|"
    r"horarios?|opening|\w*ffnungszeiten)\b|[?!]\W*$",  # a slogan asks or exclaims; a name does not
    re.I,
)
# who served or bought, printed in the header too
_PERSON = re.compile(
    r"\b(vendedor|atendi\w*|caja|cajer\w*|asesor|mesero|operador|servido|responsable|"
    r"cliente|se[nñ]or(es)?|usuario|adquiriente|comprador|customer|served|table|mesa)\b",
    re.I,
)
# a legal form; OCR reads Malaysia's "SDN BHD" as "SON BHD", "SIN 8HD", "Sdn Ehd", and "S/B" as
# "5/8" or "5/D"
_SDN_BHD = re.compile(r"\bS[DOI0]H?N\.?\s*[BE8]HD\b", re.I)
_SPELLED = re.compile(r"SDN\.?\s*BHD", re.I)
_S_B = re.compile(r"(?<![\w/])[S5]/[B8D](?![\w/])")
# Malaysia's "(M)" before the legal form, read as "(1)", "(H)", "(4)", "(1M)", in wide brackets
_MALAYSIA = re.compile(r"[(（]\s?(1?M|[HN14I])\s?[)）]\s?(?=(SDN|BHD|S/B)\b)", re.I)
_LEADING = re.compile(r"^\W*(SIA|UAB)\s+\W?[^\W\d_]{2}")  # "SIA RIMI LATVIA": its form first
_COMPANY = re.compile(
    r"\b(S\.?A\.?S|LTDA|S\.?A|SDN\.?\s*BHD|BHD|SB|GMBH|MBH|INC|LLC|LTD|E\.?S\.?P|KG|AG|SIA)\b\.?|"
    r"(?<![\w/])S/B(?![\w/])",
    re.I,
)
# what a business calls itself, short of a legal form
_TRADES = (
    r"enterprise|trading|holdings|company|marketing|restoran|restaurant|restaurante|kedai|"
    r"shop|store|mart|market|supermercado|minimercado|mercado|tienda|almac[eé]n(es)?|"
    r"droguer[ií]a|farmacia|panader[ií]a|ferreter[ií]a|papeler[ií]a|muebles|distribuidora|"
    r"comercializadora|cafe|caf[eé]|bakery|bakeries|hardware|stationery|florist|pharmacy|"
    r"markt|apotheke|b[aä]ckerei|tankstelle|cash\s*(&|8|and)\s*carry"
)
_TRADE = re.compile(rf"\b({_TRADES})\b", re.I)
# the same words and the longer legal forms, inside a reading that lost its spaces
_KNOWN = re.compile(rf"{_TRADES}|sdnbhd|bhd|ltda|gmbh|ltd|inc|llc", re.I)
# a registration number printed with the name: "(126926-H)", "(Co. No. 1234-X)"
_REGISTERED = re.compile(r"\([^()]*\d{4}[^()]*(\)|$)")
HEADER_LEGAL = 0.65  # a legal form in the header, without a NIT: likely, to be read again
TRADE_NAMED = 0.55  # a header line with a trade's name ("... HARDWARE")
SITE_NAMED = 0.6  # a header line the shop's web or mail address names
ABOVE_ADDRESS = 0.45  # a wordy line above the address, without a legal form or a trade
# a name broken over lines goes on with a connector, a legal form or inside its brackets
_GOES_ON = re.compile(
    r"^(&|8\s|and\b|y\b|und\b|enterprise\b|trading\b|holdings\b|company\b|[^()]*\))", re.I
)


def _name(line: str) -> str:
    """A header line as a name: without its registration number, its legal form spelled right,
    without the stray marks around it."""
    line = _SDN_BHD.sub(lambda m: m[0] if _SPELLED.match(m[0]) else "SDN BHD", line)
    line = _S_B.sub("S/B", _REGISTERED.sub(" ", line))
    line = _MALAYSIA.sub(" (M) ", line)
    line = re.sub(r"(?<=[A-Za-z]) 8 (?=[A-Za-z])", " & ", line)  # "CASH 8 CARRY"
    line = re.sub(r"(?<=[A-Za-z])0+(?=[A-Za-z])", lambda m: "O" * len(m[0]), line)  # "B0OK"
    line = re.sub(r"\s\d+[.,]\d+\W*$", "", line)  # an amount the line ran into
    line = re.sub(r"\s\|(?=\s)", " ", line)  # a border between words ("HARDWARE | ENTERPRISE")
    line = re.sub(r"\s+", " ", line).strip(" -—|:;,*+'\"_»«“”")
    return line.lstrip(" .>=~¿?!|")[:120]  # a scanner's specks before the name


def _letters(line: str) -> bool:
    """Mostly letters: a name, not a number or noise."""
    letters = sum(ch.isalpha() for ch in line)
    return letters >= 3 and letters >= 0.5 * len(line.replace(" ", ""))


def _wordy(line: str) -> bool:
    return (
        _letters(_name(line))
        and re.search(r"[^\W\d_]{3}", line) is not None  # a word, not specks ("al my")
        and not _CONTACT.search(line)
        and not _PLACE.search(line)
        and not _WISH.search(line)
        and not _PERSON.search(line)
    )


def names_company(line: str) -> bool:
    """A line naming a company by its legal form, after a word of its own or, in Latvia and
    Lithuania, before it (address words do not count against it: "BOOK TA .K (TAMAN DAYA) SDN
    BHD")."""
    name = _name(line)
    form = _COMPANY.search(name)
    return (
        (
            (form is not None and sum(ch.isalpha() for ch in name[: form.start()]) >= 3)
            or _LEADING.match(name) is not None
        )
        and _letters(name)
        and not _CONTACT.search(name)
        and not _PERSON.search(name)
    )


def may_name(line: str) -> bool:
    """Whether a line may name the merchant: not an address, a greeting, an item or a total."""
    return _wordy(line) or names_company(line)


def known_words(name: str) -> int:
    """How many words of a name are a trade's or a legal form, spelled right: of two readings
    of a name, the one with more of them misread fewer letters ("SPEED MART", not "SPEED HART")."""
    return len(_KNOWN.findall(re.sub(r"[^\w&]", "", name)))


def as_name(line: str) -> str | None:
    """A line read as a merchant's name (up to its NIT), or None when it is hardly letters."""
    m = _NIT.search(line)
    name = _name(line[: m.start()] if m else line)
    return name if _letters(name) else None


def find_vendor(text: str, whole: str | None = None) -> tuple[str | None, float]:
    """The merchant's name and how sure the reading is, 0..1: the name printed with the NIT (on
    its line or just above), else a header line with a legal form (with the line above when the
    name was broken over two), else one with a trade's name (a shop, a restaurant...), else the
    first wordy line above the address, else a company printed at the foot; never an address, a
    greeting, an item, the cashier or the customer. `whole` is all of the receipt's text when
    `text` is only its clearest lines (a web address is printed small, and read unsurely)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines[:15]):
        m = _NIT.search(line)
        if not m or _CUSTOMER.search(line):
            continue
        before = line[: m.start()].strip(" -:|,.")
        if _wordy(before) or names_company(before):
            return _name(before), 0.85 if names_company(before) else 0.7
        above = [lines[j] for j in range(i - 1, max(-1, i - 4), -1)]
        named = [name for name in above if names_company(name)]
        if named:
            return _name(named[0]), 0.85
        above = [name for name in above if _wordy(name)]
        if above:
            return _name(above[-1]), 0.6  # the topmost of the lines just above: the name
        break
    head = lines[:8]
    found = _named_in(_header(head)) or _named_in(head)
    if found is None or found[1] < TRADE_NAMED:
        found = _named_by_site(head, whole or text) or found
    return found or _registered_below(lines) or (None, 0.0)


_SITE = re.compile(r"(?:www|https?:/*)\W{0,3}([^\W\d_]{4,})|@\s?([^\W\d_]{4,})", re.I)


def _named_by_site(head: list[str], text: str) -> tuple[str, float] | None:
    """Short of a legal form or a trade, the header line that the shop's web or mail address
    names ("Marktkauf Lehr" above its slogans, "www.marktkauf-lehr.de" below)."""
    sites = {(m[1] or m[2]).upper() for m in _SITE.finditer(text)}
    for line in head:
        letters = re.sub(r"[\W\d_]", "", line).upper()
        if may_name(line) and not _SITE.search(line) and any(site in letters for site in sites):
            return _name(line), SITE_NAMED
    return None


def _registered_below(lines: list[str]) -> tuple[str, float] | None:
    """No name in the header (a logo): the company a German receipt prints at its foot
    ("Aldi GmbH & Co. KG, Schloß Holte"), likely the merchant's."""
    for line in lines[8:]:
        if names_company(line) and not _CUSTOMER.search(line):
            return _name(line), 0.5
    return None


def _header(lines: list[str]) -> list[str]:
    """The lines from the first that may be a name down to the first contact line after it
    (telephone, tax id, "TAX INVOICE"): a company named below those ("Owned by: X SDN BHD") is
    the owner of the shop named above them."""
    first = next((i for i, line in enumerate(lines) if may_name(line)), 0)
    end = next((i for i in range(first + 1, len(lines)) if _CONTACT.search(lines[i])), len(lines))
    return lines[:end]


_NUMBERED = re.compile(r"[^\W\d_]{3,}\.?\s+\d{1,4}\s?[a-z]?\W*$", re.I)  # "Pohlwege 110"
_POSTCODE = re.compile(r"^\W*\d{4,5}\s+[^\W\d_]")


def _placed(head: list[str], i: int) -> bool:
    """Whether the i-th line is (the start of) the address: a street, a town by its postcode, or
    a word and a number above a postcode (a street whose name was misread: "Pohlwege 110")."""
    return _PLACE.search(head[i]) is not None or (
        _NUMBERED.search(head[i]) is not None
        and i + 1 < len(head)
        and _POSTCODE.search(head[i + 1]) is not None
    )


def _named_in(head: list[str]) -> tuple[str, float] | None:
    """The name among these header lines, and how sure: a legal form, else a trade, else the
    first wordy line above the address."""
    for i, line in enumerate(head):
        if names_company(line):
            start = i  # the name may begin a line or two above ("AIK HUAT HARDWARE",
            # "ENTERPRISE (SETIA", "ALAM) SDN BHD")
            while start and _GOES_ON.search(head[start]) and _wordy(head[start - 1]):
                start -= 1
            return _name(" ".join(head[start : i + 1])), HEADER_LEGAL
    for line in head:
        if _TRADE.search(line) and _wordy(line):
            return _name(line), TRADE_NAMED
    # short of a legal form or a trade, a name is printed above the address; with no address,
    # the first wordy line is as likely an item
    placed = next((i for i, line in enumerate(head) if _placed(head, i)), None)
    above = [line for line in head[:placed] if _wordy(line)]
    return (_name(above[0]), 0.4 if placed is None else ABOVE_ADDRESS) if above else None


def parse_vendor(text: str) -> str | None:
    """The business name from the header: a line with a company suffix, else the first wordy line."""
    return find_vendor(text)[0]
