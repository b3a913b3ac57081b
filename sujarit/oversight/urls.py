from django.urls import path

from . import views

urlpatterns = [
    path("oversight/", views.board, name="board"),
    path("national/", views.national, name="national"),
    path("platform/supervisors/", views.supervisors, name="supervisors"),
    path("platform/supervisors/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
