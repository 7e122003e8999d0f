"""A file the registry knows but the storage has lost answers 404 with a clear message, and the
fault is logged, on the staff page, the public registry and the API alike."""

import logging

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry.tests.factories import open_case, pdf_upload, register_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost_file(series, registrar):
    case = open_case(series=series, actor=registrar)
    document = register_document(case=case, actor=registrar, files=[pdf_upload(name="beslut.pdf")])
    stored = document.files.get()
    stored.file.storage.delete(stored.file.name)
    return stored


def test_a_lost_file_is_a_clear_404_everywhere_and_is_logged(client, series, lost_file, caplog):
    reader = user_with_role(Role.READER, administration=series.administration)
    message = "Filen saknas i lagringen"
    with caplog.at_level(logging.ERROR, logger="samverka.files"):
        client.force_login(reader)
        staff = client.get(reverse("registry:file_download", args=[lost_file.pk]))
        client.logout()
        public = client.get(reverse("public:file_download", args=[lost_file.pk]))
        api = APIClient()
        api.force_login(reader)
        from_api = api.get(reverse("api-registry-file-download", args=[lost_file.pk]))
    assert staff.status_code == public.status_code == from_api.status_code == 404
    assert message in staff.content.decode() and message in public.content.decode()
    assert message in from_api.json()["detail"]
    assert sum(lost_file.file.name in record.getMessage() for record in caplog.records) == 3
