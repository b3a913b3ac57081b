"""URL lists are kept beside their views; this file only joins them (one owner per views module)."""

from .views.public import infocentre, portal
from .views.public import search as search_views
from .views.staff import board, publishing

public_urlpatterns = (
    portal.public_urls + board.public_urls + infocentre.public_urls + search_views.public_urls
)
staff_urlpatterns = publishing.staff_urls + board.staff_urls + infocentre.staff_urls
# Global: the open-data catalogue for harvesters (DCAT / CKAN) under /api/…
urlpatterns = board.site_urls
