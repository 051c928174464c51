from django.contrib.auth import login, logout
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from ninja import Router, Status

from accounts import schemas, selectors, services
from accounts.auth import AuthedRequest, check_csrf
from accounts.clients import client_address, device_of, remember_device
from accounts.models import ApiToken, User
from core.language import current_language
from core.schemas import Id

router = Router(tags=["accounts"])


def _me(user: User) -> dict:
    return {
        "username": user.username,
        "role": user.role,
        "organization": user.organization.name if user.organization else None,
        "full_name": user.get_full_name(),
        "language": current_language(),
    }


def _token_info(token: ApiToken) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "hint": token.hint,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "expires_at": token.expires_at,
        "revoked": token.revoked_at is not None,
        "expired": token.expires_at <= timezone.now(),
    }


@router.get("/health", auth=None, response={200: schemas.StatusOut, 503: schemas.StatusOut})
def health(request: HttpRequest):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return Status(503, {"status": "unavailable"})
    return {"status": "ok"}


def _authenticate(request: HttpRequest, response: HttpResponse, username: str, password: str):
    """Log in with the throttles of this client address and known device; remember the device."""
    key = services.throttle_key(username)
    device = device_of(request, key)
    user = services.user_authenticate(
        username=username,
        password=password,
        request=request,
        address=client_address(request),
        device=device,
    )
    remember_device(response, key, device)
    return user


@router.post("/auth/token", auth=None, response=schemas.TokenOut)
def token_for_credentials(
    request: HttpRequest, response: HttpResponse, payload: schemas.TokenRequestIn
):
    """Exchange a username and password for a personal API token (for scripts)."""
    user = _authenticate(request, response, payload.username, payload.password)
    _, secret = services.token_create(user=user, name=payload.name, days=payload.days)
    return {"token": secret}


@router.get("/auth/csrf", auth=None, response=schemas.CsrfOut)
def csrf(request: HttpRequest):
    """Set the CSRF cookie; the browser sends its value back in the X-CSRFToken header."""
    return {"csrf_token": get_token(request)}


@router.post("/auth/login", auth=None, response=schemas.MeOut)
def session_login(request: HttpRequest, response: HttpResponse, payload: schemas.CredentialsIn):
    check_csrf(request)
    user = _authenticate(request, response, payload.username, payload.password)
    login(request, user)
    return _me(user)


@router.post("/auth/logout", response={204: None})
def session_logout(request: AuthedRequest):
    logout(request)
    return Status(204, None)


@router.get("/auth/me", response=schemas.MeOut)
def me(request: AuthedRequest):
    return _me(request.auth)


@router.get("/auth/tokens", response=list[schemas.TokenInfoOut])
def tokens_list(request: AuthedRequest):
    return [_token_info(t) for t in selectors.tokens_of(request.auth)]


@router.post("/auth/tokens", response={201: schemas.TokenCreatedOut})
def tokens_create(request: AuthedRequest, payload: schemas.TokenNameIn):
    token, secret = services.token_create(user=request.auth, name=payload.name, days=payload.days)
    return Status(201, {**_token_info(token), "token": secret})


@router.delete("/auth/tokens/{token_id}", response={204: None})
def tokens_revoke(request: AuthedRequest, token_id: Id):
    services.token_revoke(user=request.auth, token_id=token_id)
    return Status(204, None)
