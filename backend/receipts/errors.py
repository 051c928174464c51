"""What a worker is told when their file is refused, in Spanish and English."""

from core.errors import ApiError
from receipts.ocr.errors import FileRejected

# code -> (HTTP status, English, Spanish); `{name}` fields come from the details.
_REJECTIONS: dict[str, tuple[int, str, str]] = {
    "empty_file": (400, "The file is empty.", "El archivo está vacío."),
    "file_too_large": (
        413,
        "The file is too large: the limit is {max_mb} MB.",
        "El archivo es demasiado grande: el límite es {max_mb} MB.",
    ),
    "unsupported_type": (
        415,
        "This kind of file is not accepted. Upload a photo (JPEG, PNG, WebP, HEIC) or a PDF.",
        "Este tipo de archivo no se acepta. Suba una foto (JPEG, PNG, WebP, HEIC) o un PDF.",
    ),
    "corrupt_file": (
        400,
        "The file is damaged or incomplete. Try taking the photo or exporting the PDF again.",
        "El archivo está dañado o incompleto. Tome la foto o exporte el PDF de nuevo.",
    ),
    "image_too_large": (
        413,
        "The image has too many pixels (limit {max_megapixels} megapixels).",
        "La imagen tiene demasiados píxeles (límite {max_megapixels} megapíxeles).",
    ),
    "pdf_encrypted": (
        400,
        "The PDF is protected with a password. Remove the password and upload it again.",
        "El PDF está protegido con contraseña. Quite la contraseña y súbalo de nuevo.",
    ),
    "uploads_busy": (
        429,
        "The server is busy reading other files. Try again in {retry_after} seconds.",
        "El servidor está ocupado leyendo otros archivos. Intente de nuevo en {retry_after} segundos.",
    ),
    "pdf_too_many_pages": (
        413,
        "The PDF has too many pages (limit {max_pages}).",
        "El PDF tiene demasiadas páginas (límite {max_pages}).",
    ),
}


def rejected(exc: FileRejected) -> ApiError:
    status, en, es = _REJECTIONS.get(exc.code, _REJECTIONS["corrupt_file"])
    details = dict(exc.details)
    if "max_bytes" in details:
        details["max_mb"] = round(int(details["max_bytes"]) / 1_000_000, 1)  # type: ignore[call-overload]
    if "max_pixels" in details:
        details["max_megapixels"] = round(int(details["max_pixels"]) / 1_000_000)  # type: ignore[call-overload]
    return ApiError(status, exc.code, en, es, **details)


def type_mismatch(*, extension: str, actual: str) -> ApiError:
    return ApiError(
        415,
        "type_mismatch",
        "The file is named .{extension} but its content is {actual}. Upload the right file.",
        "El archivo se llama .{extension} pero su contenido es {actual}. Suba el archivo correcto.",
        extension=extension,
        actual=actual,
    )


def duplicate(existing_id: int) -> ApiError:
    return ApiError(
        409,
        "duplicate_receipt",
        "You already uploaded this file (receipt {receipt_id}).",
        "Usted ya subió este archivo (recibo {receipt_id}).",
        receipt_id=existing_id,
    )


def in_use() -> ApiError:
    return ApiError(
        409,
        "receipt_in_use",
        "This receipt belongs to an expense; delete the expense first.",
        "Este recibo pertenece a un gasto; elimine primero el gasto.",
    )


def upload_rate_limited(*, limit: int, retry_after: int) -> ApiError:
    return ApiError(
        429,
        "upload_rate_limited",
        "You have sent {limit} receipts in the last hour, the most allowed. Nothing was stored: "
        "try again in {retry_minutes} min.",
        "Usted envió {limit} recibos en la última hora, el máximo permitido. No se guardó nada: "
        "intente de nuevo en {retry_minutes} min.",
        limit=limit,
        retry_after=retry_after,
        retry_minutes=max(1, -(-retry_after // 60)),
    )


def upload_queue_full(*, retry_after: int) -> ApiError:
    return ApiError(
        429,
        "upload_queue_full",
        "Your organisation has many receipts waiting to be read. Nothing was stored: "
        "try again in {retry_minutes} min.",
        "Su organización tiene muchos recibos esperando lectura. No se guardó nada: "
        "intente de nuevo en {retry_minutes} min.",
        retry_after=retry_after,
        retry_minutes=max(1, -(-retry_after // 60)),
    )
