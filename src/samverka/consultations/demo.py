"""The demo consultation: KSAU's remiss of the guidelines for IT and digitalisation (STK-2019-284),
sent 2020-10-05 to every committee and the unions Vision and Saco, answers due 2020-12-31, with the
responses of Miljönämnden (MN-2020-9317, modelled on the example) and Kulturnämnden (KN-2020-4392).

The registry's demo has already registered the documents (the remiss, the statements) in the cases;
this loader adds the consultation on top of them and links them, so nothing is registered twice.
Idempotent: run again, it changes nothing. The people are invented.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from samverka.core.history import stamp as _stamp

CASE_NUMBER = "STK-2019-284"
TITLE = "Riktlinjer för IT och digitalisering"
SENT_ON = dt.date(2020, 10, 5)
DEADLINE = dt.date(2020, 12, 31)
QUESTIONS = [
    "Ger riktlinjerna en tydlighet för nämnden och förvaltningen för hur staden arbetar tillsammans med IT "
    "och digitalisering?",
    "Hur ser nämnden på den föreslagna besluts- och behovsprocessen för kommungemensam IT och dess prioriteringar?",
]
DESCRIPTION = (
    "Stadskontoret efterfrågar synpunkter på hela förslaget till riktlinjer, deras intentioner och eventuella "
    "effekter men lyfter fram två frågeställningar för remissinstanserna att särskilt beakta."
)

# (text, topic codes, handling, motivation); handling "" = not yet answered by the sender.
MN_COMMENTS: list[tuple[str, tuple[str, ...], str, str]] = [
    (
        "Huvudansvaret för omvärldsbevakning, nätverksbyggande och kommunövergripande kompetensutveckling bör "
        "ligga på den kommungemensamma IT-funktionen, och manualer och rutiner för gemensamma system (t.ex. "
        "Microsoft Teams) bör tas fram kommuncentralt för att undvika dubbelarbete.",
        ("samordning", "digital-kompetens"),
        "accepted",
        "Riktlinjerna anger nu att kommungemensam IT ansvarar för gemensamma manualer, rutiner och utbildning.",
    ),
    (
        "Det finns en risk att två parallella kommunövergripande system byggs in när vissa funktioner blir kvar "
        "på stadskontoret; ärende- och dokumenthanteringssystemet bör i sin helhet ingå i en samlad organisering.",
        ("samordning", "digital-infrastruktur"),
        "",
        "",
    ),
    (
        "Kommungemensam IT bör ges möjlighet till utlåtande och rekommendation när en förvaltning upphandlar "
        "själv, så att förvaltningsspecifika satsningar går i gemensam riktning.",
        ("samordning",),
        "accepted",
        "Förslaget innehåller redan att kommungemensam IT yttrar sig innan en förvaltning upphandlar själv.",
    ),
    (
        "Principerna för digital informationshantering är för snäva och bör kompletteras med principer om digital "
        "kompetens, verksamhetsutveckling och cirkulär ekonomi.",
        ("digital-kompetens", "cirkular-ekonomi"),
        "partly",
        "Principen Digitalisering med omtanke läggs till; övriga principer tas upp i utvecklingsplanen.",
    ),
    (
        "Digital kompetens hos chefer och medarbetare behöver tydliggöras och ingå i kompetensförsörjningen och i "
        "allas fortbildning.",
        ("digital-kompetens",),
        "",
        "",
    ),
    (
        "Ett cirkulärt kretsloppsperspektiv bör finnas med vid inköp och upphandling av såväl hårdvara som mjukvara.",
        ("cirkular-ekonomi",),
        "",
        "",
    ),
    (
        "Licenskostnader bör kunna undantas från att automatiskt flyttas över till kommungemensam IT, eftersom "
        "behovet av licenser fluktuerar och skiljer sig mellan förvaltningarna.",
        ("licenskostnader", "finansiering"),
        "not_accepted",
        "Licenserna flyttas enligt förslaget för att ge en samlad styrning; fördelningen ses över efter ett år.",
    ),
    (
        "Riktlinjerna saknar ett stycke om uppföljning: riktlinjerna och utvecklingsplanen bör följas upp årligen "
        "i samband med årsbokslutet.",
        ("uppfoljning",),
        "accepted",
        "Ett avsnitt om årlig uppföljning vid årsbokslutet har lagts till i riktlinjerna.",
    ),
    (
        "En tydlig övergripande strategi behövs för digitalt möjliggörande tjänster, som e-tjänster, så att "
        "invånarna behandlas lika oavsett vilken förvaltning som tillhandahåller tjänsten.",
        ("samordning",),
        "",
        "",
    ),
    (
        "Barnperspektivet ska finnas med under hela processen när digitalt möjliggörande tjänster tas fram, och "
        "tas med i den kommande utvecklingsplanen.",
        ("barnperspektiv",),
        "",
        "",
    ),
]
MN_SUMMARY = (
    "Miljönämnden ställer sig positiv till förslaget om riktlinjer och omorganisering avseende kommungemensam IT "
    "på serviceförvaltningen. Riktlinjerna kommer bidra till en större tydlighet för hur staden arbetar tillsammans "
    "med IT, digitalisering och systemförvaltning. Nämnden lyfter synpunkter om kommunövergripande strategier, "
    "licenskostnader, uppföljning av riktlinjerna och behovet av en strategi för digitalt möjliggörande tjänster, "
    "och efterfrågar en bredare ansats i principerna, till exempel digital kompetens och cirkulär ekonomi."
)
MN_ANSWERS = [
    "Ja. Riktlinjerna ger en större tydlighet för hur staden arbetar tillsammans med IT, digitalisering och "
    "systemförvaltning, men delar kan utvecklas: kommunövergripande strategier, licenskostnader, uppföljning, "
    "principerna och en strategi för digitalt möjliggörande tjänster.",
    "Miljönämnden ser positivt på den föreslagna besluts- och behovsprocessen och ser för egen del att "
    "omprioriteringar av resurser måste göras. Nämnden ser positivt på att en förvaltning kan upphandla själv "
    "när basleveranserna inte täcker behovet.",
]

KN_COMMENTS: list[tuple[str, tuple[str, ...], str, str]] = [
    (
        "Ansvaret för digitaliseringen är otydligt mellan kommungemensam IT, stadskontoret och nämnderna; "
        "riktlinjerna bör beskriva vem som gör vad.",
        ("samordning",),
        "partly",
        "En ansvarsfördelning i tabellform har lagts till; gränsdragningen mot stadskontoret förtydligas senare.",
    ),
    (
        "Digital infrastruktur saknas i förslaget, trots att bibliotek och museer är beroende av den.",
        ("digital-infrastruktur",),
        "not_applicable",
        "Digital infrastruktur utreds i ett eget ärende och ingår inte i dessa riktlinjer.",
    ),
    (
        "Det behövs forum för dialog och kunskapsutbyte mellan förvaltningarnas digitaliseringsansvariga.",
        ("dialog",),
        "",
        "",
    ),
    (
        "Kommungemensam IT bör ha en samordnande och underlättande roll gentemot förvaltningarna, inte bara "
        "leverera basleveranser.",
        ("samordning", "dialog"),
        "",
        "",
    ),
    (
        "Uppföljningen bör omfatta kvaliteten i basleveranserna, inte bara kostnaderna.",
        ("uppfoljning",),
        "",
        "",
    ),
    (
        "Beslutsprocessen för kommungemensam IT bör kopplas till budgetprocessen med ett årshjul, så att "
        "nämnderna hinner planera.",
        ("finansiering", "uppfoljning"),
        "accepted",
        "Ett årshjul kopplat till budgetprocessen har lagts in i riktlinjerna.",
    ),
    (
        "Förvaltningarna behöver kompetensstöd från kommungemensam IT i digitaliseringsprojekt.",
        ("digital-kompetens",),
        "",
        "",
    ),
    (
        "Gränsen för vad som finansieras genom kommunbidraget till servicenämnden och vad nämnderna själva "
        "betalar behöver tydliggöras.",
        ("finansiering",),
        "",
        "",
    ),
]
KN_SUMMARY = (
    "Kulturnämnden ställer sig bakom förslaget att samla kommungemensam IT och digitalisering på "
    "serviceförvaltningen, men vill att ansvaret förtydligas, att digital infrastruktur tas med och att "
    "beslutsprocessen kopplas till budgetprocessen."
)
KN_ANSWERS = [
    "Delvis. Riktlinjerna ger en tydlighet, men ansvaret för digitaliseringen mellan kommungemensam IT, "
    "stadskontoret och nämnderna behöver beskrivas tydligare.",
    "Kulturnämnden ser positivt på processen, men den bör kopplas till budgetprocessen med ett årshjul och "
    "behoven hos bibliotek, museer och kulturskola bör vägas in när basleveranserna prioriteras.",
]


def _actor(case):
    """The case officer at Stadskontoret (the demo's "handlaggare"), else the case's officer or an administrator."""
    users = get_user_model().objects
    for candidate in (
        users.filter(username="handlaggare").first(),
        case.responsible_officer.user if case.responsible_officer_id else None,
        users.filter(username="admin").first(),
        users.filter(is_superuser=True).order_by("pk").first(),
    ):
        if candidate is not None:
            return candidate
    return None


def _document(case, *, starts: str, direction: str):
    from samverka.registry.models import Document

    if case is None:
        return None
    return (
        Document.objects.filter(case=case, direction=direction, subject__istartswith=starts)
        .order_by("sequence")
        .first()
    )


def _respond(
    *, actor, consultation, body_short: str, case_number: str, sent_on, summary, answers, comments, decision, writer
):
    from samverka.organisation.models import Body
    from samverka.registry.models import Case, Document

    from . import selectors
    from .models import Answer, Comment, Recipient, Response, Topic

    body = Body.objects.filter(short_name=body_short).first()
    recipient = Recipient.objects.filter(consultation=consultation, body=body).first() if body else None
    if recipient is None:
        return None
    own_case = Case.objects.filter(number=case_number).first()
    recipient.recipient_case = own_case
    recipient.incoming_document = _document(own_case, starts="Remiss", direction=Document.Direction.INCOMING)
    recipient.registered_at = timezone.now()
    _stamp(recipient, actor, f"Remissen registrerades i {case_number}")
    recipient.save(update_fields=["recipient_case", "incoming_document", "registered_at"])
    response = Response(
        recipient=recipient,
        status=Response.Status.SENT,
        standpoint=Response.Standpoint.SUPPORTS_WITH_COMMENTS,
        summary=summary,
        decision_reference=decision,
        version=1,
        is_late=sent_on > consultation.deadline,
        written_by=writer or actor,
        sent_on=sent_on,
        sent_by=writer or actor,
        recipient_document=_document(own_case, starts="Yttrande", direction=Document.Direction.OUTGOING),
        sender_document=Document.objects.filter(
            case=consultation.case, direction=Document.Direction.INCOMING, subject__icontains=case_number
        )
        .order_by("sequence")
        .first(),
    )
    response.full_clean()
    _stamp(response, writer or actor, "Svaret skickades")
    response.save()
    for question, text in zip(selectors.active_questions(consultation), answers, strict=False):
        answer = Answer(response=response, question=question, text=text)
        _stamp(answer, writer or actor, "Svaret skickades")
        answer.save()
    topics = {t.code: t for t in Topic.objects.all()}
    created = []
    for position, (text, codes, _handling, _motivation) in enumerate(comments, start=1):
        comment = Comment(response=response, position=position, text=text)
        _stamp(comment, writer or actor, "Svaret skickades")
        comment.save()
        comment.topics.set([topics[c] for c in codes if c in topics])
        created.append(comment)
    return created


def load(stdout) -> None:
    from samverka.core.errors import DomainError
    from samverka.meetings import selectors as meeting_selectors
    from samverka.organisation.models import Body, ExternalParty
    from samverka.registry.models import Case, Document

    from . import selectors, services
    from .models import Comment, Consultation

    case = Case.objects.filter(number=CASE_NUMBER).select_related("series").first()
    if case is None:
        stdout.write(f"  Remisser: ärende {CASE_NUMBER} saknas i diariet; ingen demoremiss lästes in")
        return
    if Consultation.objects.filter(case=case, title=TITLE).exists():
        stdout.write("  Remisser: demoremissen finns redan")
        return
    actor = _actor(case)
    if actor is None:
        stdout.write("  Remisser: ingen användare att registrera demoremissen med")
        return
    ksau = Body.objects.filter(short_name="KSAU").first()
    recipients = [*selectors.all_committees(), *ExternalParty.objects.filter(name__in=["Vision", "Saco"])]
    documents = [
        d
        for d in (
            _document(case, starts="Remissförslag", direction=Document.Direction.CREATED),
            _document(case, starts="Tjänsteskrivelse", direction=Document.Direction.CREATED),
            _document(case, starts="Basleveranser", direction=Document.Direction.CREATED),
        )
        if d is not None
    ]
    paragraphs = meeting_selectors.case_paragraphs(case.pk)
    paragraph = paragraphs.filter(meeting__body=ksau, paragraph_number=567).first() if ksau else None
    try:
        consultation = services.consultation_create(
            actor=actor,
            case=case,
            title=TITLE,
            description=DESCRIPTION,
            deadline=DEADLINE,
            questions=QUESTIONS,
            recipients=recipients,
            documents=documents,
            sending_decision="" if paragraph else "KSAU 2020-10-05 § 567",
            sending_paragraph=paragraph,
            sender_body=ksau,
            responsible_officer=case.responsible_officer,
            recorded_on=SENT_ON,
        )
    except DomainError as error:
        stdout.write(f"  Remisser: demoremissen kunde inte läsas in: {error.message}")
        return
    # Sent in 2020: the registry already holds the outgoing remiss, so it is linked, not registered again.
    consultation.status = Consultation.Status.SENT
    consultation.sent_on = SENT_ON
    consultation.sent_by = actor
    consultation.sent_document = _document(case, starts="Remiss till samtliga", direction=Document.Direction.OUTGOING)
    _stamp(consultation, actor, "Remissen skickades (inläst från diariet)")
    consultation.save(update_fields=["status", "sent_on", "sent_by", "sent_document"])

    users = get_user_model().objects
    mn_comments = _respond(
        actor=actor,
        consultation=consultation,
        body_short="MN",
        case_number="MN-2020-9317",
        sent_on=dt.date(2020, 12, 17),
        summary=MN_SUMMARY,
        answers=MN_ANSWERS,
        comments=MN_COMMENTS,
        decision="Miljönämnden 2020-12-15",
        writer=users.filter(username="digitalisering").first(),
    )
    kn_comments = _respond(
        actor=actor,
        consultation=consultation,
        body_short="KN",
        case_number="KN-2020-4392",
        sent_on=dt.date(2020, 12, 11),
        summary=KN_SUMMARY,
        answers=KN_ANSWERS,
        comments=KN_COMMENTS,
        decision="Kulturnämnden 2020-12-10",
        writer=None,
    )
    handled = 0
    for created, specs in ((mn_comments, MN_COMMENTS), (kn_comments, KN_COMMENTS)):
        for comment, (_text, _codes, handling, motivation) in zip(created or [], specs, strict=False):
            if handling:
                services.comment_handle(
                    actor=actor, comment=comment, handling=Comment.Handling(handling), motivation=motivation
                )
                handled += 1
    stdout.write(
        f"  Remisser: {TITLE} ({CASE_NUMBER}) till {len(recipients)} remissinstanser, "
        f"{sum(1 for c in (mn_comments, kn_comments) if c)} svar, {handled} besvarade synpunkter"
    )
