from django.urls import path

from .views import public
from .views.staff import control, more, registers, risk

public_urlpatterns = [
    path("registers/", public.index, name="index"),
    path("registers/risk/<int:pk>/", public.assessment, name="assessment"),
    path("registers/risk/<int:pk>.pdf", public.assessment_pdf, name="assessment_pdf"),
]

staff_urlpatterns = [
    path("registers/", registers.index, name="index"),
    path("registers/risk/", risk.assessments, name="assessments"),
    path("registers/risk/<int:pk>/", risk.assessment, name="assessment"),
    path("registers/risk/<int:pk>.pdf", risk.assessment_pdf, name="assessment_pdf"),
    path("registers/delegations/", registers.delegations, name="delegations"),
    path("registers/trainings/", registers.trainings, name="trainings"),
    path("registers/honours/", registers.honours, name="honours"),
    path("registers/forums/", registers.forums, name="forums"),
    path("registers/networks/", registers.networks, name="networks"),
    path("registers/honours/<int:pk>/certificate.pdf", more.certificate, name="certificate"),
    path("registers/forums/proposals/", more.proposals, name="proposals"),
    path("registers/committees/", more.committee, name="committee"),
    path("registers/observers/", more.observers, name="observers"),
    path("registers/salary/", more.salary, name="salary"),
    path("registers/hr/", more.hr, name="hr"),
    path("registers/ethics/", more.ethics, name="ethics"),
    path("registers/control/", control.control, name="control"),
    path("registers/control/<int:fiscal_year>.pdf", control.control_pdf, name="control_pdf"),
    path(
        "registers/control/<int:fiscal_year>/<str:form>.pdf",
        control.control_form_pdf,
        name="control_form_pdf",
    ),
]
