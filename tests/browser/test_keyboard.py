"""The main flows with the keyboard only: no mouse and no Playwright click/fill/check/select_option.

Every control is reached by pressing Tab (or Shift+Tab) until it has focus, which proves that it is
in the tab order; text is typed, options are chosen by typing on a focused <select>, radio buttons
are moved with the arrow keys, checkboxes are toggled with Space, links are followed and forms
submitted with Enter. Each control reached this way must show a visible focus indicator (an
outline or a box shadow). The walks: a registrar registers an incoming document in a case, a
digital lead answers a consultation, and the chair, a verifier and the secretary sign minutes
until they are verified. The last test keeps the known gaps in the focus indicator as strict
expected failures: the skip link and the calendar button of a date field."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from samverka.consultations.models import Response
from samverka.consultations.tests.factories import build_world, recipient_for, sent
from samverka.meetings.models import Meeting
from samverka.meetings.tests import factories as meeting_factories
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry.models import Document
from samverka.registry.tests.factories import CaseSeriesFactory, DocumentTypeFactory, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

add_topics = importlib.import_module("samverka.consultations.migrations.0002_topics").add_topics

PASSWORD = "secret-pass-123"

# What has focus, described the way a keyboard user meets it: element, id, name, type, accessible
# name (aria-label, else the label, else the text) and whether it matches an optional CSS selector.
DESCRIBE_FOCUS = """(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return {tag: "body", id: "", name: "", type: "", label: "", href: "", matches: false};
  }
  const clean = (s) => (s || "").replace(/\\s+/g, " ").trim();
  let label = clean(el.getAttribute("aria-label"));
  if (!label && el.labels && el.labels.length) label = clean(el.labels[0].innerText).replace(/\\s*\\*$/, "");
  if (!label) label = clean(el.innerText || el.value);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id || "",
    name: el.getAttribute("name") || "",
    type: el.getAttribute("type") || "",
    label: label.slice(0, 80),
    href: el.getAttribute("href") || "",
    matches: selector ? el.matches(selector) : false,
  };
}"""

# The focus indicator of the focused element. Designsystemet draws it for a radio button or a
# checkbox on the wrapping .ds-field (`.ds-field:has(input:focus-visible)`, the box around the
# input and its label) and switches off the input's own ring, so for those two the wrapper counts.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const ring = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== "none" && style.outlineWidth !== "0px";
    return outline || style.boxShadow !== "none";
  };
  if (ring(el)) return "element";
  const toggle = el.matches("input[type=radio], input[type=checkbox]") && el.closest(".ds-field");
  if (toggle && ring(toggle)) return "field";
  return null;
}"""

Target = str | Callable[[dict], bool]


def describe(element: dict) -> str:
    ident = f"#{element['id']}" if element["id"] else ""
    kind = f"[type={element['type']}]" if element["type"] else ""
    return f"{element['tag']}{ident}{kind} {element['label']!r}"


def focus_visible(page) -> bool:
    return page.evaluate(FOCUS_STYLE) is not None


def tab_to(page, target: Target, limit: int = 80, *, backwards: bool = False, check_focus: bool = True) -> dict:
    """Press Tab (Shift+Tab with backwards) until the focused element matches `target`: a CSS
    selector, or a predicate over the description of the focused element. Fails with the list of
    everything that received focus on the way if the target is not reached within `limit` presses."""
    key = "Shift+Tab" if backwards else "Tab"
    selector = target if isinstance(target, str) else None

    def reached() -> tuple[bool, dict]:
        element = page.evaluate(DESCRIBE_FOCUS, selector)
        return (element["matches"] if selector else target(element)), element

    seen: list[str] = []
    hit, element = reached()
    presses = 0
    while not hit:
        if presses >= limit:
            wanted = selector or getattr(target, "description", repr(target))
            raise AssertionError(
                f"{wanted} was not reached with {limit} × {key} on {page.url}. Focus went to: " + " → ".join(seen)
            )
        page.keyboard.press(key)
        presses += 1
        hit, element = reached()
        seen.append(describe(element))
    if check_focus:
        assert focus_visible(page), f"{describe(element)} on {page.url} has no visible focus (outline or box shadow)"
    return element


