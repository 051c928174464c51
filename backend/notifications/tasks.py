from django.tasks import task

from notifications import services


@task()
def mail_notifications(notification_ids: list[int]) -> None:
    # Only ids travel through the queue; each mail is taken (and sent) at most once.
    for notification_id in notification_ids:
        services.notification_mail(notification_id)
