from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("utvecklingsplaner/", views.plan_list, name="plan_list"),
    path("utvecklingsplaner/ny/", views.plan_create, name="plan_create"),
    path("utvecklingsplaner/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("utvecklingsplaner/<int:pk>/andra/", views.plan_update, name="plan_update"),
    path("utvecklingsplaner/<int:pk>/beslut/<str:step>/", views.plan_decide, name="plan_decide"),
    path("utvecklingsplaner/<int:pk>/revidera/", views.plan_revise, name="plan_revise"),
    path("utvecklingsplaner/<int:pk>/jamfor/", views.plan_diff, name="plan_diff"),
    path("utvecklingsplaner/<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("utvecklingsplaner/<int:pk>/plan.docx", views.plan_docx, name="plan_docx"),
    path("utvecklingsplaner/<int:pk>/registrera/", views.plan_register, name="plan_register"),
    path("utvecklingsplaner/<int:pk>/fardplan/", views.roadmap, name="roadmap"),
    path("utvecklingsplaner/<int:pk>/insatser/ny/", views.initiative_create, name="initiative_create"),
    path("insatser/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("insatser/<int:pk>/andra/", views.initiative_update, name="initiative_update"),
    path("insatser/<int:pk>/ta-bort/", views.initiative_remove, name="initiative_remove"),
    path("arshjul/", views.cycle_current, name="cycle_current"),
    path("arshjul/nytt/", views.cycle_create, name="cycle_create"),
    path("arshjul/arshjul.ics", views.cycle_ics, name="cycle_feed"),
    path("arshjul/<int:year>/", views.cycle_detail, name="cycle_detail"),
    path("arshjul/<int:year>.ics", views.cycle_ics, name="cycle_ics"),
    path("arshjul/<int:year>/steg/", views.step_add, name="step_add"),
    path("arshjul/steg/<int:pk>/andra/", views.step_update, name="step_update"),
]
