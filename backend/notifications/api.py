"""Notifications: my own items with the unread count, marking them read, mail on or off."""

from ninja import Query, Router, Schema
from pydantic import Field

from accounts.auth import AuthedRequest
from notifications import schemas, selectors, services
from notifications.messages import link_of
from notifications.models import Notification

router = Router(tags=["notifications"])


class PageIn(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(20, ge=1, le=100)


def _out(n: Notification) -> dict:
    return {
        "id": n.pk,
        "kind": n.kind,
        "claim_id": n.claim_id,
        "receipt_id": n.receipt_id,
        "count": n.count,
        "link": link_of(n),
        "created_at": n.created_at,
        "read": n.read_at is not None,
    }


@router.get("/notifications", response=schemas.NotificationsOut)
def notifications_list(request: AuthedRequest, paging: Query[PageIn]):
    """My notifications, newest first, each naming what it is about, and how many are unread."""
    mine = selectors.notifications_of(request.auth)
    start = (paging.page - 1) * paging.page_size
    return {
        "items": [_out(n) for n in mine[start : start + paging.page_size]],
        "count": mine.count(),
        "unread": selectors.unread_count(request.auth),
    }


@router.post("/notifications/read", response=schemas.ReadOut)
def notifications_read(request: AuthedRequest, payload: schemas.ReadIn):
    """Mark these of mine read (`ids`), or all of them (no `ids`). Another's id is 404."""
    marked = services.notifications_mark_read(user=request.auth, ids=payload.ids)
    return {"marked": marked, "unread": selectors.unread_count(request.auth)}


def _settings_out(request: AuthedRequest) -> dict:
    preference = services.preference_of(request.auth)
    return {
        "mail": preference.mail,
        "language": preference.language,
        "email": request.auth.email,
    }


@router.get("/notifications/settings", response=schemas.SettingsOut)
def settings_get(request: AuthedRequest):
    """Whether I get mail, and in which language."""
    return _settings_out(request)


@router.patch("/notifications/settings", response=schemas.SettingsOut)
def settings_update(request: AuthedRequest, payload: schemas.SettingsIn):
    """Turn my mail on or off; choose its language."""
    services.preference_update(user=request.auth, mail=payload.mail, language=payload.language)
    return _settings_out(request)
