"""The site a request is for (`api.sites`): remembered per host under the sites' shared
generation, which a save or delete of any site bumps (the cross-process case is in
test_fresh_across_processes)."""

import pytest
from wagtail.models import Site

from api import sites

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncached(settings):
    settings.CMS_API_RESPONSE_CACHE = False


def slugs(api, **headers) -> list[str]:
    response = api.get("/api/v1/articles/", **headers)
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_wagtail_is_asked_once_per_host_while_the_sites_stay_the_same(
    api, index_page, uncached, monkeypatch
):
    asked = []
    find = Site.find_for_request
    monkeypatch.setattr(
        Site, "find_for_request", staticmethod(lambda r: asked.append(1) or find(r))
    )
    for _ in range(3):
        slugs(api)
    assert len(asked) == 1
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    site.save()  # any process's save is seen by every other: a shared generation
    slugs(api)
    assert len(asked) == 2


def test_a_host_of_no_site_is_a_404(api, index_page, uncached):
    Site.objects.all().delete()
    response = api.get("/api/v1/articles/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_hostile_hosts_do_not_grow_memory(index_page, rf, settings):
    settings.ALLOWED_HOSTS = ["*"]
    for i in range(1100):
        sites.site_id_for_request(rf.get("/", HTTP_HOST=f"h{i}.example"))
    assert len(sites._remembered) <= 1001
