import pytest
from django.urls import reverse

from samverka.registry.tests.factories import open_case, pdf_upload, register_document, registrar_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_render_for_registrar_and_public(client):
    case = open_case(title="Granskning av digitalisering")
    actor = registrar_for(case.series)
    register_document(case=case, actor=actor, files=[pdf_upload("Revisionsrapport om informationssakerhet")])
    client.force_login(actor)
    for url in [
        reverse("core:dashboard"),
        reverse("registry:case_list"),
        reverse("registry:case_detail", args=[case.number]),
        reverse("registry:document_detail", args=[case.number, 1]),
        reverse("registry:document_register", args=[case.number]),
        reverse("registry:case_open"),
        reverse("registry:search") + "?q=informationssakerhet",
        reverse("registry:export"),
        reverse("public:registry") + "?q=informationssakerhet",
        reverse("public:case_detail", args=[case.number]),
        reverse("core:accessibility"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    client.logout()
    assert client.get(reverse("public:registry")).status_code == 200
    assert client.get(reverse("registry:case_list")).status_code == 302
