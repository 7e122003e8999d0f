"""Writes to the registry: numbering, cases, documents, files, corrections and their history."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samverka.core.errors import DomainError, PermissionDenied
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import (
    AdministrationFactory,
    BodyFactory,
    ExternalPartyFactory,
    PersonFactory,
    user_with_role,
)
from samverka.registry import selectors, services
from samverka.registry.models import (
    Case,
    CaseRelation,
    CaseSeries,
    Document,
    DocumentFile,
    DocumentType,
    SearchEntry,
    SeriesCounter,
)
from samverka.registry.tests.factories import (
    DocumentTypeFactory,
    open_case,
    pdf_bytes,
    pdf_upload,
    register_document,
    series_for,
    upload,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


# -- Case numbers -------------------------------------------------------------------------------


def test_case_numbers_are_prefix_year_running_number(series, registrar):
    first = open_case(series=series, actor=registrar)
    second = open_case(series=series, actor=registrar)
    year = TODAY().year
    assert (first.number, second.number) == (f"STK-{year}-1", f"STK-{year}-2")
    assert (first.year, first.sequence, second.sequence) == (year, 1, 2)


def test_each_series_counts_on_its_own(series, registrar, other_administration):
    other = series_for("MN", other_administration)
    other_registrar = user_with_role(Role.REGISTRAR, administration=other_administration)
    open_case(series=series, actor=registrar)
    open_case(series=series, actor=registrar)
    assert open_case(series=other, actor=other_registrar).number == f"MN-{TODAY().year}-1"
    assert open_case(series=series, actor=registrar).sequence == 3


def test_a_new_year_restarts_at_one(series, registrar):
    assert open_case(series=series, actor=registrar, opened_on=dt.date(2023, 12, 31)).number == "STK-2023-1"
    assert open_case(series=series, actor=registrar, opened_on=dt.date(2024, 1, 2)).number == "STK-2024-1"
    assert open_case(series=series, actor=registrar, opened_on=dt.date(2023, 6, 1)).number == "STK-2023-2"
    assert open_case(series=series, actor=registrar, opened_on=dt.date(2024, 3, 1)).number == "STK-2024-2"
    counters = dict(SeriesCounter.objects.filter(series=series).values_list("year", "last_number"))
    assert counters == {2023: 2, 2024: 2}


def test_a_failed_case_open_does_not_consume_a_number(series, registrar):
    open_case(series=series, actor=registrar)
    # Fails in full_clean, after the number was allocated: the allocation is rolled back with it.
    with pytest.raises(ValidationError) as error:
        open_case(series=series, actor=registrar, is_secret=True, secrecy_reference="", public_title="Ärende")
    assert "secrecy_reference" in error.value.message_dict
    with pytest.raises(DomainError):
        open_case(series=series, actor=registrar, opened_on=TODAY() + dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        open_case(series=series, actor=user_with_role(Role.READER, administration=series.administration))
    assert open_case(series=series, actor=registrar).sequence == 2
    assert list(Case.objects.order_by("sequence").values_list("sequence", flat=True)) == [1, 2]
    assert SeriesCounter.objects.get(series=series, year=TODAY().year).last_number == 2


def test_an_imported_number_moves_the_counter_past_it(series, registrar):
    imported = open_case(series=series, actor=registrar, sequence=284, opened_on=dt.date(2019, 5, 2))
    assert imported.number == "STK-2019-284"
    assert open_case(series=series, actor=registrar, opened_on=dt.date(2019, 6, 1)).number == "STK-2019-285"
    with pytest.raises(ValidationError):
        open_case(series=series, actor=registrar, sequence=284, opened_on=dt.date(2019, 7, 1))


def test_an_inactive_series_takes_no_new_cases(series, registrar):
    CaseSeries.objects.filter(pk=series.pk).update(is_active=False)
    series.refresh_from_db()
    with pytest.raises(DomainError, match="inte längre aktiv"):
        open_case(series=series, actor=registrar)
    assert not SeriesCounter.objects.exists()


def test_a_prefix_must_be_capital_letters(db):
    administration = AdministrationFactory()
    with pytest.raises(ValidationError):
        CaseSeries(prefix="st1", name="Fel", administration=administration).full_clean()


# -- Cases --------------------------------------------------------------------------------------


def test_opening_a_case_records_who_and_defaults(series, registrar):
    officer = PersonFactory()
    case = open_case(
        series=series,
        actor=registrar,
        title="  Ny e-tjänst för bygglov  ",
        responsible_officer=officer,
        child_rights_assessment="Barn berörs inte direkt.",
    )
    case.refresh_from_db()
    assert case.title == "Ny e-tjänst för bygglov"
    assert case.status == Case.Status.OPEN and case.opened_on == TODAY()
    assert case.responsible_administration == series.administration
    assert case.responsible_body is None
    assert case.child_rights_assessment == "Barn berörs inte direkt."
    record = case.history.get()
    assert record.history_type == "+"
    assert record.history_user == registrar
    assert record.history_change_reason == "Ärendet registrerades"


def test_a_secret_case_needs_a_reference_and_a_public_title(series, registrar):
    with pytest.raises(ValidationError) as error:
        open_case(series=series, actor=registrar, is_secret=True, secrecy_reference="OSL 18 kap. 8 §")
    assert "public_title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        open_case(series=series, actor=registrar, is_secret=True, public_title="Säkerhetsärende")
    assert "secrecy_reference" in error.value.message_dict
    case = open_case(
        series=series,
        actor=registrar,
        title="Sårbarheter i brandväggen",
        is_secret=True,
        secrecy_reference="OSL 18 kap. 8 §",
        public_title="Informationssäkerhetsärende",
    )
    assert case.display_public_title == "Informationssäkerhetsärende"
    assert Case.objects.count() == 1


def test_case_update_records_the_reason_and_refuses_unknown_fields(series, registrar):
    case = open_case(series=series, actor=registrar)
    services.case_update(actor=registrar, case=case, reason="Förtydligande", title="Nya riktlinjer")
    case.refresh_from_db()
    assert case.title == "Nya riktlinjer"
    latest = case.history.first()
    assert (latest.history_user, latest.history_change_reason) == (registrar, "Förtydligande")
    assert latest.prev_record.title == "Riktlinjer för IT och digitalisering"
    with pytest.raises(DomainError, match="number"):
        services.case_update(actor=registrar, case=case, number="STK-1999-1")
    # Nothing changed: no new history row.
    services.case_update(actor=registrar, case=case, title="Nya riktlinjer")
    assert case.history.count() == 2


def test_case_update_keeps_the_secrecy_rules(series, registrar):
    case = open_case(series=series, actor=registrar)
    with pytest.raises(ValidationError):
        services.case_update(actor=registrar, case=case, is_secret=True)
    case.refresh_from_db()
    assert not case.is_secret


def test_closing_needs_a_reason_and_reopening_is_recorded(series, registrar):
    case = open_case(series=series, actor=registrar)
    with pytest.raises(DomainError) as error:
        services.case_close(actor=registrar, case=case, reason="   ")
    assert error.value.code == "reason_required"
    services.case_close(actor=registrar, case=case, reason="Besvarad")
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closing_reason) == (Case.Status.CLOSED, TODAY(), "Besvarad")
    with pytest.raises(DomainError) as error:
        services.case_reopen(actor=registrar, case=case, reason="")
    assert error.value.code == "reason_required"
    services.case_reopen(actor=registrar, case=case, reason="Ny komplettering inkom")
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closing_reason) == (Case.Status.OPEN, None, "")
    reasons = list(case.history.order_by("history_date").values_list("history_change_reason", "status"))
    assert reasons == [
        ("Ärendet registrerades", "open"),
        ("Ärendet avslutades: Besvarad", "closed"),
        ("Ärendet återupptogs: Ny komplettering inkom", "open"),
    ]
    assert {r.history_user for r in case.history.all()} == {registrar}


def test_a_case_cannot_close_before_it_opened(series, registrar):
    case = open_case(series=series, actor=registrar, opened_on=dt.date(2024, 5, 10))
    with pytest.raises(DomainError, match="före"):
        services.case_close(actor=registrar, case=case, reason="Klart", closed_on=dt.date(2024, 5, 9))


def test_related_cases_are_shown_both_ways(series, registrar):
    first, second, third = (open_case(series=series, actor=registrar) for _ in range(3))
    services.case_relate(actor=registrar, case=first, other=second, note="Samma fråga")
    services.case_relate(actor=registrar, case=third, other=first)
    assert [(c.number, note, d) for c, note, d in selectors.case_relations(first)] == [
        (second.number, "Samma fråga", "out"),
        (third.number, "", "in"),
    ]
    assert [(c.number, d) for c, _n, d in selectors.case_relations(second)] == [(first.number, "in")]
    with pytest.raises(DomainError) as error:
        services.case_relate(actor=registrar, case=second, other=first)
    assert error.value.code == "duplicate"
    with pytest.raises(DomainError, match="sig självt"):
        services.case_relate(actor=registrar, case=first, other=first)
    assert CaseRelation.objects.count() == 2
    assert CaseRelation.history.filter(history_user=registrar).count() == 2


def test_relating_needs_the_right_to_change_one_of_the_cases(series, registrar, other_administration):
    first, second = open_case(series=series, actor=registrar), open_case(series=series, actor=registrar)
    stranger = user_with_role(Role.REGISTRAR, administration=other_administration)
    with pytest.raises(PermissionDenied):
        services.case_relate(actor=stranger, case=first, other=second)


# -- Documents ----------------------------------------------------------------------------------


def test_documents_are_numbered_within_their_case(series, registrar):
    case, other = open_case(series=series, actor=registrar), open_case(series=series, actor=registrar)
    numbers = [register_document(case=case, actor=registrar).number for _ in range(3)]
    assert numbers == [f"{case.number}:1", f"{case.number}:2", f"{case.number}:3"]
    assert register_document(case=other, actor=registrar).sequence == 1


def test_document_fields_are_stored(series, registrar):
    case = open_case(series=series, actor=registrar)
    memo = DocumentTypeFactory(code="tjansteskrivelse", name="Tjänsteskrivelse")
    document = register_document(
        case=case,
        actor=registrar,
        direction=Document.Direction.OUTGOING,
        document_type=memo,
        document_date=dt.date(2024, 3, 4),
        registered_on=dt.date(2024, 3, 4),
        subject="Svar på remiss",
        counterpart="Vision Malmö",
    )
    document.refresh_from_db()
    assert (document.direction, document.document_type, document.document_date) == (
        "outgoing",
        memo,
        dt.date(2024, 3, 4),
    )
    assert (document.subject, document.counterpart, document.registered_by) == (
        "Svar på remiss",
        "Vision Malmö",
        registrar,
    )
    assert not document.registered_late


@pytest.mark.parametrize("kind", ["body", "administration", "external", "text"])
def test_the_counterpart_can_be_a_body_an_administration_an_external_party_or_free_text(series, registrar, kind):
    counterpart = {
        "body": lambda: BodyFactory(short_name="KN", name="Kulturnämnden"),
        "administration": lambda: AdministrationFactory(short_name="KF", name="Kulturförvaltningen"),
        "external": lambda: ExternalPartyFactory(name="Saco"),
        "text": lambda: "  Anna Andersson  ",
    }[kind]()
    document = register_document(
        case=open_case(series=series, actor=registrar), actor=registrar, counterpart=counterpart
    )
    document.refresh_from_db()
    expected = str(counterpart).strip()
    assert document.counterpart == expected
    filled = [
        name
        for name in ("counterpart_body", "counterpart_administration", "counterpart_external")
        if getattr(document, name) is not None
    ] + (["counterpart_text"] if document.counterpart_text else [])
    assert filled == [f"counterpart_{kind}"]


def test_incoming_and_outgoing_documents_need_a_counterpart(series, registrar):
    case = open_case(series=series, actor=registrar)
    for direction in (Document.Direction.INCOMING, Document.Direction.OUTGOING):
        with pytest.raises(ValidationError) as error:
            register_document(case=case, actor=registrar, direction=direction, counterpart=None)
        assert "counterpart_text" in error.value.message_dict
    created = register_document(case=case, actor=registrar, direction=Document.Direction.CREATED, counterpart=None)
    assert created.sequence == 1 and created.counterpart == ""


def test_a_secret_document_needs_a_reference(series, registrar):
    case = open_case(series=series, actor=registrar)
    with pytest.raises(ValidationError):
        register_document(case=case, actor=registrar, is_secret=True)
    assert not Document.objects.exists()


def test_a_document_date_after_the_registration_day_is_refused(series, registrar):
    case = open_case(series=series, actor=registrar)
    with pytest.raises(DomainError) as error:
        register_document(case=case, actor=registrar, document_date=TODAY() + dt.timedelta(days=1))
    assert error.value.code == "future_date"
    with pytest.raises(DomainError) as error:
        register_document(
            case=case, actor=registrar, document_date=dt.date(2024, 5, 2), registered_on=dt.date(2024, 5, 1)
        )
    assert error.value.code == "future_date"
    # Nor can the registration day itself lie in the future.
    tomorrow = TODAY() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as error:
        register_document(case=case, actor=registrar, document_date=TODAY(), registered_on=tomorrow)
    assert error.value.code == "future_date"
    assert not Document.objects.exists()


def test_late_registration_is_flagged(series, registrar):
    case = open_case(series=series, actor=registrar)
    on_time = register_document(case=case, actor=registrar, document_date=TODAY())
    late = register_document(case=case, actor=registrar, document_date=TODAY() - dt.timedelta(days=3))
    assert not on_time.registered_late
    assert late.registered_late
    assert list(selectors.late_registrations()) == [late]


def test_an_inactive_document_type_is_refused(series, registrar):
    old = DocumentType.objects.create(code="fax", name="Fax", is_active=False)
    with pytest.raises(DomainError, match="används inte längre"):
        register_document(case=open_case(series=series, actor=registrar), actor=registrar, document_type=old)


def test_a_closed_case_takes_no_new_documents_or_versions(series, registrar):
    case = open_case(series=series, actor=registrar)
    document = register_document(case=case, actor=registrar, files=[pdf_upload("Första")])
    services.case_close(actor=registrar, case=case, reason="Klart")
    with pytest.raises(DomainError) as error:
        register_document(case=case, actor=registrar)
    assert error.value.code == "case_closed"
    with pytest.raises(DomainError) as error:
        services.document_add_version(actor=registrar, document=document, upload=pdf_upload("Andra"))
    assert error.value.code == "case_closed"
    assert DocumentFile.objects.filter(document=document).count() == 1
    services.case_reopen(actor=registrar, case=case, reason="Komplettering")
    assert register_document(case=case, actor=registrar).sequence == 2


# -- Files --------------------------------------------------------------------------------------


def test_files_are_stored_with_sha256_and_size(series, registrar):
    content = pdf_bytes("Yttrande")
    text = "Yttrande över förslaget.\n".encode()
    document = register_document(
        case=open_case(series=series, actor=registrar),
        actor=registrar,
        files=[upload("C:\\Users\\anna\\yttrande.pdf", content), upload("bilaga.txt", text)],
    )
    files = list(document.files.order_by("version"))
    assert [(f.version, f.filename, f.content_type) for f in files] == [
        (1, "yttrande.pdf", "application/pdf"),
        (2, "bilaga.txt", "text/plain"),
    ]
    assert [(f.size, f.sha256) for f in files] == [
        (len(content), hashlib.sha256(content).hexdigest()),
        (len(text), hashlib.sha256(text).hexdigest()),
    ]
    with files[0].file.open("rb") as handle:
        assert handle.read() == content
    assert all(f.uploaded_by == registrar for f in files)


def test_a_new_file_makes_a_new_version_and_the_old_one_stays(series, registrar):
    first = pdf_bytes("Version ett")
    document = register_document(
        case=open_case(series=series, actor=registrar), actor=registrar, files=[upload("plan.pdf", first)]
    )
    original = document.files.get()
    original_name = original.file.name
    second = pdf_bytes("Version tva")
    stored = services.document_add_version(actor=registrar, document=document, upload=upload("plan.pdf", second))
    assert stored.version == 2 and stored.sha256 == hashlib.sha256(second).hexdigest()
    original.refresh_from_db()
    assert original.file.name == original_name and original.sha256 == hashlib.sha256(first).hexdigest()
    with original.file.open("rb") as handle:
        assert handle.read() == first
    with stored.file.open("rb") as handle:
        assert handle.read() == second
    assert original.file.name != stored.file.name
    record = stored.history.get()
    assert (record.history_user, record.history_change_reason) == (registrar, "Fil version 2 lades till")


def test_adding_a_version_needs_the_right_to_register(series, registrar):
    document = register_document(case=open_case(series=series, actor=registrar), actor=registrar)
    reader = user_with_role(Role.READER, administration=series.administration)
    with pytest.raises(PermissionDenied):
        services.document_add_version(actor=reader, document=document, upload=pdf_upload())
    assert not DocumentFile.objects.exists()


# -- Corrections --------------------------------------------------------------------------------


def test_corrections_record_who_when_and_why(series, registrar):
    case = open_case(series=series, actor=registrar)
    document = register_document(case=case, actor=registrar, subject="Yttrande från MN")
    before = timezone.now()
    services.document_correct(
        actor=registrar,
        document=document,
        reason="Fel avsändare angavs",
        subject="Yttrande från KN",
        counterpart_text="Kulturnämnden",
    )
    document.refresh_from_db()
    assert (document.subject, document.counterpart) == ("Yttrande från KN", "Kulturnämnden")
    latest = document.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == registrar
    assert latest.history_change_reason == "Rättelse: Fel avsändare angavs"
    assert latest.history_date >= before
    assert latest.prev_record.subject == "Yttrande från MN"
    assert latest.prev_record.counterpart_text == "Miljönämnden"


def test_a_correction_needs_a_reason_and_a_change(series, registrar):
    document = register_document(case=open_case(series=series, actor=registrar), actor=registrar)
    with pytest.raises(DomainError) as error:
        services.document_correct(actor=registrar, document=document, reason=" ", subject="Nytt")
    assert error.value.code == "reason_required"
    with pytest.raises(DomainError) as error:
        services.document_correct(actor=registrar, document=document, reason="Ingen", subject=document.subject)
    assert error.value.code == "no_change"
    with pytest.raises(DomainError, match="sequence"):
        services.document_correct(actor=registrar, document=document, reason="Fel", sequence=7)
    with pytest.raises(DomainError) as error:
        services.document_correct(
            actor=registrar, document=document, reason="Fel datum", document_date=TODAY() + dt.timedelta(days=2)
        )
    assert error.value.code == "future_date"
    document.refresh_from_db()
    assert document.history.count() == 1 and document.document_date == TODAY()


def test_only_a_registrar_may_correct(series, registrar):
    officer = user_with_role(Role.CASE_OFFICER, administration=series.administration)
    case = open_case(series=series, actor=officer)
    document = register_document(case=case, actor=officer)
    with pytest.raises(PermissionDenied):
        services.document_correct(actor=officer, document=document, reason="Fel", subject="Annat")
    services.document_correct(actor=registrar, document=document, reason="Fel", subject="Annat")


@pytest.mark.parametrize("role", [Role.READER, Role.SECRETARY, Role.AUDITOR, Role.DIGITAL_LEAD])
def test_services_refuse_users_without_the_right(series, registrar, role):
    case = open_case(series=series, actor=registrar)
    document = register_document(case=case, actor=registrar)
    user = user_with_role(role, administration=series.administration)
    calls = [
        lambda: open_case(series=series, actor=user),
        lambda: services.case_update(actor=user, case=case, title="X"),
        lambda: services.case_close(actor=user, case=case, reason="X"),
        lambda: register_document(case=case, actor=user),
        lambda: services.document_correct(actor=user, document=document, reason="X", subject="Y"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert (Case.objects.count(), Document.objects.count()) == (1, 1)
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


# -- History ------------------------------------------------------------------------------------


def test_every_registry_model_keeps_history():
    from django.apps import apps

    technical = {SeriesCounter, SearchEntry}  # a counter and a derived index, rebuilt from the others
    models = [m for m in apps.get_app_config("registry").get_models() if not m.__name__.startswith("Historical")]
    assert {m for m in models if not hasattr(m, "history")} == technical
    assert {Case, CaseRelation, CaseSeries, Document, DocumentFile, DocumentType} <= set(models)