def control(label: str, tag: str | None = None, **attributes: str) -> Callable[[dict], bool]:
    """A predicate: the focused element has this accessible name (and tag and attributes)."""

    def predicate(element: dict) -> bool:
        return (
            element["label"] == label
            and (tag is None or element["tag"] == tag)
            and all(element[key] == value for key, value in attributes.items())
        )

    predicate.description = f"{tag or 'control'} {label!r}" + "".join(f" {k}={v!r}" for k, v in attributes.items())
    return predicate


def link(label: str) -> Callable[[dict], bool]:
    return control(label, "a")


def button(label: str) -> Callable[[dict], bool]:
    return control(label, "button")


def type_into(page, target: Target, text: str) -> None:
    tab_to(page, target)
    page.keyboard.type(text)


def choose(page, target: Target, option: str, keys: str | None = None) -> None:
    """Type the start of the option's label (`keys`, no spaces: Space would open the list) on the
    focused, closed <select> and check that the option was chosen."""
    tab_to(page, target)
    page.keyboard.type(keys or option)
    chosen = page.evaluate(
        "() => document.activeElement.tagName === 'SELECT' ? document.activeElement.selectedOptions[0]?.label.trim()"
        " : `focus moved to ${document.activeElement.tagName}`"
    )
    assert chosen == option, f"typing {keys or option!r} on the select gave {chosen!r}, not {option!r}"


def press_enter_and_wait(page, url_glob: str) -> None:
    with page.expect_navigation(url=url_glob):
        page.keyboard.press("Enter")


def check_skip_link(page) -> None:
    """On a fresh page, the first Tab reaches the skip link; Enter moves focus to the main content."""
    page.goto("/")
    page.keyboard.press("Tab")
    first = page.evaluate(DESCRIBE_FOCUS, "a.ds-skip-link[href='#main']")
    assert first["matches"] and first["label"] == "Hoppa till huvudinnehållet", (
        f"the first Tab reached {describe(first)}, not the skip link"
    )
    # The skip link is hidden until focused and its only focus indicator is that it appears: it has
    # no ring (see test_focus_ring_on_controls_the_walks_pass), so here it must at least show.
    box = page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect(); return [r.width, r.height]; }"
    )
    assert box[0] > 10 and box[1] > 10, f"the focused skip link is not visible: {box}"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    page.keyboard.press("Tab")
    after = page.evaluate("() => document.activeElement.closest('#main') !== null")
    assert after, "after the skip link, the next Tab does not land in the main content"


def sign_in(page, username: str) -> None:
    """From the start page: the header's "Logga in" link, then the sign-in form, all by keyboard."""
    page.goto("/")
    tab_to(page, link("Logga in"))
    press_enter_and_wait(page, "**/logga-in/**")
    type_into(page, control("Användarnamn", "input"), username)
    type_into(page, control("Lösenord", "input"), PASSWORD)
    tab_to(page, button("Logga in"))
    press_enter_and_wait(page, "**/mitt-arbete/")
    assert page.get_by_role("heading", name="Mitt arbete", level=1).is_visible()


def sign_out(page) -> None:
    tab_to(page, button("Logga ut"), backwards=True)
    with page.expect_navigation(url=lambda url: urlparse(url).path == "/"):
        page.keyboard.press("Enter")
    assert page.get_by_role("banner").get_by_role("link", name="Logga in").is_visible()


# --- The registrar ------------------------------------------------------------------------------


@pytest.fixture
def registrar():
    series = CaseSeriesFactory()
    DocumentTypeFactory()
    DocumentTypeFactory(code="rapport", name="Rapport")
    return user_with_role(Role.REGISTRAR, administration=series.administration, username="registrator")


