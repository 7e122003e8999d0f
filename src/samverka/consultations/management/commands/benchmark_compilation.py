"""Benchmark: the compilation of a consultation with 300 responses and 3,000 comments, rendered as
the page and as DOCX (the goal is under 2 s each). The data is made inside a transaction that is
rolled back, so the database is left as it was. Not a unit test: run it by hand or in CI's bench step.

    manage.py benchmark_compilation [--responses 300] [--comments-per-response 10] [--json PATH]

With --json the figures and the targets are written for `make bench` to collect.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

GOAL_SECONDS = 2.0


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Mäter sammanställningen av en remiss med 300 svar och 3 000 synpunkter (sida och DOCX)."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=300)
        parser.add_argument("--comments-per-response", type=int, default=10)
        parser.add_argument("--json", dest="json_path", default="", help="Skriv mätvärdena som JSON hit.")

    def handle(self, *args, responses: int, comments_per_response: int, json_path: str, **options):
        figures: dict = {}
        try:
            with transaction.atomic():
                figures = self._run(responses, comments_per_response)
                raise Rollback
        except Rollback:
            pass
        if json_path:
            Path(json_path).write_text(json.dumps(figures, indent=2, ensure_ascii=False))

    def _run(self, count: int, per_response: int) -> dict:
        from samverka.consultations import export, selectors, views
        from samverka.consultations.models import Answer, Comment, Consultation, Question, Recipient, Response, Topic
        from samverka.organisation.models import Administration, Body, ExternalParty
        from samverka.registry import services as registry_services
        from samverka.registry.models import CaseSeries

        today = timezone.localdate()
        user = get_user_model().objects.create_superuser("bench-consultations", password=None)
        body = Body.objects.create(name="Benchmarknämnd", short_name="BENCHN", kind=Body.Kind.COMMITTEE)
        administration = Administration.objects.create(name="Benchmarkförvaltning", short_name="BENCHF", body=body)
        series = CaseSeries.objects.create(prefix="BENCH", name="Benchmark", administration=administration)
        case = registry_services.case_open(actor=user, series=series, title="Benchmark")
        consultation = Consultation.objects.create(
            case=case, title="Benchmark", deadline=today, created_by=user, status=Consultation.Status.CLOSED
        )
        questions = Question.objects.bulk_create(
            [Question(consultation=consultation, position=n, text=f"Fråga {n}?") for n in (1, 2)]
        )
        parties = ExternalParty.objects.bulk_create([ExternalParty(name=f"Benchmarkinstans {n}") for n in range(count)])
        recipients = Recipient.objects.bulk_create(
            [Recipient(consultation=consultation, external=party) for party in parties]
        )
        standpoints = Response.Standpoint.values
        response_rows = Response.objects.bulk_create(
            [
                Response(
                    recipient=recipient,
                    status=Response.Status.SENT,
                    standpoint=standpoints[n % len(standpoints)],
                    summary="Sammanfattning",
                    written_by=user,
                    sent_on=today,
                    version=1,
                )
                for n, recipient in enumerate(recipients)
            ]
        )
        Answer.objects.bulk_create(
            [Answer(response=r, question=q, text=f"Svar på {q.text}") for r in response_rows for q in questions]
        )
        comments = Comment.objects.bulk_create(
            [
                Comment(
                    response=r,
                    position=p,
                    text=f"Synpunkt {p} " * 8,
                    handling="accepted" if p % 3 == 0 else "",
                    handling_motivation="Motivering" if p % 3 == 0 else "",
                )
                for r in response_rows
                for p in range(1, per_response + 1)
            ]
        )
        topics = list(Topic.objects.all()[:10])
        through = Comment.topics.through
        through.objects.bulk_create(
            [through(comment_id=c.pk, topic_id=topics[i % len(topics)].pk) for i, c in enumerate(comments)]
        )

        started = time.perf_counter()
        selectors.compilation(consultation)
        self.stdout.write(f"selektorn: {time.perf_counter() - started:.2f} s")
        request = RequestFactory().get(f"/remisser/{consultation.pk}/sammanstallning/")
        request.user = user
        started = time.perf_counter()
        page = views.compilation(request, consultation.pk)
        page_seconds = time.perf_counter() - started
        started = time.perf_counter()
        docx = export.compilation_docx(selectors.compilation(consultation))
        docx_seconds = time.perf_counter() - started
        self.stdout.write(
            f"{count} svar, {len(comments)} synpunkter: sidan {page_seconds:.2f} s ({len(page.content) // 1024} kB), "
            f"DOCX {docx_seconds:.2f} s ({len(docx) // 1024} kB); mål under {GOAL_SECONDS:.0f} s vardera"
        )
        if max(page_seconds, docx_seconds) > GOAL_SECONDS:
            self.stderr.write("Målet nåddes inte.")
        size = f"{count} responses, {len(comments)} comments"
        return {
            "name": "consultation compilation",
            "responses": count,
            "comments": len(comments),
            "page_ms": round(page_seconds * 1000),
            "docx_ms": round(docx_seconds * 1000),
            "targets": [
                {"what": f"compilation page, {size}, under 2 s", "measured": f"{page_seconds * 1000:.0f} ms",
                 "met": page_seconds <= GOAL_SECONDS},
                {"what": f"compilation DOCX, {size}, under 2 s", "measured": f"{docx_seconds * 1000:.0f} ms",
                 "met": docx_seconds <= GOAL_SECONDS},
            ],
        }  # fmt: skip
