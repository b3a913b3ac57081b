"""Every public page of the demo organization passes axe-core (WCAG 2.1 A/AA rules) without a serious
or critical violation, and the public site's pages fit a 390 px phone without sideways scrolling.

The pages are found by walking the public URLconf of every registered module: each pattern that needs
only the organization is opened, and the patterns that need a record get one of the demo's records.
"""

from importlib import import_module

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from sujarit.core.registry import registry

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def public_paths(org, examples):
    """Every public page of org: patterns without arguments, then those given an example."""
    paths = []
    for config in registry.modules.values():
        mod = import_module(f"{config.name}.urls")
        for pattern in getattr(mod, "public_urlpatterns", []):
            name = f"{config.label}:{pattern.name}"
            for kwargs in [{}, *examples.get(name, [])]:
                try:
                    paths.append(reverse(name, kwargs={"org_slug": org.slug, **kwargs}))
                except NoReverseMatch:
                    continue
    return list(dict.fromkeys(paths))


@pytest.fixture
def demo_site(seed_plan):
    from sujarit.website import demo
    from sujarit.website.models import Post

    org = seed_plan.org
    demo.load(org)
    post = Post.objects.for_org(org).first()
    item = seed_plan.items.order_by("number").first()
    examples = {
        "website:post": [{"pk": post.pk}],
        "website:about": [{"kind": "history"}, {"kind": "villages"}],
        "plans:item": [{"number": item.number}],
    }
    # Pages only: downloads (CSV, JSON, feeds, pictures) and redirects are left to other tests.
    client = Client()
    pages = []
    for path in public_paths(org, examples):
        r = client.get(path)
        if r.status_code == 200 and r["Content-Type"].startswith("text/html"):
            pages.append(path)
    # The national public page (oversight), at the country and down to the demo's province.
    national = reverse("oversight_site:national")
    pages += [national, f"{national}?province={org.province}"]
    return org, pages


def test_no_serious_or_critical_axe_violation_on_any_public_page(page, site, demo_site):
    from axe_playwright_python.sync_playwright import Axe

    org, paths = demo_site
    axe = Axe()
    checked, problems = 0, []
    for path in paths:
        page.goto(site + path)
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        )
        checked += 1
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"][:3]]
                problems.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} {targets}")
    assert checked >= 20, paths
    assert problems == []


def test_public_site_fits_a_phone_without_sideways_scrolling(browser, site, demo_site):
    org, paths = demo_site
    context = browser.new_context(
        locale="th-TH", viewport={"width": 390, "height": 844}, device_scale_factor=2
    )
    try:
        phone = context.new_page()
        wide = []
        for path in [p for p in paths if "/site/image/" not in p]:
            if (
                not any(
                    part in path
                    for part in (
                        "/news/",
                        "/executives/",
                        "/about/",
                        "/e-service/",
                        "/ita/",
                        "/contact/",
                        "/national/",
                    )
                )
                and path != f"/{org.slug}/"
            ):
                continue
            phone.goto(site + path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide.append((path, width))
        assert wide == []
        phone.goto(f"{site}/{org.slug}/")
        # The front door shows the emblem-less banner with the name, news with photos and executives.
        assert phone.locator(".site-hero .name").inner_text() == org.name
        assert phone.locator(".news-card img").count() == 6
        assert phone.locator(".person img").count() >= 1
    finally:
        context.close()
