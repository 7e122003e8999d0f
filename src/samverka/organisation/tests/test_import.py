import datetime as dt
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from samverka.organisation import importing, services
from samverka.organisation.models import (
    Administration,
    Body,
    ExternalParty,
    Person,
    PoliticalAssignment,
    Role,
    RoleAssignment,
)
from samverka.organisation.tests.factories import user_with_role

pytestmark = pytest.mark.django_db

EXAMPLE = Path(settings.PROJECT_DIR) / "docs" / "examples" / "organisation.yaml"

YAML = textwrap.dedent(
    """\
    bodies:
      - short_name: KS
        name: Kommunstyrelsen
        kind: board
      - short_name: KSAU
        name: Kommunstyrelsens arbetsutskott
        kind: Arbetsutskott
        parent: KS
    administrations:
      - short_name: STK
        name: Stadskontoret
        body: KS
    external_parties:
      - name: Vision
        kind: union
    persons:
      - email: maria.ek@kommun.example
        first_name: Maria
        last_name: Ek
        administration: STK
        username: maria.ek
      - email: karin.holm@politik.kommun.example
        first_name: Karin
        last_name: Holm
    political_assignments:
      - person: karin.holm@politik.kommun.example
        body: KSAU
        kind: member
        party: S
        position: Ordförande
        starts_on: 2023-01-01
    role_assignments:
      - person: maria.ek@kommun.example
        role: registrar
        administration: STK
    """
)


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Body, Administration, ExternalParty, Person, PoliticalAssignment, RoleAssignment)
    } | {
        f"{model.__name__}.history": model.history.count()
        for model in (Body, Administration, ExternalParty, Person, PoliticalAssignment, RoleAssignment)
    }


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _run(*args) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_organisation", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _fails(*args) -> str:
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_organisation", *[str(a) for a in args], stdout=StringIO(), stderr=err)
    return err.getvalue()


# -- YAML --------------------------------------------------------------------------------------


def test_yaml_imports_every_kind(tmp_path):
    out, _ = _run(_write(tmp_path, "org.yaml", YAML))
    assert "Organ: 2 nya" in out
    au = Body.objects.get(short_name="KSAU")
    assert au.parent.short_name == "KS"
    assert au.kind == Body.Kind.WORKING_COMMITTEE
    maria = Person.objects.get(email="maria.ek@kommun.example")
    assert maria.administration.short_name == "STK"
    assert maria.user.username == "maria.ek"
    assert not maria.user.has_usable_password()
    chair = PoliticalAssignment.objects.get()
    assert (chair.body, chair.position, chair.starts_on) == (au, "chair", dt.date(2023, 1, 1))
    role = RoleAssignment.objects.get()
    assert (role.role, role.administration.short_name) == (Role.REGISTRAR, "STK")
    # Written by the services: with history, by the system account.
    assert au.history.get().history_user.username == services.SYSTEM_USERNAME


def test_the_same_file_twice_changes_nothing(tmp_path):
    path = _write(tmp_path, "org.yaml", YAML)
    _run(path)
    before = _counts()
    out, _ = _run(path)
    assert _counts() == before
    assert "Organ: 0 nya, 0 ändrade, 2 oförändrade" in out
    assert "Roller: 0 nya, 0 ändrade, 1 oförändrade" in out


def test_a_changed_file_updates_in_place(tmp_path):
    _run(_write(tmp_path, "org.yaml", YAML))
    changed = YAML.replace("name: Stadskontoret", "name: Stadsledningskontoret").replace(
        "party: S\n", "party: S\n    ends_on: 2024-12-31\n"
    )
    out, _ = _run(_write(tmp_path, "org2.yaml", changed))
    assert Administration.objects.get(short_name="STK").name == "Stadsledningskontoret"
    assert PoliticalAssignment.objects.get().ends_on == dt.date(2024, 12, 31)
    assert Administration.objects.count() == 1
    assert "Förvaltningar: 0 nya, 1 ändrade" in out


def test_deactivation_by_file_runs_after_the_rest(tmp_path):
    _run(_write(tmp_path, "org.yaml", YAML))
    text = """\
        bodies:
          - {short_name: KS, name: Kommunstyrelsen, kind: board}
          - {short_name: KSAU, name: Kommunstyrelsens arbetsutskott, kind: working_committee, parent: KS,
             is_active: false}
        """
    _run(_write(tmp_path, "off.yaml", text))
    assert not Body.objects.get(short_name="KSAU").is_active
    assert Body.objects.get(short_name="KS").is_active


