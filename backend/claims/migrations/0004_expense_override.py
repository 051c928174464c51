from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_claim_partially_paid"),
    ]

    operations = [
        migrations.AddField(
            model_name="expense",
            name="override",
            field=models.BooleanField(default=False),
        ),
    ]
