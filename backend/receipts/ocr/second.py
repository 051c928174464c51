"""A second, independent OCR engine for receipts Tesseract reads uncertainly.

RapidOCR runs the PP-OCR models that ship inside the `rapidocr-onnxruntime` wheel, on the CPU,
offline. It is optional: without the package the pipeline simply has no second opinion.
"""

import ctypes
import ctypes.util
import importlib.util
import re
import threading
from collections.abc import Callable
from typing import Any

from PIL import Image

DETECT_SIDE = 1024  # the detector looks at a copy this long at most: memory grows with its area
# (measured on 43 scans: 1024 finds the same totals as 1280, peak 408 MB against 575)
_lock = threading.Lock()
_engine: Any = None


def available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def _get_engine() -> Any:
    """Load the models once per process, on first use (about a second)."""
    global _engine
    with _lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            # one thread: workers are processes, and threads fight over two cores. The detector
            # by default scales a narrow receipt up until its short side is 736 px (a till roll
            # of 1280 x 400 is searched at 2355 x 736); at most DETECT_SIDE on the long side
            # instead costs a fifth less time and 80-170 MB less, finding the same totals.
            # The recogniser reads one line at a time: in a batch every line is padded to the
            # widest, and a receipt's lines differ in width (a full-width total beside a short
            # label), so batches of 6 cost 1.5-3.5x the time and up to 300 MB more.
            _engine = RapidOCR(
                intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False, print_verbose=False,
                det_limit_type="max", det_limit_side_len=DETECT_SIDE, rec_batch_num=1,
            )  # fmt: skip
        return _engine


def _to_array(image: Image.Image) -> Any:
    import numpy as np

    # the engine expects BGR like OpenCV, in one block: OpenCV copies a reversed view whole on
    # every call, and the engine cuts each line it found out of the page with one (10 ms a line
    # on a page of 2400 x 1200, against 0.3 ms)
    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


_GLUED = re.compile(r"(?<=[A-Za-z):])(?=\d)|(?<=\d)(?=[A-Za-z]{2})")


def _spaced(text: str) -> str:
    """The models drop most spaces; put them back where letters meet digits ("TOTAL:9.00")."""
    text = re.sub(  # a word with zeros inside ("F00DICIOUS") is letters misread: kept whole
        r"[\w):]+",
        lambda m: m[0] if re.fullmatch(r"[A-Za-z]+0+[A-Za-z]+", m[0]) else _GLUED.sub(" ", m[0]),
        text,
    )
    return re.sub(r"(?<=\d\d)(?=\d\d\s?:\s?\d\d)", " ", text)  # "04-06-201818:55": a time


def _group_lines(boxes: list[tuple[float, float, float, str]]) -> str:
    """Text boxes to lines: a box joins a line when their vertical centres are close."""
    lines: list[list[tuple[float, float, float, str]]] = []
    for box in sorted(boxes, key=lambda b: b[1]):
        _, centre, height, _ = box
        for line in lines:
            line_centre = sum(b[1] for b in line) / len(line)
            if abs(line_centre - centre) < 0.5 * max(height, line[0][2]):
                line.append(box)
                break
        else:
            lines.append([box])
    return "\n".join(_spaced(" ".join(b[3] for b in sorted(line))) for line in lines)


def _give_back_memory() -> None:
    """Return the engine's freed tensors to the system (glibc keeps them otherwise, and a
    worker's resident memory creeps up receipt after receipt)."""
    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc: nothing to trim
            pass


def recognise(
    image: Image.Image, boxes: list[tuple[int, int, int, int]]
) -> list[tuple[str, float] | None]:
    """Each of these lines of the image (left, top, width, height) as the recognition model alone
    reads it, with the model's confidence 0..1; None for a box too small to hold a line. No
    detection pass over the whole image, which costs most of the time and the memory."""
    array = _to_array(image)
    crops = {}
    for i, (left, top, width, height) in enumerate(boxes):
        pad = max(2, round(height * 0.3))
        crop = array[
            max(0, top - pad) : top + height + pad, max(0, left - pad) : left + width + pad
        ]
        if crop.shape[0] >= 8 and crop.shape[1] >= 8:
            crops[i] = crop
    if not crops:
        return [None] * len(boxes)
    results, _ = _get_engine().text_rec(list(crops.values()))  # sessions run concurrently
    _give_back_memory()
    read = dict(zip(crops, results, strict=True))
    return [
        (_spaced(read[i][0]), float(read[i][1])) if i in read else None for i in range(len(boxes))
    ]


def read_lines(image: Image.Image, boxes: list[tuple[int, int, int, int]]) -> str:
    """These lines of the image, one line of text per box big enough to hold one."""
    return "\n".join(found[0] for found in recognise(image, boxes) if found is not None)


def _bounds(points: Any) -> tuple[float, float, float, float]:
    xs, ys = points[:, 0], points[:, 1]
    return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


Found = tuple[Any, str, float]  # a line's corner points, its text, the recogniser's score


def read_found(
    image: Image.Image, keep: Callable[[tuple[float, float, float, float]], bool] | None = None
) -> list[Found]:
    """The lines of the whole image, each as read with the recogniser's score.

    The detector, whose memory grows with the image's area, looks at a copy at most DETECT_SIDE
    long; the lines it finds are recognised in the image itself. `keep` says which of the
    found lines, by their (left, top, right, bottom), to recognise (by default all)."""
    import numpy as np

    engine = _get_engine()
    factor = min(1.0, DETECT_SIDE / max(image.size))
    small = image
    if factor < 1.0:
        size = (round(image.width * factor), round(image.height * factor))
        small = image.resize(size, Image.Resampling.LANCZOS)
    found, _ = engine.auto_text_det(_to_array(small))
    del small
    points = [np.asarray(p, dtype=np.float32) / np.float32(factor) for p in found or []]
    if keep is not None:
        points = [p for p in points if keep(_bounds(p))]
    if not points:
        _give_back_memory()
        return []
    results, _ = engine.text_rec(engine.get_crop_img_list(_to_array(image), points))
    _give_back_memory()
    return [(p, text, float(score)) for p, (text, score) in zip(points, results, strict=True)]


def text_of(found: list[Found], min_score: float = 0.0) -> str:
    """The text of the lines read at least this surely, and at least as surely as the engine's
    own call asks (it leaves out recognitions it is unsure of), a receipt line per line."""
    least = max(min_score, _get_engine().text_score)
    return _lines_of([line for line in found if line[2] >= least])


def _lines_of(found: list[Found]) -> str:
    """The text of detected boxes (corner points, text, score), a receipt line per line. In a
    photo at an angle the rows slope: a box's height is measured from the row's slope (the
    boxes' median), so an amount at the right end joins its own label, not the row below."""
    import numpy as np

    slopes = []
    for points, _, _ in found:
        (x0, y0), (x1, y1) = points[0], points[1]  # the top edge, left to right
        if x1 - x0 > 2 * abs(float(points[3][1] - y0)):  # wide enough to show the slope
            slopes.append(float(y1 - y0) / float(x1 - x0))
    slope = float(np.median(slopes)) if slopes else 0.0
    boxes = []
    for points, text, _ in found:
        left = float(points[:, 0].min())
        level = points[:, 1] - slope * points[:, 0]  # heights as if the rows were level
        top, bottom = float(level.min()), float(level.max())
        boxes.append((left, (top + bottom) / 2, bottom - top, text))
    return _group_lines(boxes)
