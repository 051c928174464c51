from django.db import migrations, models


def mark_partly_paid(apps, schema_editor):
    """Claims paid before this status existed, with a line rejected or cut, read as partly paid."""
    Claim = apps.get_model("claims", "Claim")
    Claim.objects.filter(status="paid", lines__decision__in=("reject", "partial")).update(
        status="partially_paid"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_expenses_claims_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="claim",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("submitted", "Submitted"),
                    ("approved", "Approved"),
                    ("partially_approved", "Partially approved"),
                    ("rejected", "Rejected"),
                    ("returned", "Returned"),
                    ("paid", "Paid"),
                    ("partially_paid", "Partly paid"),
                ],
                default="draft",
                max_length=20,
            ),
        ),
        migrations.RunPython(mark_partly_paid, migrations.RunPython.noop),
    ]
