"""The demo registry: case series, document types and the real cases of the example documents.

Loaded by `manage.py load_demo` after the organisation (idempotent: a case that exists is left
alone, a document that exists is not registered again). Cases and documents are written through
the registry's services, so numbers, history and the full-text index are the real ones.

The case numbers, dates, subjects and the text in the files come from the public example
documents (Malmö stad's guidelines for IT and digitalisation, 2019–2021). Where the examples
hold no text, the text is invented and says so in a comment: Kulturnämnden's response, the
development plan 2024, and the two secret items that show how secrecy is masked.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile


def _unwrap(text: str) -> str:
    """Join the indented continuation lines of the excerpts below back into one line each."""
    lines: list[str] = []
    for line in text.strip("\n").splitlines():
        if line.startswith("    ") and lines:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return "\n".join(lines)


# -- excerpts of the example documents (verbatim) ----------------------------------------------

KSAU_PARAGRAPH_567 = _unwrap(
    """
§ 567 Riktlinjer och omorganisering gällande IT, digitalisering och systemförvaltning

STK-2019-284

Sammanfattning

I samband med att kommunfullmäktige beslutade om Det digitala Malmö (STK-2016-415) gavs
    kommunstyrelsen i uppdrag att arbeta fram nya riktlinjer för IT, digital infrastruktur och
    digitalisering. Digital infrastruktur lyftes senare ut för att utredas vidare i ärende
    STK-2019-834. Stadskontoret har arbetat fram ett förslag gällande styrning, finansiering och
    organisering av kommungemensam IT, digitalisering och systemförvaltning i Malmö stad.

Förslaget innebär att:

- IT-enheten och hela eller delar av digitaliseringsenheten samt delar av systemförvaltningen på
    stadskontoret tillsammans med IT-service på serviceförvaltningen ombildas till en ny
    kommungemensam IT-organisation och placeras inom serviceförvaltningen.
- Servicenämnden får ansvar för kommungemensam IT.
- Servicenämnden får i uppdrag att årligen till kommunstyrelsen/kommunfullmäktige bereda ärende om
    antagande av plan för kommungemensam IT med syfte att fastslå riktningen inför de kommande åren.
- Den nuvarande solidariska finansieringen av kommungemensam IT upphör. Servicenämnden föreslås få
    ett kommunbidrag för att finansiera kommungemensam IT. För övriga nämnder innebär det att de får
    lämna ifrån sig kommunbidrag till servicenämnden, och att deras kostnader för kommungemensam IT
    samtidigt minskar med motsvarande belopp.
- Kommunstyrelsen ges ansvar för att besluta om riktlinjer för kommungemensam IT och anvisningar för
    rapportering från servicenämnden avseende planering och uppföljning av kommungemensam IT.

Beslut

Kommunstyrelsens arbetsutskott beslutar

1. Kommunstyrelsens arbetsutskott skickar, utan eget ställningstagande, förslag till riktlinjer och
    förändrad ansvarsfördelning av IT, digitalisering och systemförvaltning på remiss till samtliga
    nämnder och berörda fackliga organisationer med svar till stadskontoret senast den 31 december
    2020.

Beslutet skickas till

Samtliga nämnder

Vision

Saco

Kommunikations- och IT-avdelningen, IT-enheten

Beslutsunderlag

- G-Tjänsteskrivelse KSAU 201005 Riktlinjer och omorganisering gällande IT, digitalisering och
    systemförvaltning
- Remissförslag: Riktlinjer för IT och digitalisering
- Rapport utredning IT o systemförvaltning ver 1.1
- Basleveranser
- Det digitala Malmö
- IT-strategi 2007
"""
)


KSAU_MEMO_SUMMARY = _unwrap(
    """
I samband med att kommunfullmäktige beslutade om Det digitala Malmö (STK-2016-415) gavs
    kommunstyrelsen i uppdrag att arbeta fram nya riktlinjer för IT, digital infrastruktur och
    digitalisering. Digital infrastruktur lyftes senare ut för att utredas vidare i ärende
    STK-2019-834. Stadskontoret har arbetat fram ett förslag gällande styrning, finansiering och
    organisering av kommungemensam IT, digitalisering och systemförvaltning i Malmö stad.

Förslaget innebär att:

- IT-enheten och hela eller delar av digitaliseringsenheten samt delar av systemförvaltningen på
    stadskontoret tillsammans med IT-service på serviceförvaltningen ombildas till en ny
    kommungemensam IT-organisation och placeras inom serviceförvaltningen.
- Servicenämnden får ansvar för kommungemensam IT.
- Servicenämnden får i uppdrag att årligen till kommunstyrelsen/kommunfullmäktige bereda ärende om
    antagande av plan för kommungemensam IT med syfte att fastslå riktningen inför de kommande åren.
- Den nuvarande solidariska finansieringen av kommungemensam IT upphör. Servicenämnden föreslås få
    ett kommunbidrag för att finansiera kommungemensam IT. För övriga nämnder innebär det att de får
    lämna ifrån sig kommunbidrag till servicenämnden, och att deras kostnader för kommungemensam IT
    samtidigt minskar med motsvarande belopp.
- Kommunstyrelsen ges ansvar för att besluta om riktlinjer för kommungemensam IT och anvisningar för
    rapportering från servicenämnden avseende planering och uppföljning av kommungemensam IT.
"""
)


MN_MEMO = _unwrap(
    """
Remiss från kommunstyrelsens arbetsutskott om Riktlinjer och omorganisering gällande IT,
    digitalisering och systemförvaltning MN-2020-9317

Sammanfattning

Miljönämnden ställer sig positiv till förslaget om riktlinjer och omorganisering avseende
    kommungemensam IT på serviceförvaltningen. Riktlinjerna kommer bidra till en större tydlighet
    för hur staden arbetar tillsammans med IT, digitalisering och systemförvaltning. Däremot vill
    miljönämnden i sitt yttrande lyfta fram synpunkter gällande kommunövergripande strategier,
    licenskostnader, uppföljning av riktlinjerna samt behovet av en strategi för digitalt
    möjliggörande tjänster - som exempelvis e-tjänster. Miljönämnden efterfrågar även en bredare
    ansats i riktlinjerna angående de listade principerna för digital informationshantering och ser
    gärna att dessa kompletteras med fler relevanta principer för IT och digitalisering i stort.
    Principer kring digital kompetens samt cirkulär ekonomi kan till exempel finnas med i såväl
    riktlinjer som utvecklingsplan framöver.

Förslag till beslut

1. Miljönämnden svarar på kommunstyrelsens arbetsutskotts remiss enligt förvaltningens förslag till
    yttrande.

Beslutsunderlag

- Tjänsteskrivelsen, daterad 2020-11-17
- Bilaga 1 Remissförslag Riktlinjer för IT och digitalisering
- Bilaga 2 KSAU Tjänsteskrivelse 201005 Riktlinjer och omorganisering gällande IT, digitalisering
    och systemförvaltning
- Bilaga 3 Basleveranser

Beslutsplanering

Miljönämnden, 2020-12-15

Beslutet skickas till

Kommunstyrelsen

Ärendet

Kommunstyrelsens arbetsutskott har översänt Remiss angående Riktlinjer och omorganisering gällande
    IT, digitalisering och systemförvaltning till bland annat miljönämnden för samråd. Svar önskas
    senast 2020-12-31.

