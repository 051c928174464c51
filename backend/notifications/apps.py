from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # The apps below announce what happened; they never import this one.
        from claims.signals import claim_event_recorded, claims_paid
        from notifications import receivers
        from receipts.signals import receipt_unreadable

        claim_event_recorded.connect(receivers.on_claim_event, dispatch_uid="notify-claim-event")
        claims_paid.connect(receivers.on_claims_paid, dispatch_uid="notify-claims-paid")
        receipt_unreadable.connect(
            receivers.on_receipt_unreadable, dispatch_uid="notify-receipt-unreadable"
        )