def test_the_example_file_in_docs_imports_cleanly():
    out, _ = _run(EXAMPLE)
    assert "Organisationen är inläst" in out
    assert Body.objects.filter(short_name="KSAU", parent__short_name="KS").exists()
    before = _counts()
    _run(EXAMPLE)
    assert _counts() == before


# -- refused files -----------------------------------------------------------------------------


def test_an_unknown_reference_refuses_the_whole_file_and_names_the_line(tmp_path):
    text = """\
        bodies:
          - short_name: KS
            name: Kommunstyrelsen
            kind: board
        administrations:
          - short_name: STK
            name: Stadskontoret
            body: KSX
        """
    err = _fails(_write(tmp_path, "bad.yaml", text))
    assert "Rad 8: okänt organ 'KSX'" in err
    assert "Inget importerades" in err
    assert Body.objects.count() == 0


def test_every_error_is_listed_and_nothing_is_imported(tmp_path):
    text = """\
        bodies:
          - short_name: KS
            name: Kommunstyrelsen
            kind: styrelse-ish
          - short_name: KS
            name: Kommunstyrelsen igen
            kind: board
          - short_name: MN
            name: Miljönämnden
            kind: committee
            colour: green
        persons:
          - email: inte-en-adress
            first_name: Eva
            last_name: Hallberg
          - first_name: Utan
            last_name: Epost
        political_assignments:
          - person: okand@kommun.example
            body: MN
            kind: member
            party: S
            starts_on: 2023-13-01
        role_assignments:
          - person: okand@kommun.example
            role: pope
        """
    err = _fails(_write(tmp_path, "bad.yaml", text))
    assert "Rad 4: okänd typ av organ 'styrelse-ish'" in err
    assert "Rad 5: short_name 'KS' finns redan på rad 2." in err
    assert "Rad 11: okänt fält 'colour'" in err
    assert "Rad 13: ogiltig e-postadress 'inte-en-adress'" in err
    assert "Rad 16: email saknas" in err
    assert "Rad 19: okänd person 'okand@kommun.example'" in err
    assert "Rad 23: starts_on: ogiltigt datum '2023-13-01' (skriv ÅÅÅÅ-MM-DD)" in err
    assert "Rad 26: okänd roll 'pope'" in err
    assert Body.objects.count() == 0
    assert Person.objects.count() == 0


def test_a_rule_broken_while_writing_rolls_everything_back(tmp_path):
    """Rows that are each valid but break a domain rule together (two chairs) import nothing."""
    text = """\
        bodies:
          - {short_name: KS, name: Kommunstyrelsen, kind: board}
        persons:
          - {email: a@k.example, first_name: Anna, last_name: A}
          - {email: b@k.example, first_name: Bo, last_name: B}
        political_assignments:
          - {person: a@k.example, body: KS, kind: member, party: S, position: chair, starts_on: 2023-01-01}
          - {person: b@k.example, body: KS, kind: member, party: M, position: chair, starts_on: 2023-01-01}
        """
    err = _fails(_write(tmp_path, "bad.yaml", text))
    assert "Rad 8: Kommunstyrelsen har redan en ordförande" in err
    assert Body.objects.count() == 0
    assert Person.objects.count() == 0
    assert Body.history.count() == 0


def test_a_loop_of_parents_is_refused(tmp_path):
    text = """\
        bodies:
          - {short_name: A, name: A, kind: committee, parent: B}
          - {short_name: B, name: B, kind: committee, parent: A}
        """
    err = _fails(_write(tmp_path, "loop.yaml", text))
    assert "cirkel" in err
    assert Body.objects.count() == 0


def test_broken_yaml_and_unknown_sections(tmp_path):
    assert "inte giltig YAML" in _fails(_write(tmp_path, "broken.yaml", "bodies: [\n"))
    assert "okänd del 'committees'" in _fails(_write(tmp_path, "x.yaml", "committees:\n  - {name: X}\n"))
    assert "filen är tom" in _fails(_write(tmp_path, "empty.yaml", ""))