Stadskontoret efterfrågar synpunkter på hela förslaget till riktlinjer, deras intentioner och
    eventuella effekter men lyfter fram två frågeställningar för remissinstanserna att särskilt
    beakta:

- Ger riktlinjerna en tydlighet för nämnden och förvaltningen för hur staden arbetar tillsammans med
    IT och digitalisering?
- Hur ser nämnden på den föreslagna besluts- och behovsprocessen för kommungemensam IT och dess
    prioriteringar?

Bakgrund

Kommunfullmäktige gav, i samband med antagandet av programmet för Malmö stads digitalisering
    2017-2022 - *Det digitala Malmö*, kommunstyrelsen i uppdrag att ta fram riktlinjer för digital
    infrastruktur och IT. Vidare fick kommunstyrelsen i uppdrag att besluta om riktlinjer och
    anvisningar för realisering av *Det digitala Malmö*. En översyn av stadskontorets organisation
    genomfördes 2018 – 2019 och ett av områdena som analyserades var kommungemensam digitalisering,
    IT och systemförvaltning. Utifrån dessa beslut och utredningar har stadskontoret tagit fram
    liggande förslag gällande styrning, finansiering och organisering av kommungemensam IT,
    digitalisering och systemförvaltning i Malmö stad.

Förvaltningens förslag till yttrande

Miljönämnden ställer sig positiv till förslaget på en ny kommungemensam IT- organisation med
    placering på serviceförvaltningen. Miljönämnden instämmer i de problem som lyfts i
    remissförslaget gällande nuvarande modell och ser fördelar med att ansvar och roller samt
    styrning och ledning klargörs. Miljönämndens förhoppning är att strategierna för det digitala
    arbetet kan förverkligas på ett bättre sätt genom att en samordnande och ledande part driver
    dessa frågor för att nå samordningsvinster för hela staden.

Alla nämnder har idag och kommer förslagsvis fortsatt att ha ansvar och beslutsmandat för sin egen
    förvaltnings långsiktiga digitalisering. Men utan en övergripande koordinerad och strategisk
    modell för staden har förvaltningarna tenderat att arbeta reaktivt och en ökad utvecklingstakt
    har därmed inte möjliggjorts fullt ut.

Kommunövergripande strategi och kommungemensamt stöd

De kommunövergripande strategierna bör inrymmas i gällande styrdokument och därför anser
    miljönämnden att såväl riktlinjerna som den kommande utvecklingsplanen måste ta höjd för dessa
    frågor. Huvudansvar för frågor som rör omvärldsbevakning och nätverksbyggande bör därför ligga
    på den kommande kommungemensamma IT-funktionen så att alla förvaltningar får stöd i dessa frågor
    som berör kommunövergripande verksamhetsutveckling.

Parallellt med arbetet med riktlinjer för IT, digitalisering och systemförvaltning tar staden även
    fram riktlinjer för arbetet kring informationssäkerhet. Miljönämnden vill framföra risken att
    två parallella kommunövergripande system byggs in då vissa kommungemensamma funktioner kan komma
    att kvarstå på stadskontoret när resten av det kommungemensamma arbetet kommer ligga på
    serviceförvaltningen.

Vilka funktioner som planerar att kvarstå på stadskontoret och vilka funktioner som planerar att
    flyttas över till kommungemensam IT har även betydelse för systemförvaltningen av stadens
    övergripande och gemensamma system. Miljönämnden vill därför lyfta fram att frågor som rör både
    själva tekniken och användarvänligheten kring system ses som en helhet. Samordning, förvaltning
    och utveckling av det kommunövergripande ärende- och dokumenthanteringssystemet bör därför i sin
    helhet lämpligen ingå i en samlad organisering.

Miljönämnden vill även påtala vikten av att manualer, rutiner, kvittenser med mera som rör
    kommunövergripande system och hårdvara bör tas fram kommuncentralt för att undvika dubbelarbete
    på alla förvaltningar. Exempelvis har miljöförvaltningen, bland andra förvaltningar, tagit fram
    egna manualer och rutiner för Microsoft Teams. Detta skulle lämpligen kunnat ha hanterats
    kommuncentralt för alla förvaltningar. Likaså bör ansvaret för kommunövergripande
    kompetensutveckling och utbildning för de funktioner som på varje förvaltning arbetar med IT och
    digitalisering förslagsvis placeras på kommungemensam IT.

Egen möjlighet till upphandling

Den årliga utvecklingsplanen som servicenämnden ska ta fram bör ta sin utgångspunkt i
    förvaltningarnas verklighet. Om behov uppstår måste IT-lösningar och digitala tjänster som är
    viktiga för miljöförvaltningens uppdrag kunna tas fram. Miljönämnden, som har en relativt liten
    förvaltning, ser därför positivt på skrivningen ”om en förvaltning har behov som inte täcks av
    stadens gemensamma IT-förmågor, det vill säga basleveranserna från kommungemensam IT, finns
    möjligheten att upphandla det själv.” Samtidigt förstår nämnden vikten av att kommungemensam IT
    ges möjlighet för utlåtande och rekommendation för att förvaltningsspecifika satsningar i
    största möjliga mån ska gå i gemensam riktning inom staden. Detta gäller även för
    kommungemensamma avtal för konsultstöd i IT-upphandlingar.

Principer för IT och digitalisering

I remissförslaget listas ett antal principer för digital informationshantering. Miljönämnden
    efterfrågar en bredare ansats, för såväl riktlinjerna som den kommande utvecklingsplanen, kring
    principer för IT och digitalisering och ser gärna att dessa kompletteras med fler relevanta
    principer. Exempelvis bör principer kring *digital kompetens*, *verksamhetsutveckling* samt
    *cirkulär ekonomi* finnas med i riktlinjer och plan.

Digital kompetens

Miljönämnden efterfrågar ett resonemang kring hur organisationen ska förhålla sig till
    digitaliseringens möjligheter och utmaningar. Frågor kring till exempel digital kompetens bland
    medarbetare och chefer bör tydliggöras. Som chef i en alltmer digital miljö ställs andra krav på
    ledarskap än i en traditionell ledningsstruktur. Chefer måste kunna förhålla sig till minskade
    hierarkier, arbete hemifrån och annat som digitaliseringen kan komma att påverka. Medarbetare
    måste dels ha en grundläggande förståelse för digitalisering och nya verktyg. Miljönämnden ser
    att digital kompetens är något som måste inkorporeras i kompetensförsörjning men också i alla
    chefers och medarbetares fortbildning.

Verksamhetsutveckling i fokus

Därutöver ser miljönämnden gärna att principerna kompletteras med att IT-miljön ska möjliggöra
    verksamhetsutveckling. De principer som nämns i remissförslaget kring tillgänglighet, öppenhet
    och standardisering är några parametrar men ger inte en fullständig bild och lyfter inte

fram verksamhetsutveckling specifikt. Utvecklingsinitiativ måste mötas av en tillgänglig och följsam
    IT-miljö där standardisering och automatisering underlättar återkommande delar i olika
    digitaliseringsprojekt på förvaltningarna.

Cirkulär ekonomi

