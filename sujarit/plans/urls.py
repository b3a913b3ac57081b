from django.urls import path

from .views import public, staff

# Each section below belongs to one part of the module; add your patterns to your section.
public_urlpatterns = [
    # plan pages (import/public)
    path("plan/", public.plan, name="plan"),
    path("plan/items/<int:number>/", public.item, name="item"),
    path("plan/goals/", public.goals, name="goals"),
    # progress summary (dashboard)
    # reports
]

staff_urlpatterns = [
    # dashboard and progress reporting
    path("plan/", staff.dashboard, name="dashboard"),
    # import and lint
    # reports and exports
]
