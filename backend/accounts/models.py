import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class Organization(models.Model):
    name = models.CharField(max_length=200, unique=True)
    currency = models.CharField(max_length=3, default="COP")
    csv_separator = models.CharField(max_length=1, default=";")  # ";" for es-CO spreadsheets
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    WORKER = "worker", "Worker"
    HR = "hr", "HR reviewer"
    NEGOTIATOR = "negotiator", "Negotiator"
    ADMIN = "admin", "Administrator"


class User(AbstractUser):
    """A person with one role in one organisation (superusers may have none)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.WORKER)
    employee_id = models.CharField(max_length=64, blank=True)
    cost_centre = models.CharField(max_length=64, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "employee_id"],
                condition=~models.Q(employee_id=""),
                name="employee_id_unique_per_org",
            )
        ]

    def can_log_in(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_active and (self.end_date is None or self.end_date >= today)


class ApiToken(models.Model):
    """A personal token for scripts. Only its SHA-256 is stored; the secret is shown once."""

    PREFIX = "hc_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(
        max_length=12
    )  # the first characters, so the owner can tell tokens apart
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    @staticmethod
    def new_secret() -> str:
        return ApiToken.PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()


class LoginThrottle(models.Model):
    """Failed-attempt bookkeeping, in the database so every web process agrees.

    Keyed by the username a login tried, or by `activate:` and the client's address for
    activation codes (a username cannot contain ":").
    """

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