I riktlinjerna för *Det digitala Malmö* nämns att smart teknologi ska minska energianvändning och
    utsläpp samt att det ekologiska fotavtrycket ska minska. Miljönämnden vill påtala vikten av att
    detta perspektiv även framgent finns med och omnämns i de grundläggande principerna. Nämnden ser
    därför att ett cirkulärt kretsloppsperspektiv bör finnas med vid inköp och upphandlingsfrågor av
    såväl hårdvara som mjukvara. Det handlar om plast och metaller i till exempel datorer och
    mobiler och hur dessa framställs men även om kapaciteten och energianvändningen när olika
    digitala tjänster och smart teknologi nyttjas.

Då serviceförvaltningen föreslås få ansvar för att leda arbetet med strategi- och utvecklingsfrågor
    inom området ser miljönämnden ett behov av ett bredare perspektiv än endast de föreslagna
    principerna inom digital informationshantering.

Nämndernas och förvaltningarnas roll och ansvar

Miljönämnden välkomnar tydligheten kring nämndernas fortsatta arbete med IT och digitalisering att
    utifrån det kommungemensamma programmet anta en långsiktig planering för verksamhetsutveckling
    med IT på nämnds nivå.

Finansiering

Miljönämnden ser en flytt av nämndernas kommunbidrag till kommungemensam IT på serviceförvaltningen
    som en naturlig åtgärd. Det är positivt med ett effektivt arbetssätt som minskar onödig
    administration. Däremot vill nämnden lyfta möjligheten att exkludera licenskostnader från att
    automatiskt flyttas över till kommungemensam IT. Behovet av antal licenser fluktuerar över tid
    och förvaltningarna kan dessutom ha skiftande behov både vad gäller omfattning, inriktning och
    nivå på licenser. En förvaltning med många anställda som har arbetsuppgifter av administrativ
    karaktär kan ha andra behov än en förvaltning med många anställda med mobila uppgifter.

Uppföljning

Miljönämnden saknar ett stycke kring uppföljning och realiserandet av riktlinjerna. Miljönämnden
    föreslår att riktlinjerna och den kommande utvecklingsplanen följs upp årligen i samband med
    årsbokslut. Det finns ett behov av att mäta om omorganisationen leder till ökad tydlighet,
    tillgänglighet och effektivitet – inte minst för malmöborna.

Digitalt möjliggörande tjänster

Miljönämnden vill särskilt lyfta fram den digitala utvecklingen kring digitalt möjliggörande
    tjänster (som exempelvis e-tjänster) och plattformar där medborgaren och Malmö stad möts.
    Miljönämnden efterfrågar en tydlig övergripande strategi kring dessa frågor, inte minst så att
    det finns en likriktighet kring kommungemensamma frågor så att malmöborna behandlas lika oavsett
    vilka förvaltningar som tillhandahåller den digitalt möjliggörande tjänsten eller plattformen.

Miljönämnden vill även poängtera vikten av att flera olika perspektiv beaktas när digitalt
    möjliggörande tjänster utarbetas för att tillmötesgå malmöbornas behov och skiftande

förutsättningar. Inte minst är barnperspektivet centralt när behov kartläggs inför lansering av nya
    digitalt möjliggörande tjänster för malmöborna.

Sammanfattande slutsatser

Miljönämnden ser remissförslaget med kommungemensam IT som lovvärt och ser fram emot att
    realiserandet av digitala Malmö tar fart. Med hjälp av prioriterade insatser och tydliga
    ansvarsroller samt en IT- och digitaliseringsfunktion på varje förvaltning är miljönämndens
    förhoppning att en kontinuerlig dialog över förvaltningsgränser kommer att ske och dubbelarbete
    undvikas framöver. Riktlinjerna ger en större tydlighet för hur staden arbetar tillsammans med
    IT, digitalisering och systemförvaltning men miljönämnden vill samtidigt peka på att delar i
    förslaget kan utvecklas, såsom kommunövergripande strategier, licenskostnader, uppföljning av
    riktlinjerna, principer för digital informationshantering och en tydlig strategi för digitalt
    möjliggörande tjänster.

Miljönämnden ser positivt på den föreslagna besluts- och behovsprocessen för kommungemensam IT och
    ser för egen del att omprioriteringar av resurser måste göras för att möta de krav och
    förväntningar som tillkommer med den föreslagna modellen. Vad gäller verksamhetsutveckling ser
    miljönämnden positivt på att om en förvaltning har behov som inte täcks av stadens gemensamma
    IT-förmågor finns möjligheten att upphandla det själv.

Vidare anser nämnden att principerna i föreslagna riktlinjer är för snäva och ser ett behov av att
    dessa kompletteras med principer som är relevanta för IT och digitalisering i stort.

Miljönämnden anser att ansvaret för kompetensutveckling, utbildning och inspiration också lämpligen
    behöver ligga på kommungemensam IT och att detta bör tydliggöras i riktlinjerna. Även
    framtagande av manualer och riktlinjer för kommunövergripande hård- och mjukvara bör tas fram
    kommuncentralt.

Organisationens digitala kompetens samt digitaliseringens sociala och ekologiska fotavtryck behöver
    också inrymmas i såväl, principer, riktlinjer och övriga utvecklings- och strategidokument
    framöver. De kommunövergripande frågeställningarna och strategierna bör tas med i gällande
    styrdokument och därför anser miljönämnden att såväl riktlinjerna som den kommande
    utvecklingsplanen måste ta höjd för dessa frågor.

Barnkonventionen

Barnkonventionen har beaktats vid handläggningen av detta ärende på följande sätt:

Barn har rätt att få tillgång till tillgänglig och lättförståelig information via till exempel
    internet. Därför spelar det roll hur Malmö stad tillgängliggör information för malmöborna -
    inklusive alla barn och unga under 18 år.

Då barn har rätt att uttrycka sin mening, rätt till yttrandefrihet samt höras i alla frågor som rör
    barnet bör framtagandet av de olika digitalt möjliggörande tjänster inkludera barnperspektivet
    under hela processen. Detta bör tas med i den kommande utvecklingsplanen som
    serviceförvaltningen ska ta fram.
"""
)


MN_CONCLUSIONS = _unwrap(
    """
Sammanfattande slutsatser

Miljönämnden ser remissförslaget med kommungemensam IT som lovvärt och ser fram emot att
    realiserandet av digitala Malmö tar fart. Med hjälp av prioriterade insatser och tydliga
    ansvarsroller samt en IT- och digitaliseringsfunktion på varje förvaltning är miljönämndens
    förhoppning att en kontinuerlig dialog över förvaltningsgränser kommer att ske och dubbelarbete
    undvikas framöver. Riktlinjerna ger en större tydlighet för hur staden arbetar tillsammans med
    IT, digitalisering och systemförvaltning men miljönämnden vill samtidigt peka på att delar i
    förslaget kan utvecklas, såsom kommunövergripande strategier, licenskostnader, uppföljning av
    riktlinjerna, principer för digital informationshantering och en tydlig strategi för digitalt
    möjliggörande tjänster.

Miljönämnden ser positivt på den föreslagna besluts- och behovsprocessen för kommungemensam IT och
    ser för egen del att omprioriteringar av resurser måste göras för att möta de krav och
    förväntningar som tillkommer med den föreslagna modellen. Vad gäller verksamhetsutveckling ser
    miljönämnden positivt på att om en förvaltning har behov som inte täcks av stadens gemensamma
    IT-förmågor finns möjligheten att upphandla det själv.

Vidare anser nämnden att principerna i föreslagna riktlinjer är för snäva och ser ett behov av att
    dessa kompletteras med principer som är relevanta för IT och digitalisering i stort.

