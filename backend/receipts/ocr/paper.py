"""The receipt's paper in a phone photo: found, flattened to a rectangle, and evenly lit.

A phone photo shows the receipt at an angle on a desk, with a shadow across it and its thermal ink
faded in places. Tesseract binarises the page with one threshold, so a shadow band turns into a
black bar and faded ink into nothing. Here, on a small copy (milliseconds): the paper's outline is
found and its perspective undone, then each pixel is divided by the paper's own brightness around
it, so shadows, gradients and yellowed paper become white and the ink stays dark.

OpenCV comes with the second engine (RapidOCR depends on it); without it photos are read as they are.
"""

from typing import Any

import numpy as np
from PIL import Image

cv2: Any
try:
    import cv2
except ImportError:  # pragma: no cover - the reader still works, on the photo as taken
    cv2 = None

PROBE_SIDE = 640  # the outline is searched on a copy this long: a few milliseconds
MIN_PAPER = 0.06  # share of the photo a receipt must cover to be taken for one (a bill photographed
# from afar covers about a tenth: at 0.12 it was read with the desk around it)
MAX_PAPER = 0.93  # beyond this the photo is a scan: nothing to cut away
MARGIN = 0.015  # the outline is widened by this share, so curled edges keep their text
MIN_SUPPORT = 0.6  # share of the outline on a sharp edge
MIN_SIDES = 0.65  # the shorter of two opposite sides, as a share of the longer
MAX_CORNER_COS = 0.5  # corners between 60 and 120 degrees
GREY = 0.2  # the spread of a colourless pixel's channels, as a share of its brightest
UNEVEN = 28  # grey levels between the paper's brightest and darkest parts that call for levelling
DARK = 60  # grey level below which a region at the page's edge is the scanner's lid or the desk
EDGE_SPAN = 0.25  # ...when it runs along at least this share of the edge


def available() -> bool:
    return cv2 is not None


