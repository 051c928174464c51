from django.db import models

from accounts.models import User


class Kind(models.TextChoices):
    DECIDED = "decided", "Claim decided"
    RETURNED = "returned", "Claim returned"
    APPEAL_DECIDED = "appeal_decided", "Appeal decided"
    PAID = "paid", "Claim paid"
    RECEIPT_UNREADABLE = "receipt_unreadable", "Receipt unreadable"
    DIGEST = "digest", "New claims to review"


class MailState(models.TextChoices):
    OFF = "off", "Not mailed (mail off or no address)"
    PENDING = "pending", "Waiting to be mailed"
    SENDING = "sending", "Being mailed"
    SENT = "sent", "Mailed"
    FAILED = "failed", "Gave up"


class Notification(models.Model):
    """Something a person is told, in the app and (if they want) by mail.

    It names what it is about (a claim or a receipt id, a count) and nothing else: no amount,
    vendor or receipt text, here or in the mail made from it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # One notification per thing that happened: a decision request, a payday, a day's digest.
    key = models.CharField(max_length=80)
    claim_id = models.PositiveBigIntegerField(null=True, blank=True)
    receipt_id = models.PositiveBigIntegerField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    # The mail, sent at most once: the state is taken by one UPDATE … WHERE before sending.
    mail_state = models.CharField(
        max_length=10, choices=MailState.choices, default=MailState.PENDING
    )
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    mail_next_at = models.DateTimeField(null=True, blank=True)  # the next try, after a failure
    mail_lease_until = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["mail_state", "mail_next_at"]),
        ]


class Preference(models.Model):
    """A person's choices: mail on or off, and the language their mail is written in."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="notification_preference"
    )
    mail = models.BooleanField(default=True)
    language = models.CharField(max_length=2, default="es")  # Spanish unless they chose English
