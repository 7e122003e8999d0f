import pytest

from samverka.registry import search
from samverka.registry.tests.factories import open_case, pdf_upload, register_document, registrar_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_case_document_and_full_text_search_find_the_file_text():
    case = open_case()
    actor = registrar_for(case.series)
    register_document(case=case, actor=actor, files=[pdf_upload("Kommungemensam digitaliseringsplan")])
    results = search.search_public("digitaliseringsplanen")
    hits = results[0:10]
    assert results.count() >= 1
    assert any(hit.document and hit.document.case_id == case.pk for hit in hits)
    assert case.number == f"STK-{case.opened_on.year}-1"
