"""Reads that depend on who asks."""

from django.db.models import QuerySet

from accounts.models import ApiToken, User


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
