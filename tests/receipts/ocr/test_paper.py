"""Finding the paper in a photo, undoing its perspective, and levelling its light."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from receipts.ocr import orient, paper

pytestmark = pytest.mark.skipif(not paper.available(), reason="OpenCV is not installed")

CORNERS = [(180, 90), (520, 130), (490, 700), (140, 660)]  # tl, tr, br, bl


def sheet_on_desk(corners=CORNERS, shadow: bool = False) -> Image.Image:
    """A light sheet with lines of 'text' lying at an angle on a dark, grainy desk."""
    rng = np.random.default_rng(1)
    desk = rng.normal(70, 12, (800, 700)).clip(0, 255).astype(np.uint8)
    image = Image.fromarray(desk)
    draw = ImageDraw.Draw(image)
    draw.polygon(corners, fill=235)
    tl, tr, br, bl = (np.array(c, dtype=float) for c in corners)
    for row in range(12):
        t = 0.06 + 0.075 * row  # rows of ink from the left edge to the right one
        left, right = tl + (bl - tl) * t, tr + (br - tr) * t
        start, end = left + (right - left) * 0.1, left + (right - left) * 0.85
        draw.line((*start, *end), fill=30, width=6)
    if shadow:
        band = Image.new("L", image.size, 0)
        ImageDraw.Draw(band).polygon([(0, 300), (700, 220), (700, 420), (0, 500)], fill=110)
        image = Image.composite(
            Image.new("L", image.size, 0), image, band.filter(ImageFilter.GaussianBlur(25))
        )
    return image


def test_outline_finds_the_corners_of_a_sheet_on_a_desk():
    quad = paper.outline(sheet_on_desk())
    assert quad is not None
    # within a few pixels of each true corner, widened by the margin
    assert np.abs(quad - np.array(CORNERS, dtype=np.float32)).max() < 20


def test_outline_survives_a_shadow_across_the_sheet_and_the_desk():
    quad = paper.outline(sheet_on_desk(shadow=True))
    assert quad is not None
    assert np.abs(quad - np.array(CORNERS, dtype=np.float32)).max() < 20


def test_outline_tells_paper_from_a_coloured_cloth_as_light_in_grey():
    """A sheet in the shade on a lit green bedspread: both are about 200 in grey."""
    sheet = sheet_on_desk()  # the geometry and the ink: where it is 235, the paper
    pixels = np.asarray(sheet)
    rgb = np.empty((*pixels.shape, 3), np.uint8)
    rgb[:] = (120, 255, 120)  # 0.299 * 120 + 0.587 * 255 + 0.114 * 120 = 199 in grey
    rgb[pixels == 235] = (200, 200, 196)
    rgb[pixels == 30] = (30, 30, 30)
    photo = Image.fromarray(rgb)
    assert paper.outline(photo.convert("L")) is None  # alike in grey
    quad = paper.outline(photo)
    assert quad is not None
    assert np.abs(quad - np.array(CORNERS, dtype=np.float32)).max() < 20
    page, probe = paper.sheet(photo)
    assert page.mode == "L" and probe is page  # cut out along its outline: nothing around it


def test_outline_finds_a_small_bill_photographed_from_afar():
    """A bill covering 8 % of the photo (a phone held far above the desk) is still cut out."""
    corners = [(200, 300), (470, 330), (460, 500), (190, 480)]
    quad = paper.outline(sheet_on_desk(corners))
    assert quad is not None
    assert np.abs(quad - np.array(corners, dtype=np.float32)).max() < 15


def test_no_outline_in_a_scan_or_around_a_qr_code():
    scan = Image.new("L", (600, 800), 250)
    ImageDraw.Draw(scan).rectangle((100, 100, 400, 400), fill=250, outline=0, width=40)
    assert paper.outline(scan) is None  # a dark square on white paper is not the paper
    assert paper.outline(Image.new("L", (600, 800), 128)) is None


def test_flatten_makes_the_sheet_upright_and_rectangular():
    page = paper.flatten(sheet_on_desk(), np.array(CORNERS, dtype=np.float32))
    pixels = np.asarray(page)
    assert page.height > page.width  # a receipt stays tall
    assert pixels[:, :10].mean() > 180 and pixels[:, -10:].mean() > 180  # no desk left in it
    # the text rows run level now: each inked row band is dark across its whole width
    ink_rows = (pixels < 100).mean(axis=1)
    assert ink_rows.max() > 0.6


def test_even_light_whitens_a_shadow_but_keeps_the_ink():
    page = Image.new("L", (500, 700), 235)
    draw = ImageDraw.Draw(page)
    for row in range(14):
        draw.text((30, 20 + 48 * row), "TOTAL A PAGAR $ 25.000", fill=20, font_size=28)
    shade = np.ones((700, 500), np.float32)
    shade[250:450] = 0.45  # a shadow band across the middle
    shaded = Image.fromarray((np.asarray(page) * shade).astype(np.uint8)).filter(
        ImageFilter.GaussianBlur(1)
    )
    levelled = np.asarray(paper.even_light(shaded)).astype(int)
    paper_in_shadow = levelled[250:450][np.asarray(page)[250:450] > 200]
    assert paper_in_shadow.mean() > 200  # the shadowed paper is white again
    assert levelled[np.asarray(page) < 60].mean() < 110  # the ink stays dark


def test_even_light_leaves_an_evenly_lit_page_alone():
    page = Image.new("L", (400, 500), 240)
    ImageDraw.Draw(page).text((20, 20), "GRACIAS", fill=0, font_size=30)
    assert paper.even_light(page) is page


def test_clear_edges_whitens_a_dark_band_along_the_edge_but_keeps_the_ink():
    page = Image.new("L", (400, 600), 240)
    draw = ImageDraw.Draw(page)
    draw.text((20, 20), "TOTAL A PAGAR", fill=10, font_size=30)
    draw.rectangle((370, 0, 399, 599), fill=15)  # the scanner's lid along the right edge
    draw.rectangle((0, 300, 6, 312), fill=10)  # a character cut by the left edge: small
    cleared = np.asarray(paper.clear_edges(page))
    assert cleared[:, 370:].min() == 255  # the band is paper now
    assert (cleared[:60, :300] == np.asarray(page)[:60, :300]).all()  # the ink is untouched
    assert cleared[305, 3] == 10  # so is what merely touches the edge


def test_clear_edges_leaves_a_page_without_a_dark_band_alone():
    page = Image.new("L", (400, 600), 240)
    ImageDraw.Draw(page).text((20, 20), "GRACIAS", fill=0, font_size=30)
    assert paper.clear_edges(page) is page


def test_paper_running_off_the_picture_is_measured_without_the_desk_around_it():
    """No outline to cut along: the desk, darker than faint print, darkens every row, and the
    skew is found only once it is whitened (for measuring; the page read keeps it)."""
    corners = [(-120, 160), (560, -60), (760, 560), (80, 780)]  # turned about 18 degrees
    sheet = Image.new("L", (700, 800), 0)
    ImageDraw.Draw(sheet).polygon(corners, fill=255)
    stripes = np.zeros((800, 700), np.uint8)
    stripes[(np.arange(800) // 8) % 2 == 0] = 40  # a striped tablecloth, level
    photo = Image.fromarray(
        np.where(np.asarray(sheet) > 0, np.asarray(sheet_on_desk(corners)), 60 + stripes)
    )
    assert paper.outline(photo) is None
    page, probe = paper.sheet(photo)
    assert page.size == probe.size == photo.size
    for corner in ((3, 3), (696, 3), (3, 796), (696, 796)):  # the desk, all four corners
        assert photo.getpixel(corner) < 150 and probe.getpixel(corner) == 255
    sheet = np.asarray(photo) == 235
    assert (np.asarray(probe)[sheet] == np.asarray(page)[sheet]).all()  # the paper untouched
    angle = np.degrees(np.arctan2(-220, 680))  # the rows' slope: up to the right, -18 degrees
    assert abs(orient.level_angle(probe) - angle) < 2
    assert abs(orient.level_angle(page) - angle) > 5  # the trap


def test_a_deep_shadow_over_a_corner_does_not_cut_the_sheet_short():
    """A hand's shadow over the sheet's lower left and the striped cloth beside it: the paper in
    it is darker than the lit cloth, so the bright part alone is a sheet with a corner cut off,
    whose four corners are not the sheet's, and the cloth's stripes run into the sheet's edges.
    Paper is colourless in the shade as in the light; the cloth is a colour in both."""
    pixels = np.asarray(sheet_on_desk())
    rgb = np.empty((*pixels.shape, 3), np.float32)
    rgb[:] = (190, 140, 90)
    rgb[(np.arange(800) // 8) % 2 == 0] = (90, 60, 25)
    rgb[pixels == 235] = (238, 236, 230)
    rgb[pixels == 30] = (30, 30, 30)
    yy, xx = np.mgrid[0:800, 0:700]
    shade = 1 - 0.55 / (1 + np.exp(-((yy - xx) - 200) / 12))  # soft-edged, below a diagonal
    quad = paper.outline(Image.fromarray((rgb * shade[..., None]).astype(np.uint8)))
    assert quad is not None
    assert np.abs(quad - np.array(CORNERS, dtype=np.float32)).max() < 20


def test_a_shape_far_from_a_sheet_in_perspective_is_not_taken_for_one():
    assert paper._rectangular(np.array(CORNERS, dtype=np.float32))
    cut = np.array([(180, 90), (520, 130), (490, 700), (380, 690)], dtype=np.float32)
    assert not paper._rectangular(cut)  # a corner cut off: the bottom a third of the top
    rhombus = np.array([(100, 100), (400, 100), (700, 600), (400, 600)], dtype=np.float32)
    assert not paper._rectangular(rhombus)  # corners of 59 and 121 degrees
