"""What the claims app announces, for apps above it (notifications) to hear without being
imported here. Sent inside the writing transaction: a receiver's rows commit or roll back with it.
"""

from django.dispatch import Signal

# An audit event was recorded: kwargs `event` (a ClaimEvent).
claim_event_recorded = Signal()

# Payroll marked claims paid, set-based (no ClaimEvent objects): kwargs `claim_ids`.
claims_paid = Signal()
