from django.urls import path

from . import views

public_urlpatterns = [
    path("finance/", views.index, name="index"),
    path("finance/spending/<str:slug>/", views.spending, name="spending"),
    path("finance/spending/<str:slug>.<str:fmt>", views.spending_file, name="spending_file"),
]

staff_urlpatterns = [
    path("finance/", views.lines, name="lines"),
    path("finance/disbursements/", views.disbursements, name="disbursements"),
    path("finance/disbursements/<int:pk>/check/", views.check, name="check"),
]
