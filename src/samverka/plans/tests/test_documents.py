import io

import pytest

from samverka.core.errors import PermissionDenied
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.plans import documents, services
from samverka.principles.tests.factories import programme_with_principles
from samverka.registry.models import Document
from samverka.registry.tests.factories import CaseSeriesFactory, DocumentTypeFactory, open_case

from .factories import initiative, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(gov):
    programme_with_principles(actor=gov, valid_from=2023)
    series = CaseSeriesFactory()
    DocumentTypeFactory(code="rapport", name="Rapport")
    case = open_case(series=series, title="Utvecklingsplan 2024")
    p = plan(gov, case=case)
    initiative(gov, p, title="Starkare skydd för alla datorer", costs={2024: 5_000_000})
    initiative(gov, p, title="Säkerhetsövervakning dygnet runt", financing="budget_request", costs={2024: 3_000_000})
    return p


def test_docx_has_principles_initiatives_and_totals(planned):
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(documents.plan_docx(planned))).paragraphs)
    assert planned.title in text
    assert "Digitalisering med omtanke" in text
    assert "Starkare skydd för alla datorer" in text
    tables = docx.Document(io.BytesIO(documents.plan_docx(planned))).tables
    cells = [c.text for t in tables for row in t.rows for c in row.cells]
    assert "8,0\u00a0mnkr" in cells


def test_pdf_renders_with_principles(planned):
    from pypdf import PdfReader

    pdf = documents.plan_pdf(planned)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Digitalisering med omtanke" in text
    assert "Säkerhetsövervakning dygnet runt" in text


def test_registered_in_the_plans_case(planned, gov, lead_mf):
    with pytest.raises(PermissionDenied):
        services.plan_register_documents(actor=lead_mf, plan=planned)
    # IT governance needs the registry's permission in the case too: make them the case officer's colleague.
    officer = user_with_role(Role.CASE_OFFICER, administration=planned.case.series.administration)
    document = services.plan_register_documents(actor=officer, plan=planned)
    assert document.case == planned.case and document.direction == Document.Direction.CREATED
    names = sorted(f.filename for f in document.files.all())
    assert names == ["utvecklingsplan-2024-v1.docx", "utvecklingsplan-2024-v1.pdf"]
    with pytest.raises(PermissionDenied):
        services.plan_register_documents(actor=gov, plan=planned)  # no rights in the STK registry