Miljönämnden anser att ansvaret för kompetensutveckling, utbildning och inspiration också lämpligen
    behöver ligga på kommungemensam IT och att detta bör tydliggöras i riktlinjerna. Även
    framtagande av manualer och riktlinjer för kommunövergripande hård- och mjukvara bör tas fram
    kommuncentralt.

Organisationens digitala kompetens samt digitaliseringens sociala och ekologiska fotavtryck behöver
    också inrymmas i såväl, principer, riktlinjer och övriga utvecklings- och strategidokument
    framöver. De kommunövergripande frågeställningarna och strategierna bör tas med i gällande
    styrdokument och därför anser miljönämnden att såväl riktlinjerna som den kommande
    utvecklingsplanen måste ta höjd för dessa frågor.
"""
)


MN_CHILD_RIGHTS = _unwrap(
    """
Barnkonventionen har beaktats vid handläggningen av detta ärende på följande sätt:

Barn har rätt att få tillgång till tillgänglig och lättförståelig information via till exempel
    internet. Därför spelar det roll hur Malmö stad tillgängliggör information för malmöborna -
    inklusive alla barn och unga under 18 år.

Då barn har rätt att uttrycka sin mening, rätt till yttrandefrihet samt höras i alla frågor som rör
    barnet bör framtagandet av de olika digitalt möjliggörande tjänster inkludera barnperspektivet
    under hela processen. Detta bör tas med i den kommande utvecklingsplanen som
    serviceförvaltningen ska ta fram.
"""
)


REMISS_QUESTIONS = _unwrap(
    """
Kommunstyrelsens arbetsutskott har översänt Remiss angående Riktlinjer och omorganisering gällande
    IT, digitalisering och systemförvaltning till bland annat miljönämnden för samråd. Svar önskas
    senast 2020-12-31.

Stadskontoret efterfrågar synpunkter på hela förslaget till riktlinjer, deras intentioner och
    eventuella effekter men lyfter fram två frågeställningar för remissinstanserna att särskilt
    beakta:

- Ger riktlinjerna en tydlighet för nämnden och förvaltningen för hur staden arbetar tillsammans med
    IT och digitalisering?
- Hur ser nämnden på den föreslagna besluts- och behovsprocessen för kommungemensam IT och dess
    prioriteringar?
"""
)


MN_DECISION = _unwrap(
    """
Förslag till beslut

1. Miljönämnden svarar på kommunstyrelsens arbetsutskotts remiss enligt förvaltningens förslag till
    yttrande.
"""
)


KS_STATEMENT = _unwrap(
    """
Rapport från revisorskollegiet - Granskning av digitalisering i Malmö stad SR-2020-85

Sammanfattning

Kommunstyrelsen instämmer i revisorskollegiets iakttagelser av förbättringsområden och redovisar
    förslag till åtgärder för dessa. Sammanfattningsvis pekar åtgärderna framför allt på tre
    förbättringsområden:

- Tydlighet i organisation och ansvar för arbetet med digitalisering inklusive plats i ledningsforum
- Uppföljning och rapportering av digitaliseringsarbetet samt programmet Det digitala Malmö
- Ökad samverkan mellan förvaltningarna genom ytterligare kommunövergripande samarbete

Yttrande

Samtliga åtgärder ska vara genomförda senast vid utgången av 2022. En delredovisning till
    revisorskollegiet ska, enligt instruktioner i bilagan till ärendet, ske senast 2022-01-26. De
    förslagna åtgärderna tar sin utgångspunkt i den föreslagna omorganisationen och sammanslagningen
    av kommungemensam IT med det förslag till riktlinjer för IT och digitalisering som har tagits
    fram (STK-2019-284).

Ärendet STK-2019-284 tas upp i kommunfullmäktige den 31 mars 2021. Under förutsättning att
    kommunfullmäktige fattar beslut enligt förslaget adresseras den problematik som lyfts av
    revisorskollegiet i flera av förslagen. Det ges bättre förutsättningar för en tydlig
    ansvarsfördelning i den sammanslagna organisationen för kommungemensam IT och digitalisering.

Säkerställa att det finns en tydlig och dokumenterad ansvarsfördelning för arbetet med
    digitalisering i Malmö stad

Åtgärd

I ärendet med föreslagen omorganisation och sammanslagning av kommungemensam IT har ett förslag till
    riktlinjer för IT och digitalisering tagits fram (STK-2019-284). Riktlinjerna ska ägas av
    kommunstyrelsen. Servicenämnden föreslås ansvara för kommungemensam IT och i förslaget till
    riktlinjer definieras det ansvar som serviceförvaltningen tilldelas för kommungemensam IT och
    digitalisering. Nämndernas ansvar inom IT och digitalisering definieras liksom förvaltningarnas
    ansvar inom området. Förslaget till riktlinjer har varit ute på nämndsremiss och hänsyn till
    inkomna synpunkter har tagits i det slutliga förslaget.

Förväntad effekt

Förslaget till riktlinjer ger en tydlig roll- och ansvarsfördelning för arbetet med digitalisering i
    Malmö stad. Det ger förutsättningar för att området IT och digitalisering fungerar utifrån den
    helhet som verksamhetsområdet kräver. Den föreslagna ansvarsfördelningen skapar en större
    tydlighet om vad ansvaret för kommungemensam IT och digitalisering innefattar samt vilket ansvar
    nämnderna och förvaltningarna i sin tur har. Fördelningen ger ökad möjlighet till ett
    helhetsperspektiv över vilka satsningar som sker inom digitalisering. Detta kan i sin tur
    understödja att stadens resurser på området används på ett effektivt sätt.

Säkerställa att årligen erhålla information och uppföljning av digitaliseringsarbetet i Malmö stad
    samt ”Det digitala Malmö”

Åtgärd

I förslaget till riktlinjer för IT och digitalisering föreslås att servicenämnden ska ansvara för
    att årligen bereda ett ärende om antagande av plan för kommungemensam IT med syfte att fastslå
    inriktningen för de kommande åren. Nämnden får också ansvar för att följa upp planen enligt
    kommunstyrelsen anvisningar. Servicenämnden föreslås vidare att ansvara för och följa upp
    programmet Det digitala Malmö. Nämnden ska också skapa förslag till reviderade eller nya program
    inom området.

Förväntad effekt

I de föreslagna riktlinjerna för IT och digitalisering fastslås att årliga planer ska tas fram. Det
    är servicenämnden som får detta ansvar för kommungemensam IT. Kommunstyrelsen ges i uppdrag att
    ge anvisningar för rapportering från servicenämnden. Servicenämndens ansvar för uppföljning
    föreslås gälla inte bara för den årliga inriktningen för kommungemensam IT utan även för
    programmet Det digitala Malmö. Det tydligt definierade ansvaret ger förutsättningar för att
    uppföljning sker på ett ändamålsenligt sätt.

Säkerställa att digitaliseringsfrågan får en given plats i ledningsforum

Åtgärd

I den föreslagna nya kommungemensamma IT-organisationen bildar IT-enheten och huvuddelen av
    digitaliseringsenheten på stadskontoret tillsammans med IT-service på serviceförvaltningen en ny
    organisation för kommungemensam IT och digitalisering. Frågorna föreslås organiseras i en ny
    avdelning på serviceförvaltningen. Avdelningschefen rapporterar direkt till
    serviceförvaltningens direktör och har en plats i förvaltningens ledningsgrupp.

Förväntad effekt

