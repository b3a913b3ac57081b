from django.urls import path

from .views import public, staff

public_urlpatterns = [
    path("plan/", public.plan, name="plan"),
]

staff_urlpatterns = [
    path("plan/", staff.dashboard, name="dashboard"),
]
