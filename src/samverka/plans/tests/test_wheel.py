import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from samverka.needs.tests.factories import digital_lead
from samverka.plans import reminders, selectors, services
from samverka.plans.models import IntakeReminder

pytestmark = pytest.mark.django_db

STEPS = [
    ("intake", "Inlämning av behov", dt.date(2024, 2, 1), dt.date(2024, 3, 31)),
    ("forum", "Beredning i samverkansforum", dt.date(2024, 4, 1), dt.date(2024, 5, 15)),
    ("service_committee", "Servicenämnden beslutar", dt.date(2024, 6, 18), None),
    ("ksau", "KSAU bereder", dt.date(2024, 10, 7), None),
    ("ks", "KS fastställer", dt.date(2024, 10, 16), None),
    ("budget_letter", "Budgetskrivelse", dt.date(2024, 4, 15), dt.date(2024, 4, 30)),
    ("follow_up", "Uppföljning, årsbokslut", dt.date(2024, 2, 10), dt.date(2024, 2, 28)),
]


@pytest.fixture
def cycle(gov):
    cycle = services.cycle_create(actor=gov, year=2024)
    for kind, title, start, end in STEPS:
        services.cycle_step_add(actor=gov, cycle=cycle, kind=kind, title=title, starts_on=start, ends_on=end)
    return cycle


def test_wheel_svg_is_valid_and_has_every_step(client, gov, cycle):
    client.force_login(gov)
    html = client.get(reverse("plans:cycle_detail", args=[2024])).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    root = ET.fromstring(svg)  # noqa: S314  (our own server-rendered page)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    titles = [t.text for t in root.iter(f"{ns}title")]
    for _kind, title, _start, _end in STEPS:
        assert any(title in (t or "") for t in titles), title
        assert '<th scope="row"><span class="sv-swatch' in html and title in html
    texts = [t.text for t in root.iter(f"{ns}text")]
    for month in ("jan", "jun", "dec"):
        assert month in texts
    assert "style=" not in svg  # CSP: presentation attributes only
    for element in root.iter(f"{ns}text"):
        float(element.get("x")), float(element.get("y"))  # not localised with a decimal comma


def test_wheel_marks_today_and_lanes_overlaps(cycle):
    wheel = selectors.wheel(selectors.cycle_get(year=2024), today=dt.date(2024, 3, 15))
    assert wheel.today is not None
    current = [s.step.title for s in wheel.steps if s.is_current]
    assert current == ["Inlämning av behov"]
    lanes = {s.step.title: s.lane for s in wheel.steps}
    assert lanes["Uppföljning, årsbokslut"] != lanes["Inlämning av behov"]
    assert selectors.wheel(selectors.cycle_get(year=2024), today=dt.date(2025, 1, 5)).today is None


def test_ical_feed_parses(client, cycle):
    icalendar = pytest.importorskip("icalendar")
    response = client.get(reverse("plans:cycle_ics", args=[2024]))
    calendar = icalendar.Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == len(STEPS)
    intake = next(e for e in events if str(e["SUMMARY"]) == "Inlämning av behov")
    assert intake.decoded("DTSTART") == dt.date(2024, 2, 1)
    assert intake.decoded("DTEND") == dt.date(2024, 4, 1)
    assert client.get(reverse("plans:cycle_feed")).status_code == 200


def test_ics_folds_long_lines(cycle, gov):
    services.cycle_step_add(
        actor=gov,
        cycle=cycle,
        kind="other",
        title="Å" * 60 + ", med komma; och semikolon",
        starts_on=dt.date(2024, 8, 1),
    )
    text = selectors.cycle_ics([selectors.cycle_get(year=2024)], calendar_name="Test")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\\, med komma\\; och" in text.replace("\r\n ", "")


def test_reminders_are_sent_once(cycle, mf, kuf):
    lead_a, lead_b = digital_lead(mf), digital_lead(kuf)
    for n, lead in enumerate((lead_a, lead_b)):
        lead.person.email = f"dl{n}@kommun.example"
        lead.person.save()
    # Intake opened: one reminder each.
    with _commit():
        assert reminders.send_intake_reminders(today=dt.date(2024, 2, 5)) == 2
    with _commit():
        assert reminders.send_intake_reminders(today=dt.date(2024, 2, 6)) == 0
    # A week before it closes: the closing reminder, once.
    with _commit():
        assert reminders.send_intake_reminders(today=dt.date(2024, 3, 25)) == 2
    with _commit():
        assert reminders.send_intake_reminders(today=dt.date(2024, 3, 30)) == 0
    assert len(mail.outbox) == 4
    assert {m.subject for m in mail.outbox} == {
        "Inlämningen av behov till utvecklingsplanen 2025 har öppnat",
        "En vecka kvar: behov till utvecklingsplanen 2025",
    }
    assert IntakeReminder.objects.count() == 4
    # Outside the window nothing is due; the command is safe to run.
    call_command("send_intake_reminders", verbosity=0)


def _commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)
