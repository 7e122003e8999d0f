"""Who may reach every URL pattern of the project: the table behind `test_view_authorisation.py`.

Every URL pattern (HTML pages and the REST API under /api/v1/) has one row, keyed by its URL
name. The guard is either
  PUBLIC     anyone, signed in or not;
  SIGNED_IN  any signed-in user, whatever their roles;
  or the policy predicates that guard it, as "app.predicate" (several joined by " + "; the GET
  predicate first where GET and POST differ), e.g. "registry.can_view_registry".

`allowed` names a demo user who passes the guard: its GET must answer `ok` (a POST-only view
answers 405). `denied` are users who hold roles but not this one: refused on GET and POST.
`post_denied` may read the page but are refused when they POST. `kwargs` map the URL's
arguments to objects of the test world (see `World` in the test module). `holes` marks a known
authorisation hole per visitor ("anonymous", "no-role", the allowed username, "denied:<user>" or
"post-denied:<user>"): that test is an expected failure (strict) until the view is fixed.

A new view needs a row here, or `test_every_url_pattern_has_an_authorisation_rule` fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PUBLIC = "PUBLIC"
SIGNED_IN = "SIGNED_IN"

# Demo users (password `samverka-demo` in `make demo`) and what they hold:
#   registrator (registrar, STK), handlaggare (case officer, STK), sekreterare (secretary, KS),
#   digitalisering (digital lead, MF), itstyrning (IT governance, SF), revisor (auditor, RK),
#   lasare (reader, everywhere), admin (administrator, everywhere).
# The test adds "utan-roll": a person with an account and no role at all.


@dataclass(frozen=True)
class Rule:
    guard: str
    allowed: str | None = None
    kwargs: dict[str, str] = field(default_factory=dict)
    post_only: bool = False
    ok: tuple[int, ...] = (200,)
    denied: tuple[str, ...] = ()
    post_denied: tuple[str, ...] = ()
    query: str = ""
    holes: dict[str, str] = field(default_factory=dict)


def staff_view(guard: str, **kw) -> Rule:
    """Read access for every member of staff: the reader reads; nobody without a role does."""
    kw.setdefault("allowed", "lasare")
    return Rule(guard, **kw)


CASE = {"number": "case"}
DOC = {"number": "case", "sequence": "document"}
MEETING = {"pk": "planned_meeting"}
ITEM = {"pk": "planned_meeting", "item_id": "planned_item"}
CONSULTATION = {"pk": "consultation"}
AUDIT = {"pk": "audit"}
ACTION = {"pk": "audit_action"}
NEED = {"pk": "submitted_need"}
DRAFT_NEED = {"pk": "draft_need"}
PLAN = {"pk": "plan"}
DRAFT_PLAN = {"pk": "draft_plan"}
ROUND = {"year": "round_year"}

RULES: dict[str, Rule] = {
    # -- core and sign-in ------------------------------------------------------------------------
    "core:home": Rule(PUBLIC),
    "core:dashboard": Rule(SIGNED_IN),
    "core:accessibility": Rule(PUBLIC),
    "core:health": Rule(PUBLIC),
    "login": Rule(PUBLIC),
    "logout": Rule(SIGNED_IN, post_only=True),
    "set_language": Rule(PUBLIC, ok=(302,)),
    # -- registry ---------------------------------------------------------------------------------
    "registry:case_list": staff_view("registry.can_view_registry"),
    "registry:case_open": Rule("registry.can_open_any_case", allowed="registrator", denied=("lasare", "revisor")),
    "registry:case_detail": staff_view("registry.can_view_registry", kwargs=CASE),
    "registry:case_history": staff_view("registry.can_view_registry", kwargs=CASE),
    "registry:case_close": Rule(
        "registry.can_close_case", allowed="handlaggare", kwargs=CASE, denied=("lasare", "sekreterare")
    ),
    "registry:case_reopen": Rule(
        "registry.can_close_case", allowed="registrator", kwargs={"number": "closed_case"}, denied=("lasare",)
    ),
    "registry:case_relate": Rule(
        "registry.can_change_case", allowed="registrator", kwargs=CASE, post_only=True, denied=("lasare",)
    ),
    "registry:document_register": Rule(
        "registry.can_register_document", allowed="registrator", kwargs=CASE, denied=("lasare", "digitalisering")
    ),
    "registry:document_detail": staff_view("registry.can_view_registry", kwargs=DOC),
    "registry:document_correct": Rule(
        "registry.can_correct_document", allowed="registrator", kwargs=DOC, denied=("lasare", "handlaggare")
    ),
    "registry:document_add_version": Rule(
        "registry.can_register_document", allowed="registrator", kwargs=DOC, post_only=True, denied=("lasare",)
    ),
    "registry:file_download": staff_view("registry.can_view_registry", kwargs={"file_id": "file"}),
    "registry:search": staff_view("registry.can_view_registry", query="?q=riktlinjer"),
    "registry:export": Rule("registry.can_export_registry", allowed="registrator", denied=("lasare", "handlaggare")),
    "public:registry": Rule(PUBLIC),
    "public:case_detail": Rule(PUBLIC, kwargs=CASE),
    "public:file_download": Rule(PUBLIC, kwargs={"file_id": "file"}),
    # -- meetings ---------------------------------------------------------------------------------
    "meetings:meeting_list": staff_view("meetings.can_view_meetings"),
    "meetings:meeting_plan": Rule(
        "meetings.can_plan_any_meeting", allowed="sekreterare", denied=("lasare", "handlaggare")
    ),
    "meetings:meeting_detail": staff_view("meetings.can_view_meetings", kwargs=MEETING),
    "meetings:meeting_edit": Rule(
        "meetings.can_manage_meeting", allowed="sekreterare", kwargs=MEETING, denied=("lasare", "registrator")
    ),
    "meetings:meeting_step": Rule(
        "meetings.can_view_meetings + meetings.can_manage_meeting",
        allowed="sekreterare",
        kwargs={"pk": "planned_meeting", "step": "meeting_step"},
        post_only=True,
        denied=("lasare",),
    ),
    "meetings:attendance": staff_view(
        "meetings.can_view_meetings + meetings.can_manage_meeting", kwargs=MEETING, post_denied=("lasare",)
    ),
    "meetings:attendance_change": Rule(
        "meetings.can_manage_meeting",
        allowed="sekreterare",
        kwargs={"pk": "posted_meeting", "attendance_id": "posted_attendance"},
        post_only=True,
        denied=("lasare",),
    ),
    "meetings:signatories": Rule(
        "meetings.can_manage_meeting", allowed="sekreterare", kwargs=MEETING, denied=("lasare",)
    ),
    "meetings:item_add": Rule("meetings.can_manage_meeting", allowed="sekreterare", kwargs=MEETING, denied=("lasare",)),
    "meetings:item_detail": staff_view("meetings.can_view_meetings", kwargs=ITEM),
    "meetings:item_action": Rule(
        "meetings.can_manage_meeting",
        allowed="sekreterare",
        kwargs={**ITEM, "action": "item_action"},
        post_only=True,
        denied=("lasare",),
    ),
    "meetings:dissent_reasons": Rule(
        "meetings.can_manage_meeting",
        allowed="sekreterare",
        kwargs={"pk": "posted_meeting", "dissent_id": "dissent"},
        post_only=True,
        denied=("lasare",),
    ),
    "meetings:notice_pdf": staff_view("meetings.can_view_meetings", kwargs={"pk": "posted_meeting"}),
    "meetings:minutes_pdf": staff_view("meetings.can_view_meetings", kwargs={"pk": "posted_meeting"}),
    # Date, body and place of a meeting: public, like the notice of a meeting.
    "meetings:meeting_ics": Rule(PUBLIC, kwargs=MEETING),
    "meetings:body_feed": Rule(PUBLIC, kwargs={"short_name": "meeting_body"}),
    "meetings:extract_dispatch": Rule(
        "meetings.can_dispatch",
        allowed="sekreterare",
        kwargs={"extract_id": "extract"},
        post_only=True,
        denied=("lasare",),
    ),
    "meetings:extract_file": staff_view(
        "meetings.can_view_meetings", kwargs={"extract_id": "extract", "kind": "extract_kind"}
    ),
    "meetings:notice_board": Rule(PUBLIC),
    # Guarded by meetings.can_read_posted_minutes: minutes on the notice board are public.
    "meetings:public_minutes": Rule(PUBLIC, kwargs={"notice_id": "notice"}),
    "meetings:seal_check": Rule(PUBLIC),
    # -- consultations ----------------------------------------------------------------------------
    "consultations:list": staff_view("consultations.can_view_consultations"),
    "consultations:inbox": staff_view("consultations.can_view_consultations"),
    "consultations:create": Rule(
        "consultations.can_create_consultation",
        allowed="handlaggare",
        kwargs={"number": "consultation_case"},
        denied=("lasare", "digitalisering"),
    ),
    "consultations:detail": staff_view("consultations.can_view_consultation", kwargs=CONSULTATION),
    # The demo's consultation is sent: its sender is sent back to it (a draft would show the form).
    "consultations:edit": Rule(
        "consultations.can_manage_consultation",
        allowed="handlaggare",
        kwargs=CONSULTATION,
        ok=(302,),
        denied=("lasare",),
    ),
    "consultations:send": Rule(
        "consultations.can_manage_consultation",
        allowed="handlaggare",
        kwargs=CONSULTATION,
        post_only=True,
        denied=("lasare",),
    ),
    "consultations:close": Rule(
        "consultations.can_manage_consultation", allowed="handlaggare", kwargs=CONSULTATION, denied=("lasare",)
    ),
    "consultations:reopen": Rule(
        "consultations.can_manage_consultation", allowed="handlaggare", kwargs=CONSULTATION, denied=("lasare",)
    ),
    "consultations:compile": Rule(
        "consultations.can_manage_consultation",
        allowed="handlaggare",
        kwargs=CONSULTATION,
        post_only=True,
        denied=("lasare",),
    ),
    "consultations:final_proposal": Rule(
        "consultations.can_manage_consultation",
        allowed="handlaggare",
        kwargs=CONSULTATION,
        post_only=True,
        denied=("lasare",),
    ),
    "consultations:compilation": staff_view("consultations.can_view_consultation", kwargs=CONSULTATION),
    "consultations:compilation_download": staff_view(
        "consultations.can_view_consultation", kwargs={"pk": "consultation", "fmt": "docx"}
    ),
    "consultations:comment_handle": Rule(
        "consultations.can_handle_comment",
        allowed="handlaggare",
        kwargs={"pk": "consultation", "comment_id": "comment"},
        denied=("lasare", "digitalisering"),
    ),
    "consultations:respond": staff_view(
        "consultations.can_view_consultations + consultations.can_respond",
        kwargs={"pk": "consultation", "recipient_id": "recipient"},
        post_denied=("lasare",),
    ),
    # -- audits -----------------------------------------------------------------------------------
    "audits:audit_list": staff_view("audits.can_view_audits"),
    "audits:audit_register": Rule(
        "audits.can_register_audit", allowed="itstyrning", denied=("lasare", "revisor", "digitalisering")
    ),
    "audits:audit_detail": staff_view("audits.can_view_audit", kwargs=AUDIT),
    "audits:finding_add": Rule(
        "audits.can_manage_audit", allowed="itstyrning", kwargs=AUDIT, denied=("lasare", "revisor")
    ),
    "audits:action_add": Rule(
        "audits.can_manage_audit",
        allowed="itstyrning",
        kwargs={"pk": "audit", "finding_pk": "finding"},
        denied=("lasare", "revisor"),
    ),
    "audits:response_edit": Rule(
        "audits.can_manage_audit", allowed="itstyrning", kwargs=AUDIT, denied=("lasare", "revisor")
    ),
    "audits:report_schedule": Rule(
        "audits.can_manage_audit", allowed="itstyrning", kwargs=AUDIT, denied=("lasare", "revisor")
    ),
    "audits:report_submit": Rule(
        "audits.can_submit_report",
        allowed="admin",
        kwargs={"pk": "audit", "report_pk": "audit_report"},
        denied=("lasare", "revisor"),
    ),
    "audits:statement_preview": staff_view("audits.can_view_audit", kwargs={"pk": "audit", "fmt": "docx"}),
    "audits:statement_register": Rule(
        "audits.can_manage_audit", allowed="itstyrning", kwargs=AUDIT, post_only=True, denied=("lasare", "revisor")
    ),
    "audits:action_detail": staff_view("audits.can_view_audit", kwargs=ACTION),
    "audits:action_note": Rule(
        "audits.can_update_action", allowed="itstyrning", kwargs=ACTION, post_only=True, denied=("lasare", "revisor")
    ),
    "audits:action_transition": Rule(
        "audits.can_update_action",
        allowed="itstyrning",
        kwargs={"pk": "audit_action", "step": "action_step"},
        denied=("lasare", "revisor"),
    ),
    # -- principles -------------------------------------------------------------------------------
    "principles:programme_list": staff_view("principles.can_view_principles"),
    "principles:programme_create": Rule(
        "principles.can_manage_principles", allowed="itstyrning", denied=("lasare", "digitalisering")
    ),
    "principles:programme_update": Rule(
        "principles.can_manage_principles", allowed="itstyrning", kwargs={"pk": "programme"}, denied=("lasare",)
    ),
    "principles:principle_create": Rule(
        "principles.can_manage_principles", allowed="itstyrning", kwargs={"pk": "programme"}, denied=("lasare",)
    ),
    "principles:principle_detail": staff_view("principles.can_view_principles", kwargs={"pk": "principle"}),
    "principles:principle_update": Rule(
        "principles.can_manage_principles", allowed="itstyrning", kwargs={"pk": "principle"}, denied=("lasare",)
    ),
    "principles:principle_history": staff_view("principles.can_view_principles", kwargs={"pk": "principle"}),
    # -- needs ------------------------------------------------------------------------------------
    "needs:need_list": staff_view("needs.can_view_needs"),
    "needs:need_create": Rule("needs.can_create_need", allowed="digitalisering", denied=("lasare", "itstyrning")),
    "needs:similar": staff_view("needs.can_view_needs", query="?title=e-arkiv"),
    # Only redirects to the ranking of the current year, which has its own guard.
    "needs:ranking_current": Rule(SIGNED_IN, ok=(302,)),
    "needs:ranking": Rule(
        "needs.can_view_ranking", allowed="digitalisering", kwargs={"year": "need_year"}, denied=("lasare",)
    ),
    "needs:criteria": Rule(
        "needs.can_manage_criteria",
        allowed="itstyrning",
        kwargs={"year": "need_year"},
        denied=("lasare", "digitalisering"),
    ),
    "needs:need_detail": staff_view("needs.can_view_need", kwargs=NEED),
    "needs:need_update": Rule(
        "needs.can_edit_need", allowed="digitalisering", kwargs=DRAFT_NEED, denied=("lasare", "itstyrning")
    ),
    "needs:need_submit": Rule(
        "needs.can_submit_need", allowed="digitalisering", kwargs=DRAFT_NEED, denied=("lasare", "itstyrning")
    ),
    # IT governance reaches the draft it may take in late, though it does not see other drafts.
    "needs:need_accept_late": Rule(
        "needs.can_view_need_for_late_acceptance + needs.can_accept_late_need",
        allowed="itstyrning",
        kwargs=DRAFT_NEED,
        denied=("lasare", "digitalisering"),
    ),
    "needs:need_prepare": Rule(
        "needs.can_prepare_need", allowed="itstyrning", kwargs=NEED, post_only=True, denied=("lasare",)
    ),
    "needs:need_merge": Rule(
        "needs.can_merge_need", allowed="itstyrning", kwargs=NEED, denied=("lasare", "digitalisering")
    ),
    "needs:need_reject": Rule(
        "needs.can_reject_need", allowed="itstyrning", kwargs=NEED, denied=("lasare", "digitalisering")
    ),
    "needs:need_deliver": Rule(
        "needs.can_deliver_need", allowed="itstyrning", kwargs=NEED, post_only=True, denied=("lasare",)
    ),
    "needs:need_score": Rule(
        "needs.can_score_need", allowed="digitalisering", kwargs=NEED, denied=("lasare", "registrator")
    ),
    "needs:attachment_add": Rule(
        "needs.can_edit_need", allowed="digitalisering", kwargs=DRAFT_NEED, post_only=True, denied=("lasare",)
    ),
    "needs:attachment_download": Rule(
        "needs.can_view_need",
        allowed="digitalisering",
        kwargs={"pk": "draft_need", "attachment_pk": "attachment"},
        denied=("lasare", "itstyrning"),
    ),
    # -- plans and the annual wheel ---------------------------------------------------------------
    "plans:plan_list": staff_view("plans.can_view_plans"),
    "plans:plan_create": Rule("plans.can_create_plan", allowed="itstyrning", denied=("lasare", "sekreterare")),
    "plans:plan_detail": staff_view("plans.can_view_plans", kwargs=PLAN),
    "plans:plan_update": Rule(
        "plans.can_compose_plan", allowed="itstyrning", kwargs=DRAFT_PLAN, denied=("lasare", "digitalisering")
    ),
    "plans:plan_decide": Rule(
        "plans.can_record_plan_decision",
        allowed="sekreterare",
        kwargs={"pk": "draft_plan", "step": "plan_step"},
        denied=("lasare", "digitalisering"),
    ),
    "plans:plan_revise": Rule(
        "plans.can_revise_plan", allowed="itstyrning", kwargs=PLAN, denied=("lasare", "sekreterare")
    ),
    "plans:plan_diff": staff_view("plans.can_view_plans", kwargs=DRAFT_PLAN),
    "plans:plan_pdf": staff_view("plans.can_view_plans", kwargs=PLAN),
    "plans:plan_docx": staff_view("plans.can_view_plans", kwargs=PLAN),
    "plans:plan_register": Rule(
        "plans.can_register_plan_documents", allowed="itstyrning", kwargs=PLAN, post_only=True, denied=("lasare",)
    ),
    "plans:roadmap": staff_view("plans.can_view_plans", kwargs=PLAN),
    "plans:initiative_create": Rule(
        "plans.can_compose_plan", allowed="itstyrning", kwargs=DRAFT_PLAN, denied=("lasare",)
    ),
    "plans:initiative_detail": staff_view("plans.can_view_plans", kwargs={"pk": "initiative"}),
    "plans:initiative_update": Rule(
        "plans.can_compose_plan", allowed="itstyrning", kwargs={"pk": "draft_initiative"}, denied=("lasare",)
    ),
    "plans:initiative_remove": Rule(
        "plans.can_compose_plan",
        allowed="itstyrning",
        kwargs={"pk": "draft_initiative"},
        post_only=True,
        denied=("lasare",),
    ),
    # Only redirects to the wheel of the current year, which has its own guard.
    "plans:cycle_current": Rule(SIGNED_IN, ok=(302,)),
    "plans:cycle_create": Rule("plans.can_manage_cycle", allowed="itstyrning", post_only=True, denied=("lasare",)),
    # Dates and titles of the annual wheel as a calendar feed: public by design.
    "plans:cycle_feed": Rule(PUBLIC),
    "plans:cycle_detail": staff_view("plans.can_view_cycle", kwargs={"year": "cycle_year"}),
    "plans:cycle_ics": Rule(PUBLIC, kwargs={"year": "cycle_year"}),
    "plans:step_add": Rule(
        "plans.can_manage_cycle",
        allowed="itstyrning",
        kwargs={"year": "cycle_year"},
        post_only=True,
        denied=("lasare",),
    ),
    "plans:step_update": Rule(
        "plans.can_manage_cycle", allowed="itstyrning", kwargs={"pk": "cycle_step"}, denied=("lasare",)
    ),
    # -- follow-up --------------------------------------------------------------------------------
    "followup:round_list": staff_view("followup.can_view_followup"),
    "followup:round_open": Rule("followup.can_open_round", allowed="itstyrning", denied=("lasare", "digitalisering")),
    "followup:board": staff_view("followup.can_view_board_dashboard"),
    "followup:round_detail": staff_view("followup.can_view_followup", kwargs=ROUND),
    "followup:committee_answer": Rule(
        "followup.can_answer_for",
        allowed="itstyrning",
        kwargs={"year": "round_year", "pk": "round_committee"},
        denied=("lasare", "registrator"),
    ),
    "followup:initiative_add": Rule(
        "followup.can_manage_round", allowed="itstyrning", kwargs=ROUND, denied=("lasare", "digitalisering")
    ),
    "followup:initiative_report": Rule(
        "followup.can_report_initiative",
        allowed="itstyrning",
        kwargs={"year": "round_year", "pk": "initiative_status"},
        denied=("lasare", "digitalisering"),
    ),
    "followup:report_preview": staff_view("followup.can_view_followup", kwargs={"year": "round_year", "fmt": "docx"}),
    "followup:report_register": Rule(
        "followup.can_manage_round", allowed="itstyrning", kwargs=ROUND, post_only=True, denied=("lasare",)
    ),
    "followup:round_close": Rule(
        "followup.can_manage_round", allowed="itstyrning", kwargs=ROUND, post_only=True, denied=("lasare",)
    ),
    # -- REST API: schema and documentation -------------------------------------------------------
    "api-schema": Rule(PUBLIC),
    "api-docs": Rule(PUBLIC),
    "api-redoc": Rule(PUBLIC),
    # -- REST API: organisation (read only) -------------------------------------------------------
    "api-body-list": staff_view("organisation.can_view_organisation"),
    "api-body-detail": staff_view("organisation.can_view_organisation", kwargs={"pk": "body"}),
    "api-administration-list": staff_view("organisation.can_view_organisation"),
    "api-administration-detail": staff_view("organisation.can_view_organisation", kwargs={"pk": "administration"}),
    "api-external-party-list": staff_view("organisation.can_view_organisation"),
    "api-external-party-detail": staff_view("organisation.can_view_organisation", kwargs={"pk": "external_party"}),
    "api-person-list": staff_view("organisation.can_view_organisation"),
    "api-person-detail": staff_view("organisation.can_view_organisation", kwargs={"pk": "person"}),
    "api-political-assignment-list": staff_view("organisation.can_view_organisation"),
    "api-political-assignment-detail": staff_view(
        "organisation.can_view_organisation", kwargs={"pk": "political_assignment"}
    ),
    "api-role-assignment-list": staff_view("organisation.can_view_organisation"),
    "api-role-assignment-detail": staff_view("organisation.can_view_organisation", kwargs={"pk": "role_assignment"}),
    # -- REST API: registry -----------------------------------------------------------------------
    "api-registry-series": staff_view("registry.can_view_registry"),
    "api-registry-document-types": staff_view("registry.can_view_registry"),
    "api-registry-cases": staff_view(
        "registry.can_view_registry + registry.can_open_any_case", post_denied=("lasare",)
    ),
    "api-registry-case": staff_view("registry.can_view_registry + registry.can_change_case", kwargs=CASE),
    "api-registry-case-close": Rule(
        "registry.can_close_case", allowed="handlaggare", kwargs=CASE, post_only=True, denied=("lasare",)
    ),
    "api-registry-case-reopen": Rule(
        "registry.can_close_case",
        allowed="registrator",
        kwargs={"number": "closed_case"},
        post_only=True,
        denied=("lasare",),
    ),
    "api-registry-case-relate": Rule(
        "registry.can_change_case", allowed="registrator", kwargs=CASE, post_only=True, denied=("lasare",)
    ),
    "api-registry-documents": staff_view(
        "registry.can_view_registry + registry.can_register_document", kwargs=CASE, post_denied=("lasare",)
    ),
    "api-registry-document": staff_view("registry.can_view_registry", kwargs=DOC),
    "api-registry-document-correct": Rule(
        "registry.can_correct_document", allowed="registrator", kwargs=DOC, post_only=True, denied=("lasare",)
    ),
    "api-registry-document-files": Rule(
        "registry.can_register_document", allowed="registrator", kwargs=DOC, post_only=True, denied=("lasare",)
    ),
    "api-registry-file-download": staff_view("registry.can_view_registry", kwargs={"file_id": "file"}),
    "api-registry-search": staff_view("registry.can_view_registry", query="?q=riktlinjer"),
    "api-public-search": Rule(PUBLIC, query="?q=riktlinjer"),
    "api-public-case": Rule(PUBLIC, kwargs=CASE),
    "api-public-file-download": Rule(PUBLIC, kwargs={"file_id": "file"}),
    # -- REST API: meetings -----------------------------------------------------------------------
    "api-meetings": staff_view("meetings.can_view_meetings + meetings.can_plan_meeting", post_denied=("lasare",)),
    "api-meeting": staff_view("meetings.can_view_meetings", kwargs=MEETING),
    "api-meeting-agenda": staff_view(
        "meetings.can_view_meetings + meetings.can_manage_meeting", kwargs=MEETING, post_denied=("lasare",)
    ),
    "api-meeting-item": staff_view("meetings.can_view_meetings + meetings.can_manage_meeting", kwargs=ITEM),
    "api-meeting-paragraphs": staff_view("meetings.can_view_meetings", kwargs={"pk": "posted_meeting"}),
    "api-meeting-step": Rule(
        "meetings.can_manage_meeting",
        allowed="sekreterare",
        kwargs={"pk": "planned_meeting", "step": "api_meeting_step"},
        post_only=True,
        denied=("lasare",),
    ),
    "api-meeting-decision": Rule(
        "meetings.can_manage_meeting", allowed="sekreterare", kwargs=ITEM, post_only=True, denied=("lasare",)
    ),
    "api-meeting-dissent": Rule(
        "meetings.can_manage_meeting", allowed="sekreterare", kwargs=ITEM, post_only=True, denied=("lasare",)
    ),
    "api-notice-board": Rule(PUBLIC),
    # -- REST API: consultations ------------------------------------------------------------------
    "api-consultation-topics": staff_view("consultations.can_view_consultations"),
    "api-consultations": staff_view(
        "consultations.can_view_consultations + consultations.can_create_consultation", post_denied=("lasare",)
    ),
    "api-consultation": staff_view(
        "consultations.can_view_consultation + consultations.can_manage_consultation", kwargs=CONSULTATION
    ),
    **{
        f"api-consultation-{step}": Rule(
            "consultations.can_manage_consultation",
            allowed="handlaggare",
            kwargs=CONSULTATION,
            post_only=True,
            denied=("lasare",),
        )
        for step in ("send", "close", "reopen", "compile", "final-proposal")
    },
    "api-consultation-recipients": staff_view("consultations.can_view_consultation", kwargs=CONSULTATION),
    "api-consultation-receipt": Rule(
        "consultations.can_register_receipt",
        allowed="admin",
        kwargs={"pk": "consultation", "recipient_id": "recipient"},
        post_only=True,
        denied=("lasare",),
    ),
    "api-consultation-response": staff_view(
        "consultations.can_view_consultation + consultations.can_respond",
        kwargs={"pk": "consultation", "recipient_id": "answered_recipient"},
        post_denied=("lasare",),
        ok=(200,),
    ),
    "api-consultation-response-send": Rule(
        "consultations.can_respond",
        allowed="digitalisering",
        kwargs={"pk": "consultation", "recipient_id": "recipient"},
        post_only=True,
        denied=("lasare",),
    ),
    "api-consultation-response-correct": Rule(
        "consultations.can_respond",
        allowed="digitalisering",
        kwargs={"pk": "consultation", "recipient_id": "recipient"},
        post_only=True,
        denied=("lasare",),
    ),
    "api-consultation-comments": staff_view("consultations.can_view_consultation", kwargs=CONSULTATION),
    "api-comment-handling": Rule(
        "consultations.can_handle_comment",
        allowed="handlaggare",
        kwargs={"pk": "consultation", "comment_id": "comment"},
        post_only=True,
        denied=("lasare",),
    ),
    # -- REST API: audits -------------------------------------------------------------------------
    "api-audit-list": staff_view("audits.can_view_audits"),
    "api-audit-detail": staff_view("audits.can_view_audits", kwargs=AUDIT),
    "api-audit-action-list": staff_view("audits.can_view_audits"),
    "api-audit-action-detail": staff_view("audits.can_view_audits", kwargs=ACTION),
    **{
        f"api-audit-action-{step}": Rule(
            "audits.can_view_audit + audits.can_update_action",
            allowed="itstyrning",
            kwargs=ACTION,
            post_only=True,
            denied=("revisor",),
        )
        for step in ("complete", "delay", "notes", "start")
    },
    "api-audit-action-events": staff_view("audits.can_view_audits + audits.can_view_audit", kwargs=ACTION),
    # -- REST API: follow-up ----------------------------------------------------------------------
    "api-followup-round-list": staff_view("followup.can_view_followup"),
    "api-followup-round-detail": staff_view("followup.can_view_followup", kwargs=ROUND),
    "api-followup-round-answers": Rule(
        "followup.can_view_followup + followup.can_answer_for",
        allowed="itstyrning",
        kwargs=ROUND,
        post_only=True,
        denied=("registrator",),
    ),
    "api-followup-round-initiative-status": Rule(
        "followup.can_view_followup + followup.can_report_initiative",
        allowed="itstyrning",
        kwargs=ROUND,
        post_only=True,
        denied=("lasare",),
    ),
    # -- REST API: needs --------------------------------------------------------------------------
    "api-need-list": staff_view("needs.can_view_needs + needs.can_create_need", post_denied=("lasare",)),
    "api-need-detail": staff_view("needs.can_view_need", kwargs=NEED),
    "api-need-accept-late": Rule(
        "needs.can_accept_late_need", allowed="admin", kwargs=DRAFT_NEED, post_only=True, denied=("lasare",)
    ),
    "api-need-deliver": Rule(
        "needs.can_deliver_need", allowed="itstyrning", kwargs=NEED, post_only=True, denied=("lasare",)
    ),
    "api-need-merge": Rule(
        "needs.can_merge_need", allowed="itstyrning", kwargs=NEED, post_only=True, denied=("lasare",)
    ),
    "api-need-prepare": Rule(
        "needs.can_prepare_need", allowed="itstyrning", kwargs=NEED, post_only=True, denied=("lasare",)
    ),
    "api-need-reject": Rule(
        "needs.can_reject_need", allowed="itstyrning", kwargs=NEED, post_only=True, denied=("lasare",)
    ),
    "api-need-scores": Rule(
        "needs.can_score_need", allowed="digitalisering", kwargs=NEED, post_only=True, denied=("lasare",)
    ),
    "api-need-similar": staff_view("needs.can_view_need", kwargs=NEED),
    "api-need-submit": Rule(
        "needs.can_submit_need", allowed="digitalisering", kwargs=DRAFT_NEED, post_only=True, denied=("lasare",)
    ),
    "api-need-ranking-detail": Rule(
        "needs.can_view_needs + needs.can_view_ranking",
        allowed="digitalisering",
        kwargs={"pk": "need_year"},
        denied=("lasare",),
    ),
    # -- REST API: plans and the annual wheel -----------------------------------------------------
    "api-plan-list": staff_view("plans.can_view_plans + plans.can_create_plan", post_denied=("lasare",)),
    "api-plan-detail": staff_view("plans.can_view_plans", kwargs=PLAN),
    "api-plan-decisions": Rule(
        "plans.can_record_plan_decision", allowed="sekreterare", kwargs=DRAFT_PLAN, post_only=True, denied=("lasare",)
    ),
    "api-plan-initiatives": staff_view(
        "plans.can_view_plans + plans.can_compose_plan", kwargs=DRAFT_PLAN, post_denied=("lasare",)
    ),
    "api-plan-revise": Rule(
        "plans.can_revise_plan", allowed="itstyrning", kwargs=PLAN, post_only=True, denied=("lasare",)
    ),
    "api-plan-totals": staff_view("plans.can_view_plans", kwargs=PLAN),
    "api-initiative-list": staff_view("plans.can_view_plans"),
    "api-initiative-detail": staff_view(
        "plans.can_view_plans + plans.can_compose_plan", kwargs={"pk": "initiative"}, post_denied=("lasare",)
    ),
    "api-annual-cycle-list": staff_view("plans.can_view_cycle + plans.can_manage_cycle", post_denied=("lasare",)),
    "api-annual-cycle-detail": staff_view("plans.can_view_cycle", kwargs={"year": "cycle_year"}),
    "api-annual-cycle-steps": Rule(
        "plans.can_manage_cycle",
        allowed="itstyrning",
        kwargs={"year": "cycle_year"},
        post_only=True,
        denied=("lasare",),
    ),
}

# Django's administration: internal patterns, reached only by staff accounts.
ADMIN_PREFIX = "admin/"
