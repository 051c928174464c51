from django.db.models import QuerySet

from accounts.models import User
from notifications.models import Notification


def notifications_of(user: User) -> QuerySet[Notification]:
    """A person's own notifications, newest first; nobody else's, whatever their role."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    return notifications_of(user).filter(read_at__isnull=True).count()
