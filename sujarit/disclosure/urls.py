"""The disclosure module's URLs: public pages under /<org>/, the back office under /<org>/staff/, and
the open-data catalogue for harvesters (DCAT / CKAN) under /api/…"""

from django.urls import path, re_path

from .views import platform
from .views.public import infocentre, oit, opendata, portal, profile, search
from .views.staff import board, ita, publishing
from .views.staff import infocentre as infocentre_staff

public_urlpatterns = [
    # the portal
    path("disclosure/", portal.portal, name="portal"),
    path("disclosure/area/<str:area>/", portal.area, name="area"),
    path("disclosure/year/<int:fy>/", portal.year, name="year"),
    # Only O-codes, so the OIT board's own pages under disclosure/oit/ stay theirs.
    re_path(r"^disclosure/oit/(?P<code>[Oo]\d{1,2})/$", portal.item, name="item"),
    path("disclosure/p/<int:pk>/", portal.publication, name="publication"),
    path("disclosure/p/<int:pk>/v/<int:number>/", portal.version, name="version"),
    path("disclosure/p/<int:pk>/v/<int:number>/file", portal.file, name="file"),
    path("disclosure/news/", portal.news, name="news"),
    path("disclosure/news/feed.atom", portal.news_feed, name="news_feed"),
    # the OIT board, the organization profile's pages and open data
    path("disclosure/oit/board/", oit.oit_board, name="oit"),
    path("disclosure/oit/board/<int:year>/", oit.oit_board, name="oit"),
    path("disclosure/structure/", profile.structure, name="structure"),
    path("disclosure/executives/", profile.executives_page, name="executives"),
    path("disclosure/contact/", profile.contact_page, name="contact"),
    path("disclosure/opendata.json", opendata.opendata_json, name="opendata_json"),
    path("disclosure/opendata.csv", opendata.opendata_csv, name="opendata_csv"),
    # the information centre and the Q&A board
    path("disclosure/infocentre/", infocentre.infocentre_page, name="infocentre"),
    path("disclosure/infocentre/stats.csv", infocentre.infocentre_csv, name="infocentre_csv"),
    path("disclosure/infocentre/stats.json", infocentre.infocentre_json, name="infocentre_json"),
    path("disclosure/infocentre/request/", infocentre.request_new, name="infocentre_request"),
    path("disclosure/infocentre/track/", infocentre.request_track, name="infocentre_track"),
    path("disclosure/infocentre/request/<str:number>/", infocentre.request_status, name="infocentre_status"),
    path("disclosure/qa/", infocentre.qa_board, name="qa"),
    # search
    path("disclosure/search/", search.search_page, name="search"),
]

staff_urlpatterns = [
    # publishing
    path("disclosure/publications/", publishing.publication_list, name="publications"),
    path("disclosure/publications/new/", publishing.new, name="new"),
    path("disclosure/publications/<int:pk>/", publishing.publication_page, name="publication"),
    path(
        "disclosure/publications/<int:pk>/v/<int:number>/file", publishing.version_file, name="version_file"
    ),
    path("disclosure/approvals/", publishing.approvals, name="approvals"),
    # the OIT board and ITA readiness
    path("disclosure/board/", board.board, name="board"),
    path("disclosure/board/<int:year>/", board.board, name="board"),
    path("disclosure/board/<int:year>/owner/<str:code>/", board.owner_set, name="owner_set"),
    path("disclosure/ita/", ita.ita_page, name="ita"),
    path("disclosure/ita/<int:pk>/delete/", ita.ita_delete, name="ita_delete"),
    # the information centre and Q&A moderation
    path("disclosure/infocentre/", infocentre_staff.register, name="infocentre"),
    path("disclosure/infocentre/new/", infocentre_staff.record, name="infocentre_record"),
    path("disclosure/infocentre/r/<int:pk>/", infocentre_staff.request_detail, name="infocentre_request"),
    path("disclosure/infocentre/channels/", infocentre_staff.channels, name="infocentre_channels"),
    path(
        "disclosure/infocentre/channels/<int:pk>/", infocentre_staff.channel_edit, name="infocentre_channel"
    ),
    path("disclosure/infocentre/settings/", infocentre_staff.settings_page, name="infocentre_settings"),
    path("disclosure/qa/", infocentre_staff.qa_queue, name="qa"),
    path("disclosure/qa/<int:pk>/", infocentre_staff.qa_question, name="qa_question"),
]

# Global: the OIT catalogue (platform data: platform operators only), and the open-data catalogue for
# harvesters (DCAT / CKAN) under /api/…
urlpatterns = [
    path("platform/oit/catalogue/", platform.catalogue_page, name="catalogue"),
    path("platform/oit/catalogue/<int:year>/", platform.catalogue_page, name="catalogue"),
    path("platform/oit/catalogue/import/", platform.catalogue_import, name="catalogue_import"),
    path("platform/oit/catalogue/<int:year>.<str:fmt>", platform.catalogue_export, name="catalogue_export"),
    path("platform/oit/catalogue/<int:year>/<str:code>/", platform.catalogue_item, name="catalogue_item"),
    path("api/dcat/<slug:org_slug>/catalog.jsonld", opendata.dcat, name="dcat"),
    # CKAN serves its action API unversioned and as version 3; clients use either.
    path("api/ckan/<slug:org_slug>/api/action/<str:action>", opendata.ckan_action, name="ckan_action"),
    path("api/ckan/<slug:org_slug>/api/3/action/<str:action>", opendata.ckan_action, name="ckan_action_3"),
]
