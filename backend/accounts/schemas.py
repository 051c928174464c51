from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field

from accounts.models import Role


class In(Schema):
    model_config = ConfigDict(extra="forbid")


class CredentialsIn(In):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)


# Days until a new token expires; the server's default when left out (API_TOKEN_MAX_DAYS at most).
TokenDays = Annotated[int, Field(ge=1, le=3650)]


class TokenRequestIn(CredentialsIn):
    name: str = Field(default="api", min_length=1, max_length=100)
    days: TokenDays | None = None


class TokenOut(Schema):
    token: str


class MeOut(Schema):
    username: str
    role: Role
    organization: str | None
    full_name: str
    language: str


class CsrfOut(Schema):
    csrf_token: str


class TokenNameIn(In):
    name: str = Field(min_length=1, max_length=100)
    days: TokenDays | None = None


class TokenInfoOut(Schema):
    id: int
    name: str
    hint: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    revoked: bool
    expired: bool


class TokenCreatedOut(TokenInfoOut):
    token: str


class StatusOut(Schema):
    status: str
