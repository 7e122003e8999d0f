"""The minutes benchmark runs end to end on a small meeting and reports its figures (not the timing)."""

import io
import json

import pytest
from django.core.management import call_command

from samverka.meetings.models import Extract, Meeting

pytestmark = pytest.mark.django_db


def test_benchmark_minutes_reports_figures_and_leaves_nothing(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    path = tmp_path / "minutes.json"
    call_command("benchmark_minutes", "--paragraphs", "3", "--repeat", "1", "--json", str(path), stdout=out, stderr=err)
    text = out.getvalue()
    assert "Protokoll med 3 paragrafer" in text and "Protokollsutdrag (PDF och DOCX)" in text
    assert "median" in text and "max" in text and ("PASS" in text or "FAIL" in text)
    figures = json.loads(path.read_text(encoding="utf-8"))
    assert figures["paragraphs"] == 3 and figures["repeat"] == 1
    for part in ("seal", "extract"):
        assert set(figures[part]) >= {"median_ms", "max_ms", "runs_ms", "passed"}
        assert len(figures[part]["runs_ms"]) == 1
    assert figures["goals_ms"] == {"seal": 5000, "extract": 1000}
    assert [t["met"] for t in figures["targets"]] == [figures["seal"]["passed"], figures["extract"]["passed"]]
    # built in a transaction that is rolled back
    assert not Meeting.objects.exists() and not Extract.objects.exists()