def _order(quad: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s = quad.sum(axis=1)
    d = np.diff(quad, axis=1).ravel()
    corners = [quad[np.argmin(s)], quad[np.argmin(d)], quad[np.argmax(s)], quad[np.argmax(d)]]
    return np.array(corners, dtype=np.float32)


def _quad(contour: np.ndarray) -> np.ndarray | None:
    """Four corners for a blob: its hull simplified to four points, else its enclosing rectangle."""
    assert cv2 is not None
    hull = cv2.convexHull(contour)
    quad = cv2.approxPolyDP(hull, 0.03 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    if len(quad) != 4:
        quad = cv2.boxPoints(cv2.minAreaRect(hull))  # curled or torn: its enclosing rectangle
    hull_area = max(1.0, cv2.contourArea(hull))
    ordered = _order(np.asarray(quad, dtype=np.float32))
    if not 0.8 * hull_area <= cv2.contourArea(ordered) <= 1.5 * hull_area:
        return None  # not a sheet's shape, or corners that do not go round it
    return ordered if _rectangular(ordered) else None


def _rectangular(quad: np.ndarray) -> bool:
    """A sheet seen by a phone: opposite sides of like length and corners near square. A shadow
    across a corner cuts the bright paper into a shape whose four corners are not the sheet's."""
    sides = np.roll(quad, -1, axis=0) - quad
    lengths = np.linalg.norm(sides, axis=1)
    for a, b in ((0, 2), (1, 3)):
        if min(lengths[a], lengths[b]) < MIN_SIDES * max(lengths[a], lengths[b]):
            return False
    previous = np.roll(sides, 1, axis=0)
    cosines = -(sides * previous).sum(axis=1) / np.maximum(lengths * np.roll(lengths, 1), 1e-6)
    return bool((np.abs(cosines) <= MAX_CORNER_COS).all())


def _support(quad: np.ndarray, edges: np.ndarray) -> float:
    """Share of the outline that runs along a sharp edge: paper on a desk has one all round; a
    piece of it cut off by a shadow's soft border does not."""
    xy = np.round(_perimeter(quad)).astype(int)
    h, w = edges.shape
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
    xy = xy[inside]
    return float((edges[xy[:, 1], xy[:, 0]] > 0).mean()) if len(xy) else 0.0


def _perimeter(quad: np.ndarray) -> np.ndarray:
    """Points every 3 px along the outline."""
    points = []
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        steps = max(2, int(np.linalg.norm(b - a) / 3))
        points.append(a + (b - a) * np.linspace(0, 1, steps, endpoint=False)[:, None])
    return np.concatenate(points)


def _brighter(quad: np.ndarray, small: np.ndarray) -> bool:
    """Paper is lighter than what lies just outside it, all round (a QR code's square is darker
    inside; a shadow darkens both sides of the edge alike)."""
    points = _perimeter(quad)
    inward = quad.mean(axis=0) - points
    inward /= np.maximum(np.linalg.norm(inward, axis=1, keepdims=True), 1e-6)
    h, w = small.shape

    def sample(xy: np.ndarray) -> np.ndarray:
        xy = np.round(xy).astype(int)
        return small[np.clip(xy[:, 1], 0, h - 1), np.clip(xy[:, 0], 0, w - 1)].astype(int)

    outer = points - 6 * inward
    seen = (outer[:, 0] >= 0) & (outer[:, 0] < w) & (outer[:, 1] >= 0) & (outer[:, 1] < h)
    if seen.mean() < 0.5:
        return False  # the sheet runs off the picture: nothing around it to cut away
    inside, outside = sample(points[seen] + 6 * inward[seen]), sample(outer[seen])
    return float((inside > outside + 8).mean()) >= 0.75


def _probe(image: Image.Image) -> tuple[float, np.ndarray, np.ndarray, np.ndarray | None]:
    """A small copy's scale, the copy blurred (each pixel its darkest channel: paper is light in
    all three, a lit green bedspread or a wooden desk is not, though as light in grey), where it
    is bright: paper, with its text and creases closed; and, in colour, where it is colourless
    (paper in a shadow is grey, not bright; a shadow darkens a colour but leaves it a colour)."""
    assert cv2 is not None
    scale = PROBE_SIDE / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    small = np.asarray(image.resize(size, Image.Resampling.BOX))
    pale = None
    if small.ndim == 3:
        lowest, highest = small[..., :3].min(axis=2), small[..., :3].max(axis=2)
        colour = highest.astype(np.int16) - lowest
        pale = _closed(((colour <= GREY * highest + 8) & (highest >= 60)).astype(np.uint8) * 255)
        small = np.ascontiguousarray(lowest)
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return scale, blurred, _closed(bright), pale


def _closed(mask: np.ndarray) -> np.ndarray:
    """The mask with the text and the creases inside the paper closed, specks outside it dropped."""
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((7, 7), np.uint8))


def _on_white(bright: np.ndarray, page: Image.Image) -> Image.Image:
    """The page (the photo as taken, levelled) with all but the paper (the largest `bright`
    region of the probe) white, to measure the skew on: paper that runs off the picture has no
    outline to cut along, and a dark desk around it darkens every row, so that the rows of text
    no longer show. Only for measuring: a shadow across the paper is taken for the desk."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=4)
    if count < 2:
        return page
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if not MIN_PAPER <= stats[largest, cv2.CC_STAT_AREA] / bright.size <= MAX_PAPER:
        return page  # no paper told apart, or a scan: nothing around it
    contours, _ = cv2.findContours(
        (labels == largest).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE
    )
    paper = cv2.drawContours(np.zeros_like(bright), contours, -1, 1, cv2.FILLED)  # logos too
    grow = max(3, round(MARGIN * max(bright.shape)))
    paper = cv2.dilate(paper, np.ones((grow, grow), np.uint8))
    mask = cv2.resize(paper, page.size, interpolation=cv2.INTER_NEAREST)
    return Image.fromarray(np.where(mask > 0, np.asarray(page), 255).astype(np.uint8))


def outline(image: Image.Image) -> np.ndarray | None:
    """The paper's four corners in the image's pixels (tl, tr, br, bl), or None when the photo
    shows no distinct sheet (a scan, a screenshot, or paper on paper).

    In colour, each pixel counts by its darkest channel (see `_probe`)."""
    return None if cv2 is None else _outline(*_probe(image))


def _outline(
    scale: float, blurred: np.ndarray, bright: np.ndarray, pale: np.ndarray | None
) -> np.ndarray | None:
    assert cv2 is not None
    edges = cv2.dilate(cv2.Canny(blurred, 30, 90), np.ones((5, 5), np.uint8))
    closed = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    whole = blurred.size
    best, best_area = None, 0.0
    for mask in (bright, closed) if pale is None else (bright, pale, closed):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            quad = _quad(contour)
            if quad is None:
                continue
            area = cv2.contourArea(quad) / whole
            if MIN_PAPER <= area <= MAX_PAPER and area > best_area:
                if _support(quad, edges) >= MIN_SUPPORT and _brighter(quad, blurred):
                    best, best_area = quad, area
    if best is None:
        return None
    centre = best.mean(axis=0)
    return ((centre + (best - centre) * (1 + 2 * MARGIN)) / scale).astype(np.float32)


def flatten(gray: Image.Image, quad: np.ndarray) -> Image.Image:
    """The paper inside `quad` seen from straight above, at the photo's own resolution."""
    assert cv2 is not None
    tl, tr, br, bl = quad
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array(
        [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(quad, target)
    pixels = cv2.warpPerspective(
        np.asarray(gray), matrix, (width, height), flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )  # fmt: skip
    return Image.fromarray(pixels)


def even_light(gray: Image.Image) -> Image.Image:
    """The page divided by its own background brightness (ink removed by a max filter on a small
    copy), so shadows and fading no longer cross Tesseract's threshold; an evenly lit page is
    returned unchanged."""
    if cv2 is None:
        return gray
    pixels = np.asarray(gray)
    scale = min(1.0, 400 / max(gray.size))
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    background = cv2.dilate(small, np.ones((9, 9), np.uint8))  # paper where the ink was
    background = cv2.medianBlur(background, 15)
    low, high = np.percentile(background, (2, 98))
    if high - low < UNEVEN:
        return gray
    background = cv2.resize(background, (gray.width, gray.height), interpolation=cv2.INTER_LINEAR)
    levelled = pixels.astype(np.float32) * 255 / np.maximum(background.astype(np.float32), 1.0)
    return Image.fromarray(np.clip(levelled, 0, 255).astype(np.uint8))


def clear_edges(gray: Image.Image) -> Image.Image:
    """The page with the dark bands along its edges made white: a scanner's black lid beside the
    paper, or the desk left in a photo's margin. Tesseract binarises with one threshold for the
    page, and a black band beside faint dot-matrix print sets it so low that the print vanishes
    (a clean scan read as nothing at all). Text touching the edge is small; a band runs along it."""
    if cv2 is None:
        return gray
    pixels = np.asarray(gray)
    height, width = pixels.shape
    _, labels, stats, _ = cv2.connectedComponentsWithStats(
        (pixels < DARK).astype(np.uint8), connectivity=8
    )
    bands = [
        i
        for i, (x, y, w, h, _) in enumerate(stats[1:], start=1)
        if (x == 0 or y == 0 or x + w == width or y + h == height)
        and (w >= EDGE_SPAN * width or h >= EDGE_SPAN * height)
    ]
    if not bands:
        return gray
    cleared = pixels.copy()
    cleared[np.isin(labels, bands)] = 255
    return Image.fromarray(cleared)


def sheet(image: Image.Image) -> tuple[Image.Image, Image.Image]:
    """The receipt as a flat, evenly lit grey page: cut out and straightened when the photo
    shows it on a background, then levelled; and the page to measure its skew on (the same,
    or, when no outline was found, with what surrounds the paper whitened)."""
    gray = image if image.mode == "L" else image.convert("L")
    if cv2 is None:
        return gray, gray
    probed = _probe(image)
    quad = _outline(*probed)
    if quad is not None:
        page = even_light(flatten(gray, quad))
        return page, page
    page = even_light(gray)
    return page, _on_white(probed[2], page)
