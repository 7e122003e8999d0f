import pytest

from samverka.organisation.models import Body

pytestmark = pytest.mark.django_db


def test_a_reason_longer_than_its_column_is_shortened_and_the_change_kept():
    body = Body(name="Testnämnden", short_name="TN", kind=Body.Kind.COMMITTEE)
    body._change_reason = "Ett mycket långt skäl " * 20
    body.save()
    record = body.history.latest()
    assert len(record.history_change_reason) == 100
    assert record.history_change_reason.endswith("…")
    assert Body.objects.filter(pk=body.pk).exists()