När frågan om kommungemensam IT och digitalisering inte är uppdelad på två olika förvaltningar utan
    får en tydlig ledning på serviceförvaltningen skapas förutsättningar för frågan att få en
    representation i stadens ledning. Kommungemensamma IT- och digitaliseringsfrågor får genom
    serviceförvaltningens direktör en representation i stadens ledningsgrupp som leds av
    stadsdirektören och där samtliga förvaltningsdirektörer ingår.

Säkerställa att det sker ytterligare kommunövergripande samarbete kring digitalisering i syfte att
    öka samverkan mellan förvaltningarna

Åtgärd

Serviceutskottet föreslås i förslaget till riktlinjer för IT och digitalisering att få i uppdrag att
    i nära dialog med förvaltningarna utarbeta en samarbetsprocess för kommungemensam IT.
    Förvaltningarna föreslås att bidra i samarbetsprocessen genom att ansvara för att lyfta fram
    förvaltningens behov till kommungemensam IT. Det ställs också krav på att det ska finnas en
    utpekad roll på varje förvaltning som ansvarar för IT och digitalisering. Förvaltningarna har i
    sina remissvar lyft fram att samarbetet kring behovs- och beslutsprocessen behöver förtydligas
    och att den bör kopplas till mål- och budgetprocessen. Det är därför av vikt att
    samarbetsprocessen tas fram tillsammans med förvaltningarna och att resultat blir en tydlig
    process baserad på en fortsatt dialog.

Förväntad effekt

En tydlig och återkommande samarbetsprocess kopplad till stadens mål- och budgetprocess ger
    förutsättningar för en ökad samverkan inom digitalisering. Även tydliggörandet av roller och hur
    alla förväntas bidra till samverkansprocessen som föreslås i riktlinjerna skapar bättre
    förutsättningar för ytterligare kommunövergripande samverkan inom digitalisering.
"""
)


KS_SUMMARY = _unwrap(
    """
Kommunstyrelsen instämmer i revisorskollegiets iakttagelser av förbättringsområden och redovisar
    förslag till åtgärder för dessa. Sammanfattningsvis pekar åtgärderna framför allt på tre
    förbättringsområden:

- Tydlighet i organisation och ansvar för arbetet med digitalisering inklusive plats i ledningsforum
- Uppföljning och rapportering av digitaliseringsarbetet samt programmet Det digitala Malmö
- Ökad samverkan mellan förvaltningarna genom ytterligare kommunövergripande samarbete
"""
)


PLAN_RESPONSIBILITY = _unwrap(
    """
I förslaget till riktlinjer för IT och digitalisering föreslås att servicenämnden ska ansvara för
    att årligen bereda ett ärende om antagande av plan för kommungemensam IT med syfte att fastslå
    inriktningen för de kommande åren. Nämnden får också ansvar för att följa upp planen enligt
    kommunstyrelsen anvisningar. Servicenämnden föreslås vidare att ansvara för och följa upp
    programmet Det digitala Malmö. Nämnden ska också skapa förslag till reviderade eller nya program
    inom området.
"""
)


PROPOSAL_RESPONSIBILITIES = _unwrap(
    """
I ärendet med föreslagen omorganisation och sammanslagning av kommungemensam IT har ett förslag till
    riktlinjer för IT och digitalisering tagits fram (STK-2019-284). Riktlinjerna ska ägas av
    kommunstyrelsen. Servicenämnden föreslås ansvara för kommungemensam IT och i förslaget till
    riktlinjer definieras det ansvar som serviceförvaltningen tilldelas för kommungemensam IT och
    digitalisering. Nämndernas ansvar inom IT och digitalisering definieras liksom förvaltningarnas
    ansvar inom området. Förslaget till riktlinjer har varit ute på nämndsremiss och hänsyn till
    inkomna synpunkter har tagits i det slutliga förslaget.
"""
)


AUDIT_RECOMMENDATIONS = [line for line in KS_STATEMENT.splitlines() if line.startswith("Säkerställa")]

# -- invented texts (the examples hold none for these) -----------------------------------------

KN_STATEMENT = _unwrap(
    """
Yttrande över remiss om riktlinjer och omorganisering gällande IT, digitalisering och
    systemförvaltning

(Demotext: exemplen innehåller inget yttrande från kulturnämnden.)

Kulturnämnden ställer sig bakom förslaget att samla kommungemensam IT och digitalisering på
    serviceförvaltningen. Riktlinjerna ger en tydlighet för nämnden och förvaltningen för hur staden
    arbetar tillsammans med IT och digitalisering.

Kulturnämnden ser positivt på den föreslagna besluts- och behovsprocessen för kommungemensam IT.
    Nämnden vill att behoven hos bibliotek, museer och kulturskola, som möter många invånare digitalt,
    vägs in när basleveranserna prioriteras.
"""
)

PLAN_TEXT = _unwrap(
    """
Utvecklingsplan för kommungemensam IT och digitalisering 2024

(Demotext: exemplen innehåller ingen utvecklingsplan.)

Enligt riktlinjerna för IT och digitalisering (STK-2019-284) ska servicenämnden årligen bereda ett
    ärende om antagande av plan för kommungemensam IT med syfte att fastslå inriktningen för de
    kommande åren. Planen bygger på de behov som förvaltningarna har lyft till kommungemensam IT och
    som har prioriterats i samverkansforum för digitalisering.

Förflyttningar 2024

- Gemensam plattform för e-tjänster, så att invånarna möts på samma sätt oavsett förvaltning.
- Samlad förvaltning av det kommunövergripande ärende- och dokumenthanteringssystemet.
- Kommungemensamma manualer och utbildning för Microsoft Teams och andra gemensamma verktyg.
- Digital kompetens hos chefer och medarbetare.

Principer

Planen följer principerna för digitalisering, bland dem Digitalisering med omtanke: barnperspektivet
    och digitaliseringens sociala och ekologiska fotavtryck vägs in i varje förflyttning.
"""
)

PLAN_MEMO = _unwrap(
    """
Tjänsteskrivelse: Utvecklingsplan för kommungemensam IT och digitalisering 2024

(Demotext.)

Servicenämnden har godkänt förslaget till utvecklingsplan för kommungemensam IT och digitalisering
    2024 och överlämnat det till kommunstyrelsen. Stadskontoret föreslår att kommunstyrelsen godkänner
    planen. Planen följs upp i samband med årsbokslutet enligt kommunstyrelsens anvisningar.
"""
)

SECRET_ANALYSIS = _unwrap(
    """
Säkerhetsbedömning av kommungemensam IT-infrastruktur

(Demotext, helt påhittad. Handlingen omfattas av sekretess enligt OSL 18 kap. 8 §.)

Bedömningen beskriver svagheter i fjärråtkomsten och i segmenteringen av nätet mellan
    förvaltningarna, och i vilken ordning de ska åtgärdas under 2024.
"""
)

INCIDENT_REPORT = _unwrap(
    """
Incidentrapport

(Demotext, helt påhittad. Ärendet omfattas av sekretess enligt OSL 18 kap. 8 §.)

Obehörig inloggning i ett funktionskonto för e-post vid serviceförvaltningen upptäcktes och
    stängdes. Rapporten beskriver förloppet och vilka skyddsåtgärder som har vidtagits.
