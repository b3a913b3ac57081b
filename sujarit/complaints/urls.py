"""URL lists are kept beside their views; this file only joins them (one owner per views module)."""

from .views.public import general as general_public
from .views.public import integrity as integrity_public
from .views.public import open311
from .views.public import stats as stats_views
from .views.staff import general as general_staff
from .views.staff import integrity as integrity_staff
from .views.staff import settings as settings_views

public_urlpatterns = general_public.public_urls + integrity_public.public_urls + stats_views.public_urls
staff_urlpatterns = (
    general_staff.staff_urls + integrity_staff.staff_urls + stats_views.staff_urls + settings_views.staff_urls
)
# Global: the Open311 GeoReport v2 interface under /api/open311/v2/<org-slug>/.
urlpatterns = open311.urls
