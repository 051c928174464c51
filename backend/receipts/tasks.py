from django.tasks import task

from receipts import services


@task()
def read_receipt(receipt_id: int) -> None:
    # Only the id travels through the queue: never receipt text or amounts.
    services.receipt_read(receipt_id=receipt_id)
