"""The public header stays short on a phone; the organization's home page lists every module's page."""

import re

from django.urls import reverse

from sujarit.core.registry import registry


def _header_links(html):
    nav = html.split('<nav aria-label="', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', nav)


def test_header_holds_the_primary_entries_and_home_lists_them_all(client, org):
    html = client.get(reverse("core:org_home", kwargs={"org_slug": org.slug})).content.decode()
    header = _header_links(html)
    public = [e for e in registry.nav if e.area == "public"]
    primary = [e for e in public if e.primary]
    assert len(primary) <= 6 and len(primary) < len(public)
    for entry in public:
        url = reverse(entry.url_name, kwargs={"org_slug": org.slug})
        assert url in html  # every public page is reachable from the home page
        assert (url in header) == entry.primary
    # The corruption channel is one tap from every page (OIT O22).
    assert reverse("complaints:integrity_report", kwargs={"org_slug": org.slug}) in header
