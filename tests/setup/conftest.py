import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role, User
from tests.conftest import PASSWORD, Api


@pytest.fixture
def other_admin(other_org) -> User:
    return User.objects.create_user(
        username="otto", password=PASSWORD, organization=other_org, role=Role.ADMIN
    )


@pytest.fixture
def admin_api(people):
    def make(language: str = "en") -> Api:
        return Api(people["admin"], language)

    return make


def upload(api: Api, path: str, data: bytes, name: str = "people.csv", **form):
    fields = {
        "file": SimpleUploadedFile(name, data),
        **{k: str(v).lower() if isinstance(v, bool) else v for k, v in form.items()},
    }
    return api.client.post(f"/api{path}", data=fields, headers=api.headers)