def test_registrar_opens_a_case_and_registers_an_incoming_document(page, registrar, tmp_path):
    check_skip_link(page)
    sign_in(page, "registrator")

    # Open a case from the dashboard.
    tab_to(page, link("Registrera nytt ärende"))
    press_enter_and_wait(page, "**/arenden/nytt/")
    choose(page, control("Diarieserie", "select"), "STK – Stadskontoret", keys="STK")
    type_into(page, control("Ärendemening", "input"), "Granskning av kommunens digitalisering")
    type_into(page, control("Barnrättsbedömning", "textarea"), "Granskningen berör inte barn direkt.")
    tab_to(page, button("Registrera ärende"))
    press_enter_and_wait(page, "**/arenden/STK-*/")
    number = urlparse(page.url).path.rstrip("/").rsplit("/", 1)[-1]
    assert number.startswith("STK-")
    assert page.get_by_text(f"Ärende {number} är registrerat.").is_visible()

    # Register an incoming report with a PDF, the file chosen with Space on the file input.
    pdf = tmp_path / "revisionsrapport.pdf"
    pdf.write_bytes(pdf_bytes("Revisionsrapport om informationssakerhet"))
    tab_to(page, link("Registrera handling"))
    press_enter_and_wait(page, f"**/arenden/{number}/handlingar/**")
    choose(page, control("Riktning", "select"), "Inkommande")
    choose(page, control("Handlingstyp", "select"), "Rapport")
    type_into(page, control("Annan avsändare eller mottagare", "input"), "Revisorskollegiet")
    # Playwright asks the browser to intercept file choosers without waiting for the answer; a
    # listener registered before the walk to the input makes sure interception is on when Space is
    # pressed (under a loaded CI the fire-and-forget request could otherwise arrive after it).
    keep_intercepting = lambda chooser: None  # noqa: E731
    page.on("filechooser", keep_intercepting)
    type_into(page, control("Beskrivning", "input"), "Revisionsrapport: granskning av digitalisering")
    tab_to(page, control("Filer", "input", type="file"))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(pdf))
    page.remove_listener("filechooser", keep_intercepting)
    tab_to(page, button("Registrera"))
    press_enter_and_wait(page, f"**/arenden/{number}/")

    document = Document.objects.get(case__number=number)
    assert document.direction == Document.Direction.INCOMING and document.document_type.name == "Rapport"
    assert page.get_by_text(f"Handling {document.number} är registrerad.").is_visible()
    row = page.get_by_role("row").filter(has_text="Revisionsrapport: granskning av digitalisering")
    assert row.get_by_role("cell", name="Inkommande").is_visible()
    assert row.get_by_role("cell", name="Revisorskollegiet").is_visible()

    # Follow the document's number to the document.
    tab_to(page, link(str(document.sequence)))
    press_enter_and_wait(page, f"**/arenden/{number}/handlingar/{document.sequence}/")
    assert page.get_by_text(document.number).first.is_visible()
    assert page.get_by_role("link", name="revisionsrapport.pdf").is_visible()
    sign_out(page)


# --- The consultation ---------------------------------------------------------------------------


@pytest.fixture
def consultation_world():
    # Other transactional tests flush the topics the data migration seeded; put them back.
    from django.apps import apps

    add_topics(apps, None)
    world = build_world()
    consultation = sent(world, recipients=[world.mn], sending_decision="KSAU 2020-10-05 § 567")
    return world, consultation


