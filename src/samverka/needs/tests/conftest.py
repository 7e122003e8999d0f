import pytest

from .factories import culture, digital_lead, environment, governance


@pytest.fixture
def mf(db):
    return environment()


@pytest.fixture
def kuf(db):
    return culture()


@pytest.fixture
def lead_mf(mf):
    return digital_lead(mf)


@pytest.fixture
def lead_kuf(kuf):
    return digital_lead(kuf)


@pytest.fixture
def gov(db):
    return governance()
