"""Every page asks an anonymous visitor to log in, and brings them back afterwards."""

from urllib.parse import quote

import pytest

from guong.core.models import AuditEvent

PAGES = [
    "/",
    "/units/",
    "/units/TINH/",
    "/units/TINH/children/",
    "/members/",
    "/members/?q=nguyen",
    "/members/10000001/",
    "/units/CB-A1-1/members/new/",
    "/audit/",
    "/audit/verify/",
    "/roles/",
    "/tokens/",
]
FORMS = [
    "/units/CB-A1-1/rename/",
    "/units/CB-A1-1/move/",
    "/units/CB-A1-1/merge/",
    "/units/CB-A1-1/dissolve/",
    "/members/10000001/edit/",
    "/members/10000001/transfer/",
    "/members/10000001/status/",
    "/members/10000001/position/",
    "/roles/new-user/",
    "/roles/assign/",
    "/tokens/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_redirects_to_login_with_next(client, world, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={quote(url, safe='/')}"


@pytest.mark.parametrize("url", FORMS)
def test_a_form_post_redirects_to_login_and_writes_nothing(client, world, url):
    events = AuditEvent.objects.count()

    response = client.post(url, {"rename-name": "X", "edit-full_name": "X Y"})

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert AuditEvent.objects.count() == events
