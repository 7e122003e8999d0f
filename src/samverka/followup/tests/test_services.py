"""The follow-up round: opening, answers, initiative statuses, rules on bad input, reminders."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samverka.core.errors import DomainError, InvalidTransition, PermissionDenied
from samverka.followup import services
from samverka.followup.models import FollowUpReminder, PrincipleAnswer

from .factories import PRINCIPLES, answers

pytestmark = pytest.mark.django_db


def test_open_asks_every_committee_one_question_per_principle(world):
    assert [p.title for p in world.round.principles.order_by("number")] == PRINCIPLES
    assert sorted(world.committees) == ["KN", "MN", "SN"]
    assert world.round.principles.first().question.startswith("Hur arbetar nämnden utifrån principen")
    with pytest.raises(DomainError):
        services.round_open(actor=world.governance, year=2024, deadline=dt.date(2025, 3, 1), without_plan=True)


def test_only_governance_or_the_boards_administration_opens(world):
    with pytest.raises(PermissionDenied):
        services.round_open(actor=world.lead_mn, year=2025, deadline=dt.date(2026, 3, 1), without_plan=True)
    round = services.round_open(actor=world.board_registrar, year=2025, deadline=dt.date(2026, 3, 1), without_plan=True)
    assert round.committees.count() == 3


def test_committee_answers_and_is_marked_answered(world):
    committee = world.committees["MN"]
    services.answers_submit(actor=world.lead_mn, committee=committee, answers=answers(world.round, [3, 4, 2]))
    committee.refresh_from_db()
    assert committee.answered_at is not None and committee.answered_by == world.lead_mn
    assert sorted(PrincipleAnswer.objects.values_list("maturity", flat=True)) == [2, 3, 4]
    # Revised before the round closes: still one answer per principle.
    services.answers_submit(actor=world.lead_mn, committee=committee, answers=answers(world.round, [4, 4, 3]))
    assert PrincipleAnswer.objects.count() == 3


def test_a_committee_answers_only_for_itself(world):
    with pytest.raises(PermissionDenied):
        services.answers_submit(
            actor=world.lead_kn, committee=world.committees["MN"], answers=answers(world.round, [3, 3, 3])
        )


@pytest.mark.parametrize("level", [0, 6, -1])
def test_maturity_outside_1_to_5_is_refused(world, level):
    with pytest.raises(DomainError) as error:
        services.answers_submit(
            actor=world.lead_mn, committee=world.committees["MN"], answers=answers(world.round, [3, level, 3])
        )
    assert "från 1 till 5" in error.value.message
    assert not PrincipleAnswer.objects.exists()


def test_every_principle_must_be_answered(world):
    partial = answers(world.round, [3, 3, 3])
    partial.pop(next(iter(partial)))
    with pytest.raises(DomainError):
        services.answers_submit(actor=world.lead_mn, committee=world.committees["MN"], answers=partial)


def _initiative(world, planned=1_000_000):
    return services.initiative_add(
        actor=world.governance,
        round=world.round,
        title="E-tjänsteplattform",
        category="Invånartjänster",
        planned_amount=planned,
    )


def test_initiative_status_is_reported(world):
    status = services.initiative_report(
        actor=world.governance, status=_initiative(world), progress=40, rag="amber", spent_amount="350000"
    )
    assert (status.progress, status.rag, status.spent_amount) == (40, "amber", Decimal(350000))


@pytest.mark.parametrize(
    ("progress", "rag", "spent", "comment", "message"),
    [
        (101, "green", 0, "", "från 0 till 100"),
        (-5, "green", 0, "", "från 0 till 100"),
        (50, "green", -1, "", "mindre än noll"),
        (50, "green", "mycket", "", "belopp i kronor"),
        (50, "purple", 0, "", "röd, gul eller grön"),
        (50, "red", 0, "", "röd status behöver en kommentar"),
    ],
)
def test_bad_initiative_input_is_refused(world, progress, rag, spent, comment, message):
    status = _initiative(world)
    with pytest.raises(DomainError) as error:
        services.initiative_report(
            actor=world.governance, status=status, progress=progress, rag=rag, spent_amount=spent, comment=comment
        )
    assert message in error.value.message


def test_negative_planned_amount_is_refused(world):
    with pytest.raises(DomainError) as error:
        _initiative(world, planned=-10)
    assert error.value.message == "Planerad kostnad kan inte vara mindre än noll."


def test_only_governance_reports_initiatives(world):
    with pytest.raises(PermissionDenied):
        services.initiative_report(
            actor=world.lead_mn, status=_initiative(world), progress=1, rag="green", spent_amount=0
        )


def test_closed_round_takes_no_more_answers(world):
    services.round_close(actor=world.governance, round=world.round)
    with pytest.raises(InvalidTransition):
        services.answers_submit(
            actor=world.lead_mn, committee=world.committees["MN"], answers=answers(world.round, [3, 3, 3])
        )


def test_reminders_once_a_week_before_and_once_after(world, django_capture_on_commit_callbacks):
    services.answers_submit(
        actor=world.lead_kn, committee=world.committees["KN"], answers=answers(world.round, [2, 2, 2])
    )

    def send(day):
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders_send(today=day)

    assert send(dt.date(2025, 2, 1)) == 0  # four weeks before
    # MN: its e-mail and its digital lead; SN has no contacts; KN has answered.
    assert send(dt.date(2025, 2, 22)) == 2
    assert send(dt.date(2025, 2, 25)) == 0
    assert send(dt.date(2025, 3, 1)) == 2
    assert send(dt.date(2025, 3, 5)) == 0
    assert len(mail.outbox) == 4
    assert FollowUpReminder.objects.count() == 4
    assert "Miljönämnden" in mail.outbox[0].subject


def test_the_periodic_command_reminds_once(world, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    assert world.round.deadline < timezone.localdate()  # the world's round is past its deadline
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_followup_reminders", verbosity=0)
    first = len(mail.outbox)
    assert first > 0 and FollowUpReminder.objects.count() > 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_followup_reminders", verbosity=0)
    assert len(mail.outbox) == first


def test_an_answer_after_the_deadline_is_taken_and_shown_as_late(world, client):
    committee = world.committees["MN"]
    rounds = world.round.__class__.objects.filter(pk=world.round.pk)
    rounds.update(deadline=timezone.localdate())
    services.answers_submit(actor=world.lead_mn, committee=committee, answers=answers(world.round, [3, 3, 3]))
    committee.refresh_from_db()
    assert not committee.answered_late  # on the last day

    rounds.update(deadline=timezone.localdate() - dt.timedelta(days=1))
    services.answers_submit(actor=world.lead_mn, committee=committee, answers=answers(world.round, [4, 4, 4]))
    committee.refresh_from_db()
    assert committee.answered_late
    assert not world.committees["KN"].answered_late  # not answered: not late either

    client.force_login(world.lead_mn)
    page = client.get(reverse("followup:round_detail", args=[world.round.year])).content.decode()
    assert page.count("Efter sista svarsdag") == 1
    listed = client.get(f"/api/v1/followup-rounds/{world.round.year}/").json()
    assert {c["body"]: c["answered_late"] for c in listed["committees"]}[committee.body.name] is True
