"""Shared registry fixtures: two administrations under two bodies, a series owned by the first."""

import pytest

from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory
from samverka.registry.tests.factories import CaseSeriesFactory, DocumentTypeFactory, registrar_for


@pytest.fixture
def series(db):
    """STK, owned by Stadskontoret (an administration under Kommunstyrelsen)."""
    return CaseSeriesFactory()


@pytest.fixture
def other_administration(db):
    """Miljöförvaltningen under Miljönämnden: nothing to do with the STK series."""
    body = BodyFactory(short_name="MN", name="Miljönämnden")
    return AdministrationFactory(short_name="MF", name="Miljöförvaltningen", body=body)


@pytest.fixture
def registrar(series):
    return registrar_for(series)


@pytest.fixture
def doctype(db):
    return DocumentTypeFactory()
