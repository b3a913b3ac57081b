"""A reporter's or complainant's session ends when the browser closes (issue 8, item 14): on a shared
computer the next person must not find the report open."""

from sujarit.core.middleware import SEEN

from .test_general_public_views import open_case, post_complaint, sent_secret
from .test_integrity_public_views import _follow, _post_report, _receipt


def _ends_with_the_browser(response):
    cookie = response.cookies["sessionid"]
    assert cookie.value and not cookie["max-age"] and not cookie["expires"], cookie.output()


def test_a_reporters_session_ends_when_the_browser_closes(client, org, categories, keyed_integrity_officer):
    receipt = _receipt(_post_report(client, org, categories))
    client.cookies.clear()
    follow = _follow(client, org, receipt)
    assert follow.status_code == 302
    _ends_with_the_browser(follow)
    assert SEEN not in client.session


def test_a_complainants_session_ends_when_the_browser_closes(client, org, categories):
    code, secret = sent_secret(post_complaint(client, org, categories))
    client.cookies.clear()
    opened = open_case(client, org, code, secret)
    assert opened.status_code == 302
    _ends_with_the_browser(opened)
