"""The one exception the Django-free upload checks raise for a client's file."""


class FileRejected(Exception):
    """A client's file we refuse. code is stable and machine-readable; details are JSON-safe.

    Codes: empty_file, file_too_large (max_bytes), unsupported_type (detected, when known),
    corrupt_file, image_too_large (max_pixels), pdf_encrypted, pdf_too_many_pages (max_pages).
    """

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code)
        self.code = code
        self.details = details

    def __repr__(self) -> str:
        return f"FileRejected({self.code!r}, **{self.details!r})"