"""
)


# -- the cases ---------------------------------------------------------------------------------

SERIES: list[dict[str, str]] = [
    {"prefix": "STK", "name": "Stadskontoret", "administration": "STK"},
    {"prefix": "SF", "name": "Servicenämnden och serviceförvaltningen", "administration": "SF"},
    {"prefix": "MN", "name": "Miljönämnden", "body": "MN"},
    {"prefix": "KN", "name": "Kulturnämnden", "body": "KN"},
    {"prefix": "SR", "name": "Revisorskollegiet", "body": "RK"},
]

DOCUMENT_TYPES: list[tuple[str, str]] = [
    ("yttrande", "Yttrande"),
    ("tjansteskrivelse", "Tjänsteskrivelse"),
    ("protokollsutdrag", "Protokollsutdrag"),
    ("remiss", "Remiss"),
    ("rapport", "Rapport"),
    ("bilaga", "Bilaga"),
    ("beslut", "Beslut"),
    ("plan", "Plan"),
    ("ovrigt", "Övrigt"),
]

GUIDELINES_TITLE = "Riktlinjer och omorganisering gällande IT, digitalisering och systemförvaltning"
REMISS_TITLE = f"Remiss från kommunstyrelsens arbetsutskott om {GUIDELINES_TITLE}"
AUDIT_TITLE = "Granskning av digitalisering i Malmö stad"


@dataclass
class DemoDocument:
    subject: str
    direction: str  # incoming, created, outgoing
    document_type: str  # a DocumentType code
    document_date: dt.date
    counterpart: tuple[str, str] | None = None  # ("body" | "administration" | "external" | "text", value)
    text: str = ""
    filename: str = ""
    registered_on: dt.date | None = None
    protected_subject: str = ""
    secrecy_reference: str = ""


@dataclass
class DemoCase:
    prefix: str
    year: int
    sequence: int
    title: str
    opened_on: dt.date
    description: str = ""
    officer: str = ""  # e-mail of the responsible officer
    child_rights_assessment: str = ""
    public_title: str = ""
    secrecy_reference: str = ""
    documents: list[DemoDocument] = field(default_factory=list)
    closed: tuple[dt.date, str] | None = None

    @property
    def number(self) -> str:
        return f"{self.prefix}-{self.year}-{self.sequence}"


def _d(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


HANDLAGGARE = "hampus.berglund@kommun.example"


def demo_cases() -> list[DemoCase]:
    bullets = "\n".join(f"- {line}" for line in AUDIT_RECOMMENDATIONS)
    audit_report = (
        f"Rapport från revisorskollegiet – {AUDIT_TITLE}\n\n"
        "Revisorskollegiet rekommenderar kommunstyrelsen att:\n\n"
        f"{bullets}\n\n"
        "(Rekommendationerna återges så som kommunstyrelsen citerar dem i sitt yttrande STK-2020-1678.)"
    )
    remiss_letter = (
        f"Remiss: {GUIDELINES_TITLE}\n\nSvar till stadskontoret senast den 31 december 2020.\n\n{REMISS_QUESTIONS}"
    )
    base_services = (
        "Basleveranser från kommungemensam IT\n\n"
        "Ur remissförslaget: ”om en förvaltning har behov som inte täcks av stadens gemensamma IT-förmågor, "
        "det vill säga basleveranserna från kommungemensam IT, finns möjligheten att upphandla det själv.”"
    )
    return [
        DemoCase(
            "STK",
            2019,
            284,
            GUIDELINES_TITLE,
            _d("2019-02-25"),
            description="Riktlinjer för IT och digitalisering: styrning, finansiering och organisering av "
            "kommungemensam IT, digitalisering och systemförvaltning.",
            officer=HANDLAGGARE,
            documents=[
                DemoDocument(
                    f"Tjänsteskrivelse KSAU 2020-10-05 {GUIDELINES_TITLE}",
                    "created",
                    "tjansteskrivelse",
                    _d("2020-09-21"),
                    text=f"Tjänsteskrivelse\n\n{GUIDELINES_TITLE}\n\nSammanfattning\n\n{KSAU_MEMO_SUMMARY}",
                    filename="tjansteskrivelse-ksau-201005.pdf",
                ),
                DemoDocument(
                    "Remissförslag: Riktlinjer för IT och digitalisering",
                    "created",
                    "plan",
                    _d("2020-09-21"),
                    text=f"Remissförslag: Riktlinjer för IT och digitalisering\n\n{PROPOSAL_RESPONSIBILITIES}\n\n"
                    f"{PLAN_RESPONSIBILITY}",
                    filename="remissforslag-riktlinjer.pdf",
                ),
                DemoDocument(
                    "Basleveranser",
                    "created",
                    "bilaga",
                    _d("2020-09-21"),
                    text=base_services,
                    filename="basleveranser.txt",
                ),
                DemoDocument(
                    f"Protokollsutdrag KSAU 2020-10-05 § 567 {GUIDELINES_TITLE}",
                    "created",
                    "protokollsutdrag",
                    _d("2020-10-12"),
                    text=f"Protokollsutdrag\n\nKommunstyrelsens arbetsutskott 2020-10-05\n\n{KSAU_PARAGRAPH_567}",
                    filename="protokollsutdrag-ksau-2020-10-05-567.pdf",
                ),
                DemoDocument(
                    f"Remiss till samtliga nämnder: {GUIDELINES_TITLE}",
                    "outgoing",
                    "remiss",
                    _d("2020-10-13"),
                    counterpart=("text", "Samtliga nämnder"),
                    text=remiss_letter,
                    filename="remiss-riktlinjer.pdf",
                ),
                DemoDocument(
                    f"Remiss till Vision: {GUIDELINES_TITLE}",
                    "outgoing",
                    "remiss",
                    _d("2020-10-13"),
                    counterpart=("external", "Vision"),
                ),
                DemoDocument(
                    f"Remiss till Saco: {GUIDELINES_TITLE}",
                    "outgoing",
                    "remiss",
                    _d("2020-10-13"),
                    counterpart=("external", "Saco"),
                ),
                DemoDocument(
                    "Kulturnämndens yttrande över remiss om riktlinjer för IT och digitalisering (KN-2020-4392)",
                    "incoming",
                    "yttrande",
                    _d("2020-12-11"),
                    counterpart=("body", "KN"),
                    text=KN_STATEMENT,
                    filename="yttrande-kulturnamnden.txt",
                ),
                DemoDocument(
                    "Miljönämndens yttrande över remiss om riktlinjer för IT och digitalisering (MN-2020-9317)",
                    "incoming",
                    "yttrande",
                    _d("2020-12-17"),
                    counterpart=("body", "MN"),
                    text=f"Miljönämndens yttrande\n\n{MN_CONCLUSIONS}",
                    filename="yttrande-miljonamnden.pdf",
                    registered_on=_d("2020-12-21"),
                ),
            ],
        ),
        DemoCase(
            "SR",
            2020,
            85,
            AUDIT_TITLE,
            _d("2020-02-03"),
            description="Revisorskollegiets granskning av om kommunstyrelsen och nämnderna har en ändamålsenlig "
            "styrning, uppföljning och samordning av digitaliseringsarbetet.",
            officer="klara.winge@kommun.example",
            documents=[
                DemoDocument(
                    f"Rapport: {AUDIT_TITLE}",
                    "created",
                    "rapport",
                    _d("2020-12-08"),
                    text=audit_report,
                    filename="rapport-granskning-digitalisering.pdf",
                ),
                DemoDocument(
                    f"Granskningsrapporten översänd till kommunstyrelsen för yttrande: {AUDIT_TITLE}",
                    "outgoing",
                    "rapport",
                    _d("2020-12-10"),
                    counterpart=("body", "KS"),
                ),
                DemoDocument(
                    f"Kommunstyrelsens yttrande: Rapport från revisorskollegiet – {AUDIT_TITLE} (STK-2020-1678)",
                    "incoming",
                    "yttrande",
                    _d("2021-03-26"),
                    counterpart=("body", "KS"),
                    text=KS_STATEMENT,
                    filename="yttrande-kommunstyrelsen.pdf",
                ),
            ],
        ),
        DemoCase(
            "STK",
            2020,
            1678,
            f"Rapport från revisorskollegiet – {AUDIT_TITLE}",
            _d("2020-12-11"),
            description="Kommunstyrelsens yttrande över revisorskollegiets granskning av digitalisering (SR-2020-85).",
            officer=HANDLAGGARE,
            documents=[
                DemoDocument(
                    f"Granskningsrapport från revisorskollegiet: {AUDIT_TITLE} (SR-2020-85)",
                    "incoming",
                    "rapport",
                    _d("2020-12-11"),
                    counterpart=("body", "RK"),
                    text=audit_report,
                    filename="granskningsrapport.txt",
                ),
                DemoDocument(
                    f"Tjänsteskrivelse: Yttrande över revisorskollegiets rapport – {AUDIT_TITLE}",
                    "created",
                    "tjansteskrivelse",
                    _d("2021-03-03"),
                    text=f"Tjänsteskrivelse\n\nSammanfattning\n\n{KS_SUMMARY}",
                    filename="tjansteskrivelse-yttrande-granskning.txt",
                ),
                DemoDocument(
                    f"Yttrande till revisorskollegiet: Rapport från revisorskollegiet – {AUDIT_TITLE}",
                    "created",
                    "yttrande",
                    _d("2021-03-25"),
                    text=f"Yttrande\n\nDatum 2021-03-25\nDiarienummer STK-2020-1678\n\n{KS_STATEMENT}",
                    filename="yttrande-stk-2020-1678.pdf",
                ),
                DemoDocument(
                    f"Yttrande översänt till revisorskollegiet: {AUDIT_TITLE}",
                    "outgoing",
                    "yttrande",
                    _d("2021-03-25"),
                    counterpart=("body", "RK"),
                ),
            ],
            closed=(
                _d("2021-03-26"),
                # Short: registry.services puts the reason in the history (at most 100 characters).
                "Yttrandet är skickat till revisorskollegiet. Uppföljning i SR-2020-85.",
            ),
        ),
        DemoCase(
            "MN",
            2020,
            9317,
            REMISS_TITLE,
            _d("2020-10-14"),
            description="Miljönämndens svar på remissen om riktlinjer för IT och digitalisering (STK-2019-284).",
            officer="dragan.petrovic@kommun.example",
            child_rights_assessment=MN_CHILD_RIGHTS,
            documents=[
                DemoDocument(
                    f"Remiss från kommunstyrelsens arbetsutskott: {GUIDELINES_TITLE} (STK-2019-284)",
                    "incoming",
                    "remiss",
                    _d("2020-10-14"),
                    counterpart=("body", "KSAU"),
                    text=remiss_letter,
                    filename="remiss.txt",
                ),
                DemoDocument(
                    "Tjänsteskrivelse: förslag till yttrande över remiss om riktlinjer för IT och digitalisering",
                    "created",
                    "tjansteskrivelse",
                    _d("2020-11-17"),
                    text=f"Tjänsteskrivelse 2020-11-17\n\n{MN_MEMO}",
                    filename="tjansteskrivelse-mn-2020-11-17.pdf",
                ),
                DemoDocument(
                    "Protokollsutdrag miljönämnden 2020-12-15: "
                    "yttrande över remiss om riktlinjer för IT och digitalisering",
                    "created",
                    "protokollsutdrag",
                    _d("2020-12-15"),
                    text=f"Protokollsutdrag\n\nMiljönämnden 2020-12-15\n\n{REMISS_TITLE}\n\n{MN_DECISION}",
                    filename="protokollsutdrag-mn-2020-12-15.txt",
                    registered_on=_d("2020-12-16"),
                ),
                DemoDocument(
                    "Yttrande till kommunstyrelsen över remiss om riktlinjer för IT och digitalisering",
                    "outgoing",
                    "yttrande",
                    _d("2020-12-17"),
                    counterpart=("body", "KS"),
                    text=f"Miljönämndens yttrande\n\n{MN_CONCLUSIONS}",
                    filename="yttrande-mn-2020-9317.pdf",
                ),
            ],
            closed=(_d("2020-12-18"), "Yttrandet är skickat till kommunstyrelsen."),
        ),
        DemoCase(
            "KN",
            2020,
            4392,
            REMISS_TITLE,
            _d("2020-10-15"),
            description="Kulturnämndens svar på remissen om riktlinjer för IT och digitalisering (STK-2019-284).",
            officer="jesper.holmgren@kommun.example",
            documents=[
                DemoDocument(
                    f"Remiss från kommunstyrelsens arbetsutskott: {GUIDELINES_TITLE} (STK-2019-284)",
                    "incoming",
                    "remiss",
                    _d("2020-10-15"),
                    counterpart=("body", "KSAU"),
                    text=remiss_letter,
                    filename="remiss.txt",
                ),
                DemoDocument(
                    "Yttrande till kommunstyrelsen över remiss om riktlinjer för IT och digitalisering",
                    "outgoing",
                    "yttrande",
                    _d("2020-12-11"),
                    counterpart=("body", "KS"),
                    text=KN_STATEMENT,
                    filename="yttrande-kn-2020-4392.txt",
                ),
            ],
            closed=(_d("2020-12-14"), "Yttrandet är skickat till kommunstyrelsen."),
        ),
        DemoCase(
            "STK",
            2023,
            1044,
            "Utvecklingsplan för kommungemensam IT och digitalisering 2024",
            _d("2023-06-26"),
            description="Servicenämndens förslag till utvecklingsplan för kommungemensam IT och digitalisering "
            "2024, för godkännande i kommunstyrelsen.",
            officer=HANDLAGGARE,
            documents=[
                DemoDocument(
                    "Servicenämndens förslag till utvecklingsplan för kommungemensam IT och digitalisering 2024",
                    "incoming",
                    "plan",
                    _d("2023-06-26"),
                    counterpart=("body", "SN"),
                    text=PLAN_TEXT,
                    filename="utvecklingsplan-2024.pdf",
                ),
                DemoDocument(
                    "Tjänsteskrivelse KSAU 2023-10-09 Utvecklingsplan för kommungemensam IT och digitalisering 2024",
                    "created",
                    "tjansteskrivelse",
                    _d("2023-09-25"),
                    text=PLAN_MEMO,
                    filename="tjansteskrivelse-utvecklingsplan-2024.txt",
                ),
                DemoDocument(
                    "Bilaga till utvecklingsplanen 2024 (sekretess)",
                    "created",
                    "bilaga",
                    _d("2023-09-25"),
                    text=SECRET_ANALYSIS,
                    filename="sakerhetsbedomning.txt",
                    protected_subject="Säkerhetsbedömning av fjärråtkomst och nätsegmentering i kommungemensam "
                    "IT-infrastruktur",
                    secrecy_reference="OSL 18 kap. 8 §",
                ),
            ],
        ),
        DemoCase(
            "SF",
            2024,
            212,
            "Obehörig åtkomst till funktionskonto för e-post vid serviceförvaltningen",
            _d("2024-03-04"),
            description="Utredning av en IT-säkerhetsincident.",
            officer="ida.nystrom@kommun.example",
            public_title="IT-säkerhetsincident",
            secrecy_reference="OSL 18 kap. 8 §",
            documents=[
                DemoDocument(
                    "Incidentrapport",
                    "created",
                    "rapport",
                    _d("2024-03-06"),
                    text=INCIDENT_REPORT,
                    filename="incidentrapport.txt",
                    protected_subject="Incidentrapport om obehörig inloggning i funktionskonto för e-post",
                    secrecy_reference="OSL 18 kap. 8 §",
                ),
            ],
            closed=(_d("2024-04-15"), "Incidenten är utredd och skyddsåtgärderna är genomförda."),
        ),
    ]


RELATIONS: list[tuple[str, str, str]] = [
    ("STK-2020-1678", "SR-2020-85", "Kommunstyrelsens yttrande över granskningen"),
    ("STK-2020-1678", "STK-2019-284", "Åtgärderna utgår från förslaget till riktlinjer"),
    ("MN-2020-9317", "STK-2019-284", "Miljönämndens remissvar"),
    ("KN-2020-4392", "STK-2019-284", "Kulturnämndens remissvar"),
    ("STK-2023-1044", "STK-2019-284", "Planen tas fram enligt riktlinjerna"),
]


# -- files -------------------------------------------------------------------------------------

PDF_LINES_PER_PAGE = 56


def pdf_from_text(text: str) -> bytes:
    """A plain, searchable PDF (Helvetica, WinAnsi) of the text, wrapped and paged."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        lines += textwrap.wrap(paragraph, 92) or [""]
    pages = [lines[i : i + PDF_LINES_PER_PAGE] for i in range(0, len(lines), PDF_LINES_PER_PAGE)] or [[]]

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for page in pages:
        content = "\n".join(["BT /F1 10 Tf 13 TL 56 800 Td", *(f"({escape(line)}) '" for line in page), "ET"])
        stream = content.encode("cp1252", "replace")
        page_number, content_number = len(objects) + 1, len(objects) + 2
        kids.append(f"{page_number} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_number} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _upload(document: DemoDocument) -> list[SimpleUploadedFile]:
    if not document.text:
        return []
    if document.filename.endswith(".pdf"):
        return [SimpleUploadedFile(document.filename, pdf_from_text(document.text), "application/pdf")]
    return [SimpleUploadedFile(document.filename, document.text.encode(), "text/plain")]


# -- loading -----------------------------------------------------------------------------------


def _stamp(obj: Any, actor, reason: str) -> None:
    obj._history_user = actor
    obj._change_reason = reason


def _load_series(actor) -> int:
    from samverka.organisation.models import Administration, Body

    from .models import CaseSeries

    created = 0
    for spec in SERIES:
        if CaseSeries.objects.filter(prefix=spec["prefix"]).exists():
            continue
        series = CaseSeries(
            prefix=spec["prefix"],
            name=spec["name"],
            body=Body.objects.get(short_name=spec["body"]) if "body" in spec else None,
            administration=(
                Administration.objects.get(short_name=spec["administration"]) if "administration" in spec else None
            ),
        )
        series.full_clean()
        _stamp(series, actor, "Diarieserien lades upp")
        series.save()
        created += 1
    return created


def _load_document_types(actor) -> int:
    from .models import DocumentType

    created = 0
    for code, name in DOCUMENT_TYPES:
        if DocumentType.objects.filter(code=code).exists():
            continue
        document_type = DocumentType(code=code, name=name)
        document_type.full_clean()
        _stamp(document_type, actor, "Handlingstypen lades upp")
        document_type.save()
        created += 1
    return created


def _counterpart(spec: tuple[str, str] | None):
    from samverka.organisation.models import Administration, Body, ExternalParty

    if spec is None:
        return None
    kind, value = spec
    if kind == "body":
        return Body.objects.get(short_name=value)
    if kind == "administration":
        return Administration.objects.get(short_name=value)
    if kind == "external":
        return ExternalParty.objects.get(name=value)
    return value


def _actors():
    """Cases in the Stadskontoret series are registered by its registrar, the others by the administrator."""
    from django.contrib.auth import get_user_model

    from samverka.organisation import services as organisation_services

    users = {u.username: u for u in get_user_model().objects.filter(username__in=["registrator", "admin"])}
    fallback = users.get("admin") or organisation_services.system_actor()
    return {"STK": users.get("registrator", fallback)}, fallback


def load(stdout) -> None:
    from samverka.organisation.models import Person

    from . import services
    from .models import Case, CaseRelation, CaseSeries, Document, DocumentType

    by_series, fallback = _actors()
    series_created = _load_series(fallback)
    types_created = _load_document_types(fallback)
    types = {t.code: t for t in DocumentType.objects.all()}
    cases_created = documents_created = closed = 0
    for spec in demo_cases():
        actor = by_series.get(spec.prefix, fallback)
        case = Case.objects.filter(number=spec.number).first()
        if case is None:
            case = services.case_open(
                actor=actor,
                series=CaseSeries.objects.get(prefix=spec.prefix),
                title=spec.title,
                description=spec.description,
                opened_on=spec.opened_on,
                responsible_officer=Person.objects.filter(email__iexact=spec.officer).first() if spec.officer else None,
                child_rights_assessment=spec.child_rights_assessment,
                is_secret=bool(spec.secrecy_reference),
                secrecy_reference=spec.secrecy_reference,
                public_title=spec.public_title,
                sequence=spec.sequence,
            )
            cases_created += 1
        if case.status == Case.Status.OPEN:
            existing = set(Document.objects.filter(case=case).values_list("subject", flat=True))
            for document in spec.documents:
                if document.subject in existing:
                    continue
                services.document_register(
                    actor=actor,
                    case=case,
                    direction=document.direction,
                    document_type=types[document.document_type],
                    document_date=document.document_date,
                    subject=document.subject,
                    counterpart=_counterpart(document.counterpart),
                    protected_subject=document.protected_subject,
                    is_secret=bool(document.secrecy_reference),
                    secrecy_reference=document.secrecy_reference,
                    files=_upload(document),
                    registered_on=document.registered_on or document.document_date,
                )
                documents_created += 1
            if spec.closed is not None:
                closed_on, reason = spec.closed
                services.case_close(actor=actor, case=case, reason=reason, closed_on=closed_on)
                closed += 1
    relations_created = 0
    cases = {c.number: c for c in Case.objects.filter(number__in={n for r in RELATIONS for n in r[:2]})}
    for from_number, to_number, note in RELATIONS:
        source, target = cases[from_number], cases[to_number]
        if CaseRelation.objects.filter(from_case__in=[source, target], to_case__in=[source, target]).exists():
            continue
        services.case_relate(actor=fallback, case=source, other=target, note=note)
        relations_created += 1
    stdout.write(
        f"  Diarium: {series_created} nya diarieserier, {types_created} nya handlingstyper, "
        f"{cases_created} nya ärenden, {documents_created} nya handlingar, {closed} avslutade ärenden, "
        f"{relations_created} nya ärendekopplingar"
    )
