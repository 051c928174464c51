"""Mail settings from the environment: SMTP with EMAIL_HOST, else files under var/mail."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'mailers': settings.MAILERS, 'from': settings.DEFAULT_FROM_EMAIL}))"
)


def _settings(tmp_path, **env) -> dict:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("EMAIL_") and k != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="homeclaim.settings", VAR_DIR=str(tmp_path), **env)
    environment["PYTHONPATH"] = str(REPO / "backend")
    shown = subprocess.run(
        [sys.executable, "-c", SHOW], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(shown.stdout.strip().splitlines()[-1])


def test_without_email_host_mail_is_written_under_var_mail(tmp_path):
    shown = _settings(tmp_path)
    assert shown["mailers"]["default"] == {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(tmp_path / "mail")},
    }


def test_email_host_sends_through_smtp(tmp_path):
    shown = _settings(
        tmp_path,
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="homeclaim",
        EMAIL_HOST_PASSWORD="s3cret",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="RR. HH. <rrhh@example.org>",
    )
    assert shown["from"] == "RR. HH. <rrhh@example.org>"
    assert shown["mailers"]["default"] == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "smtp.example.org",
            "port": 2525,
            "username": "homeclaim",
            "password": "s3cret",
            "use_tls": True,
            "timeout": 20,
        },
    }
