"""The queue's URLs: the kiosk, tickets, board, policy and statistics under /<org>/queue/; the
counters and reports under /<org>/staff/queue/."""

from django.urls import path

from .views import public, setup, staff

public_urlpatterns = [
    path("queue/", public.kiosk, name="kiosk"),
    path("queue/take/", public.take, name="take"),
    path("queue/t/<str:token>/", public.follow, name="follow"),
    path("queue/t/<str:token>/slip/", public.slip, name="slip"),
    path("queue/board/", public.board, name="board"),
    path("queue/policy/", public.policy, name="policy"),
    path("queue/statistics/", public.statistics, name="statistics"),
]

staff_urlpatterns = [
    path("queue/", staff.counters, name="counters"),
    path("queue/issue/", staff.issue, name="issue"),
    path("queue/counter/<int:pk>/", staff.counter, name="counter"),
    path("queue/counter/<int:pk>/<str:action>/", staff.act, name="act"),
    path("queue/statistics/", staff.report, name="report"),
    path("queue/setup/", setup.index, name="setup"),
    path("queue/setup/services/<int:pk>/", setup.service, name="setup_service"),
    path("queue/setup/counters/<int:pk>/", setup.counter, name="setup_counter"),
]
