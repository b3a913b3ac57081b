"""Thai first: the browser's language never switches the site; the person's own choice does."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_an_english_browser_still_gets_thai(client, org):
    page = client.get(f"/{org.slug}/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "th"
    assert 'lang="th"' in page.content.decode()


@pytest.mark.django_db
def test_the_persons_choice_switches_and_is_remembered(client, org):
    answer = client.post("/i18n/setlang/", {"language": "en", "next": f"/{org.slug}/"})
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(f"/{org.slug}/", HTTP_ACCEPT_LANGUAGE="th")
    assert page["Content-Language"] == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"  # a forged value falls back to Thai
    assert client.get(f"/{org.slug}/")["Content-Language"] == "th"
