from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from accounts.models import Role


class In(Schema):
    model_config = ConfigDict(extra="forbid")


class CredentialsIn(In):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)


class TokenRequestIn(CredentialsIn):
    name: str = Field(default="api", min_length=1, max_length=100)


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


class TokenInfoOut(Schema):
    id: int
    name: str
    hint: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


class TokenCreatedOut(TokenInfoOut):
    token: str


class StatusOut(Schema):
    status: str
