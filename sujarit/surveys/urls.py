from .views import public, staff

public_urlpatterns = public.public_urls
staff_urlpatterns = staff.staff_urls
