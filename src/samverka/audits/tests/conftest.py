import pytest

from .factories import make_world


@pytest.fixture
def world(db):
    return make_world(actions=1)


@pytest.fixture
def action(world):
    return world.actions[0]