def test_digital_lead_answers_a_consultation(page, consultation_world):
    world, consultation = consultation_world
    sign_in(page, "digital")

    # The consultation to answer is on the dashboard.
    assert page.get_by_role("heading", name="Remisser att besvara").is_visible()
    tab_to(page, link(consultation.title))
    press_enter_and_wait(page, "**/instanser/*/")

    # The standpoint: Tab reaches the radio group, the arrow key moves to and selects the next one.
    first = tab_to(page, "input[type=radio][name=standpoint]")
    assert first["label"] == "Tillstyrker"
    page.keyboard.press("ArrowDown")
    standpoint = page.evaluate(DESCRIBE_FOCUS, "input[type=radio]:checked")
    assert standpoint["matches"] and standpoint["label"] == "Tillstyrker med synpunkter"

    type_into(page, control("Sammanfattning", "textarea"), "Miljönämnden ställer sig positiv till förslaget.")
    type_into(page, "#id_comments-0-text", "Licenskostnader bör kunna undantas från flytten.")
    topic = tab_to(page, control("Licenskostnader", "input", type="checkbox"))
    assert topic["id"].startswith("id_comments-0-"), f"reached {describe(topic)}, not a topic of comment 1"
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), "Space did not check the topic"
    type_into(page, control("Nämndens beslut", "input"), "Miljönämnden 2020-12-15 § 231")
    tab_to(page, button("Skicka svaret"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_text("Svaret är skickat och registrerat").is_visible()
    sent_section = page.get_by_role("region", name="Skickat svar")
    assert sent_section.get_by_text("Tillstyrker med synpunkter").is_visible()
    comment = sent_section.get_by_role("row").filter(has_text="Licenskostnader bör kunna undantas från flytten.")
    assert comment.get_by_role("cell", name="Licenskostnader", exact=True).is_visible()
    assert comment.get_by_role("cell", name="Ej besvarad").is_visible()

    response = Response.objects.get(recipient=recipient_for(consultation, world.mn))
    assert response.status == Response.Status.SENT
    assert response.standpoint == Response.Standpoint.SUPPORTS_WITH_COMMENTS
    assert response.sender_document is not None
    registered = f"{consultation.case.number}:{response.sender_document.sequence}"
    assert sent_section.get_by_text(registered, exact=True).is_visible()
    sign_out(page)


# --- The minutes --------------------------------------------------------------------------------


def test_chair_verifier_and_secretary_sign_the_minutes(page, settings, tmp_path):
    settings.SAMVERKA_SEAL_DEV_DIR = str(tmp_path / "seal")
    f = meeting_factories
    setup = f.held_and_drafted(f.decided(f.called_with_attendance(f.planned(f.ksau(seats=5), items=1))))
    meeting = setup.meeting
    starts_at = timezone.localtime(meeting.starts_at)
    title = f"{meeting.body.name} {starts_at:%Y-%m-%d}"
    chair, verifier = setup.members[0], setup.members[1]
    signers = [chair.user, verifier.user, setup.secretary]

    for index, user in enumerate(signers, start=1):
        sign_in(page, user.username)
        assert page.get_by_role("heading", name="Protokoll att justera").is_visible()
        tab_to(page, link(title))
        press_enter_and_wait(page, f"**/sammantraden/{meeting.pk}/")
        tab_to(page, button("Signera protokollet"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_by_text("Du har undertecknat protokollet.").is_visible()
        signatures = page.get_by_role("region", name="Underskrifter")
        assert signatures.get_by_text(" – signerat ").count() == index
        if index < len(signers):
            assert signatures.get_by_text("inte signerat").count() == len(signers) - index
        sign_out(page)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.VERIFIED and meeting.verified_on

    # The secretary sees the minutes verified and locked.
    sign_in(page, setup.secretary.username)
    tab_to(page, link("Sammanträden"))
    press_enter_and_wait(page, "**/sammantraden/")
    tab_to(page, link(f"{starts_at:%Y-%m-%d %H:%M}"))
    press_enter_and_wait(page, f"**/sammantraden/{meeting.pk}/")
    assert page.get_by_text("Protokollet är justerat och låst").is_visible()
    assert page.get_by_role("button", name="Signera protokollet").count() == 0


# --- Known gaps in the focus indicator ----------------------------------------------------------


def _skip_link(page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate(DESCRIBE_FOCUS, "a.ds-skip-link")["matches"]


def _date_picker_button(page) -> None:
    # Chromium gives <input type=date> four tab stops: month, day, year and the calendar button.
    # On the button the input no longer matches :focus, and Designsystemet's ring goes with it.
    page.goto("/diarium/")
    tab_to(page, control("Datum från", "input", type="date"))
    for _ in range(3):
        page.keyboard.press("Tab")
    picker = page.evaluate(
        "() => document.activeElement.id === 'id_date_from' && !document.activeElement.matches(':focus')"
    )
    assert picker, "the fourth tab stop of the date input is not its calendar button"


@pytest.mark.parametrize(
    "reach",
    [
        # Designsystemet's own rule draws none; samverka.css gives it the focus ring.
        pytest.param(_skip_link, id="skip-link"),
        pytest.param(
            _date_picker_button,
            id="date-picker-button",
            marks=pytest.mark.xfail(
                strict=True,
                raises=AssertionError,
                reason="on the calendar button inside <input type=date> the input loses :focus-visible, so "
                "Designsystemet's ring disappears; only Chromium's small built-in ring around the icon is left",
            ),
        ),
    ],
)
def test_focus_ring_on_controls_the_walks_pass(page, reach):
    """Each known gap is an expected failure of the ring check alone (strict: fixing it fails here,
    so the mark is removed); not reaching the control is a real failure."""
    try:
        reach(page)
    except AssertionError as error:
        pytest.fail(f"could not reach the control: {error}")
    assert focus_visible(page), "no outline or box shadow on the focused control"
