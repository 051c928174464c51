"""`homeclaim notify-digest`: HR's daily mail of new claims (run it from a daily timer)."""

from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = (
        "Tell each HR person how many claims were submitted since their last digest (once a "
        "day; running it again sends nothing more), and queue again mails due for a retry."
    )

    def handle(self, *args, **options) -> None:
        sent = services.digest_send()
        requeued = services.notifications_mail_due()
        self.stdout.write(f"digests: {sent}, mails queued again: {requeued}")
