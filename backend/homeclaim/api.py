"""The NinjaAPI: authentication, the single error shape, and the routers."""

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accounts.api import router as accounts_router
from accounts.auth import SessionAuth, TokenAuth
from claims.api import router as claims_router
from claims.receipt_api import router as receipt_router
from core.errors import ApiError, not_found
from receipts.api import router as receipts_router

log = logging.getLogger(__name__)

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["code", "message", "details"],
    "properties": {
        "code": {"type": "string", "description": "Stable, machine-readable"},
        "message": {"type": "string", "description": "For people, in the request's language"},
        "details": {"type": "object", "additionalProperties": True},
    },
}


class HomeclaimAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):  # type: ignore[no-untyped-def]
        """Declare the one error shape on every operation (4XX), and 401 where a login is needed."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.setdefault("4XX", {"description": "Refused (see code)", **error})
                if operation.get("security"):
                    responses.setdefault("401", {"description": "Not logged in", **error})
        return schema

    def _get_urls(self):  # type: ignore[no-untyped-def]
        # ninja answers a known path with an unknown method by a plain-text 405: wrap every view.
        urls = super()._get_urls()
        for url in urls:
            if isinstance(url, URLPattern):
                url.callback = _json_method_not_allowed(url.callback)
        return urls


def _json_method_not_allowed(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)  # keeps csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = response["Allow"]
        refusal = _respond(
            request,
            ApiError(
                405,
                "method_not_allowed",
                "This address does not accept {method}; it accepts {allowed}.",
                "Esta dirección no acepta {method}; acepta {allowed}.",
                method=(request.method or "")[:16],
                allowed=allowed,
            ),
        )
        refusal["Allow"] = allowed
        return refusal

    return wrapper


api = HomeclaimAPI(
    title="homeclaim API",
    version="1",
    description="Home-office reimbursement: receipts, claims, review and exports.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _respond(request: HttpRequest, error: ApiError) -> HttpResponse:
    response = api.create_response(request, error.body(), status=error.status)
    if error.status == 429 and "retry_after" in error.details:
        response["Retry-After"] = str(error.details["retry_after"])
    return response


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _respond(request, exc)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("body", "payload", "amount") -> "amount": name the field the client sent.
        field = location[2:] if location[:1] == ["body"] and len(location) > 2 else location[1:]
        # The rejected value is never echoed back: it may carry personal data.
        problems.append({"field": ".".join(field), "error": error.get("msg", "")})
    fields = ", ".join(sorted({p["field"] for p in problems if p["field"]})) or "-"
    invalid = ApiError(
        422,
        "invalid_request",
        "Some fields are not valid: {fields}.",
        "Algunos campos no son válidos: {fields}.",
        fields=fields,
        errors=problems,
    )
    return _respond(request, invalid)


@api.exception_handler(AuthenticationError)
def on_not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _respond(
        request,
        ApiError(
            401,
            "not_authenticated",
            "Log in, or send a valid API token.",
            "Inicie sesión o envíe un token de API válido.",
        ),
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _respond(request, not_found())


# Exempt: it changes nothing, and a POST to a wrong path must get this 404, not a CSRF refusal.
@csrf_exempt
def unknown_path(request: HttpRequest) -> HttpResponse:
    """Any path under /api/ that no operation answers: the one error shape, not Django's HTML 404."""
    return _respond(request, not_found())


@api.exception_handler(MultiPartParserError)
def on_bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return _respond(
        request,
        ApiError(
            400,
            "malformed_request",
            "The upload could not be read (malformed multipart body).",
            "No se pudo leer el envío (cuerpo multipart mal formado).",
        ),
    )


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _respond(
        request,
        ApiError(
            413,
            "request_too_large",
            "The request is too large.",
            "La solicitud es demasiado grande.",
        ),
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja raises HttpError for unparseable bodies (bad JSON) and a few protocol problems.
    status = exc.status_code
    if status == 400:
        error = ApiError(
            400,
            "malformed_request",
            "The request body could not be read (is it valid JSON?).",
            "No se pudo leer el cuerpo de la solicitud (¿es JSON válido?).",
        )
    else:
        error = ApiError(status, "http_error", "The request failed.", "La solicitud falló.")
    return _respond(request, error)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return _respond(
        request,
        ApiError(
            500,
            "server_error",
            "Something went wrong on our side; please try again.",
            "Algo falló de nuestro lado; intente de nuevo.",
        ),
    )


api.add_router("/", accounts_router)
api.add_router("/", receipts_router)
api.add_router("/", claims_router)
api.add_router("/", receipt_router)
api.add_router("/", "orgsetup.api.router")
api.add_router("/", "exports.api.router")
api.add_router("/", "notifications.api.router")
api.add_router("/", "homeclaim.health.router")
