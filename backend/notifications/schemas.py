from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from core.schemas import Id, In


class NotificationOut(Schema):
    id: int
    kind: Literal["decided", "returned", "appeal_decided", "paid", "receipt_unreadable", "digest"]
    claim_id: int | None
    receipt_id: int | None
    count: int | None = Field(description="digest: how many claims were submitted")
    link: str = Field(description="the app's page it is about, e.g. /claims/12")
    created_at: datetime
    read: bool


class NotificationsOut(Schema):
    items: list[NotificationOut]
    count: int
    unread: int


class ReadIn(In):
    ids: list[Id] | None = Field(None, max_length=1000, description="these; none: all mine")


class ReadOut(Schema):
    marked: int
    unread: int


class SettingsOut(Schema):
    mail: bool
    language: Literal["es", "en"]
    email: str = Field(description="where mail goes (empty: no mail can be sent)")


class SettingsIn(In):
    mail: bool | None = None
    language: Literal["es", "en"] | None = None
