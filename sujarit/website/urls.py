from django.urls import path

from .views import public, staff

app_name = "website"

public_urlpatterns = [
    path("news/", public.news, name="news"),
    path("news/<int:pk>/", public.post, name="post"),
    path("executives/", public.executives, name="executives"),
    path("about/", public.about_index, name="about_index"),
    path("about/<slug:kind>/", public.about, name="about"),
    path("e-service/", public.eservice, name="eservice"),
    path("ita/", public.ita, name="ita"),
    path("contact/", public.contact, name="contact"),
    path("site/image/<int:pk>.jpg", public.image, name="image"),
]

staff_urlpatterns = [
    path("site/", staff.index, name="index"),
    path("site/settings/", staff.site_settings, name="settings"),
    path("site/news/new/", staff.post_edit, name="post_new"),
    path("site/news/<int:pk>/", staff.post_edit, name="post_edit"),
    path("site/news/<int:pk>/delete/", staff.post_delete, name="post_delete"),
    path("site/executives/new/", staff.executive_edit, name="executive_new"),
    path("site/executives/<int:pk>/", staff.executive_edit, name="executive_edit"),
    path("site/executives/<int:pk>/delete/", staff.executive_delete, name="executive_delete"),
    path("site/pages/<slug:kind>/", staff.page_edit, name="page_edit"),
]
