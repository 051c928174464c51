"""What the receipts app announces, for apps above it (notifications) to hear."""

from django.dispatch import Signal

# A receipt could not be read (it is `failed`): kwargs `receipt_id`, `owner_id`.
receipt_unreadable = Signal()
