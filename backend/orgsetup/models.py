"""Activation codes for people imported without a password, and the admins' audit trail."""

import hashlib
import secrets

from django.db import models

from accounts.models import Organization, User
from core.audit import AppendOnlyModel

# No 0/O, 1/I/L: codes are read off paper and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 20  # 31**20 ≈ 2**99: not guessable; the anonymous endpoint is throttled anyway


class ActivationCode(models.Model):
    """A one-time, expiring code that lets a person set their first password. Only a hash is kept."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "used_at"])]

    @staticmethod
    def new_code() -> str:
        number, digits = secrets.randbelow(len(CODE_ALPHABET) ** CODE_LENGTH), []
        for _ in range(CODE_LENGTH):
            number, digit = divmod(number, len(CODE_ALPHABET))
            digits.append(CODE_ALPHABET[digit])
        raw = "".join(digits)
        return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))

    @staticmethod
    def normalize(code: str) -> str:
        return "".join(ch for ch in code.upper() if ch.isalnum())

    @classmethod
    def hash(cls, code: str) -> str:
        return hashlib.sha256(cls.normalize(code).encode()).hexdigest()


class AdminEventKind(models.TextChoices):
    PEOPLE_IMPORTED = "people_imported", "People imported"
    PERSON_CREATED = "person_created", "Person created"
    PERSON_UPDATED = "person_updated", "Person updated"
    ROLE_CHANGED = "role_changed", "Role changed"
    DEACTIVATED = "deactivated", "Deactivated"
    REACTIVATED = "reactivated", "Reactivated"
    ACTIVATION_ISSUED = "activation_issued", "Activation codes issued"
    ACTIVATED = "activated", "Password set with an activation code"
    CATEGORY_CREATED = "category_created", "Category created"
    CATEGORY_UPDATED = "category_updated", "Category updated"
    POLICY_CREATED = "policy_created", "Policy version created"
    POLICY_UPDATED = "policy_updated", "Policy version edited"
    RATES_IMPORTED = "rates_imported", "Exchange rates imported"
    ORGANIZATION_UPDATED = "organization_updated", "Organisation settings changed"


class AdminEvent(AppendOnlyModel):
    """What admins changed and when. Append-only; `data` names fields, never personal values."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    subject = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(max_length=24, choices=AdminEventKind.choices)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "subject"])]
