import pytest

from tests.smtp import smtp as smtp
from tests.smtp import smtp_server as smtp_server


@pytest.fixture(autouse=True)
def _tasks_inline(settings):
    """Mail tasks run where they are enqueued (after the commit), no worker process."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def addresses(people) -> dict[str, str]:
    for persona, user in people.items():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return {persona: user.email for persona, user in people.items()}
