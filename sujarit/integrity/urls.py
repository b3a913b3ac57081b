from django.urls import path

from .views import public, staff

public_urlpatterns = [
    path("no-gift/", public.no_gift, name="no_gift"),
    path("no-gift/<int:fiscal_year>.pdf", public.no_gift_pdf, name="no_gift_pdf"),
    path("no-gift/announcements/<int:pk>/", public.announcement, name="announcement"),
]

staff_urlpatterns = [
    path("integrity/declaration/", staff.declaration, name="declaration"),
    path("integrity/conflicts/", staff.matches, name="matches"),
    path("integrity/gifts/", staff.gifts, name="gifts"),
]
