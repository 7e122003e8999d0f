import json

import pytest
from django.core.management import call_command

from samverka.consultations.models import Consultation

pytestmark = pytest.mark.django_db


def test_the_compilation_benchmark_reports_its_figures_and_leaves_no_data(tmp_path):
    out = tmp_path / "compilation.json"
    call_command("benchmark_compilation", responses=4, comments_per_response=3, json_path=str(out))
    figures = json.loads(out.read_text())
    assert (figures["responses"], figures["comments"]) == (4, 12)
    assert {t["what"].split(",")[0] for t in figures["targets"]} == {"compilation page", "compilation DOCX"}
    assert all(isinstance(t["met"], bool) for t in figures["targets"])
    assert not Consultation.objects.exists()
