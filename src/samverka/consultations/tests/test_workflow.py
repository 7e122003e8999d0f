import pytest

from samverka.consultations import workflow
from samverka.consultations.models import Consultation
from samverka.core.errors import InvalidTransition

S = Consultation.Status


def test_the_table():
    assert workflow.next_states(S.DRAFT) == [S.SENT]
    assert sorted(workflow.next_states(S.CLOSED)) == sorted([S.SENT, S.COMPILED])
    assert workflow.next_states(S.SENT) == [S.CLOSED]
    assert workflow.next_states(S.COMPILED) == []


@pytest.mark.parametrize("current", S.values)
@pytest.mark.parametrize("target", S.values)
def test_every_pair(current, target):
    if workflow.allowed(current, target):
        workflow.check(current, target)
    else:
        with pytest.raises(InvalidTransition, match="En remiss med status"):
            workflow.check(current, target)