def test_a_yes_no_word_where_text_is_wanted_is_explained(tmp_path):
    err = _fails(_write(tmp_path, "no.yaml", "bodies:\n  - {short_name: no, name: Norrnämnden, kind: committee}\n"))
    assert "citattecken" in err


def test_only_an_administrator_may_import(tmp_path):
    registrar = user_with_role(Role.REGISTRAR, username="reg")
    path = _write(tmp_path, "org.yaml", YAML)
    with pytest.raises(CommandError, match="behörighet"):
        call_command("import_organisation", str(path), "--user", "reg")
    assert Body.objects.count() == 0
    user_with_role(Role.ADMINISTRATOR, username="boss")
    _run(path, "--user", "boss")
    assert Body.objects.get(short_name="KS").history.get().history_user.username == "boss"
    assert registrar.pk


def test_dry_run_saves_nothing(tmp_path):
    out, _ = _run(_write(tmp_path, "org.yaml", YAML), "--dry-run")
    assert "Organ: 2 nya" in out
    assert "Provkörning" in out
    assert Body.objects.count() == 0
    assert get_user_model().objects.filter(username="maria.ek").count() == 0


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_files_one_per_kind_detected_by_header(tmp_path):
    bodies = _write(
        tmp_path,
        "organ.csv",
        """\
        short_name,name,kind,parent
        KS,Kommunstyrelsen,board,
        KSAU,Kommunstyrelsens arbetsutskott,working_committee,KS
        """,
    )
    administrations = _write(
        tmp_path,
        "forvaltningar.csv",
        """\
        förkortning;namn;organ;e-post
        STK;Stadskontoret;KS;stadskontoret@kommun.example
        """,
    )
    persons = _write(
        tmp_path,
        "personer.csv",
        """\
        email,first_name,last_name,administration,username
        maria.ek@kommun.example,Maria,Ek,STK,maria.ek
        karin.holm@politik.kommun.example,Karin,Holm,,
        """,
    )
    assignments = _write(
        tmp_path,
        "uppdrag.csv",
        """\
        person,body,kind,party,position,starts_on
        karin.holm@politik.kommun.example,KS,member,S,chair,2023-01-01
        """,
    )
    roles = _write(
        tmp_path,
        "roller.csv",
        """\
        person,role,scope
        maria.ek@kommun.example,registrar,STK
        """,
    )
    # Given in any order: the import puts bodies before what refers to them.
    out, _ = _run(roles, assignments, persons, administrations, bodies)
    assert Administration.objects.get(short_name="STK").email == "stadskontoret@kommun.example"
    assert Person.objects.get(email="maria.ek@kommun.example").user.username == "maria.ek"
    assert PoliticalAssignment.objects.get().position == "chair"
    assert RoleAssignment.objects.get().administration.short_name == "STK"
    before = _counts()
    _run(roles, assignments, persons, administrations, bodies)
    assert _counts() == before


def test_csv_with_kind_option_and_an_unknown_reference(tmp_path):
    path = _write(
        tmp_path,
        "x.csv",
        """\
        name,kind
        Vision,union
        Saco,Fackförbund
        """,
    )
    _run(path, "--kind", "external_parties")
    assert set(ExternalParty.objects.values_list("kind", flat=True)) == {"union"}
    bad = _write(
        tmp_path,
        "administrations.csv",
        """\
        short_name,name,body
        STK,Stadskontoret,KS
        SF,Serviceförvaltningen,SN
        MF,Miljöförvaltningen,KSX
        """,
    )
    err = _fails(bad)
    assert "Rad 2: okänt organ 'KS'" in err
    assert "Rad 4: okänt organ 'KSX'" in err
    assert Administration.objects.count() == 0


def test_csv_whose_header_says_nothing_needs_kind(tmp_path):
    err = _fails(_write(tmp_path, "x.csv", "foo,bar\n1,2\n"))
    assert "--kind" in err


def test_csv_with_too_many_fields_on_a_row(tmp_path):
    err = _fails(_write(tmp_path, "x.csv", "name,kind\nVision,union,extra\n"))
    assert "Rad 2: raden har 3 fält" in err


def test_import_data_for_python_callers():
    result = importing.import_data(
        actor=services.system_actor(),
        data={"bodies": [{"short_name": "KF", "name": "Kommunfullmäktige", "kind": "council"}]},
    )
    assert result.created["bodies"] == 1
    assert result.changed == 1
