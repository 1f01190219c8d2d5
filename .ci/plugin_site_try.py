# Run with `manage.py shell` in the fresh site: what a hospital would try first.
import re

from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Locale, Page

from articles.models import ArticleIndexPage, ArticlePage

admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
client = Client(HTTP_HOST="localhost")
client.force_login(admin)
home = Page.objects.get(depth=2)
assert client.get("/admin/").status_code == 200, "dashboard"
assert client.get(f"/admin/pages/{home.id}/edit/").status_code == 200, "page editor"

for code in ("en", "ko", "ar"):
    Locale.objects.get_or_create(language_code=code)
index = home.add_child(instance=ArticleIndexPage(title="Health library", slug="health"))
index.save_revision().publish()
article = index.add_child(
    instance=ArticlePage(
        title="Knee cartilage repair",
        slug="knee",
        summary="What knee cartilage repair involves.",
        body=[
            {
                "type": "section",
                "value": {
                    "heading": "Overview",
                    "level": 2,
                    "anchor": "",
                    "content": [
                        {"type": "paragraph", "value": "<p>Cartilage heals slowly.</p>"}
                    ],
                },
            }
        ],
    )
)
article.save_revision().publish()
assert client.get(f"/admin/pages/{article.id}/edit/").status_code == 200, "editor"

response = Client(HTTP_HOST="localhost").get("/api/v1/articles/knee/")
assert response.status_code == 200, response.content[:300]
assert response.json()["title"] == "Knee cartilage repair"
# The response cache's middleware, added by the README: cacheable, and revalidated.
assert "public" in response["Cache-Control"], response["Cache-Control"]
revalidated = Client(HTTP_HOST="localhost").get(
    "/api/v1/articles/knee/", HTTP_IF_NONE_MATCH=response["ETag"]
)
assert revalidated.status_code == 304, revalidated.status_code

# Translated as a translator would: the admin's "Translate this page" form.
korean = Locale.objects.get(language_code="ko")
submitted = client.post(
    reverse("wagtail_localize:submit_page_translation", args=[article.id]),
    {"locales": [korean.id]},
)
assert submitted.status_code == 302, submitted.content[:500]
ko_page = ArticlePage.objects.get(
    translation_key=article.translation_key, locale=korean
)
assert not ko_page.live, "an untranslated copy went live"
served = Client(HTTP_HOST="localhost").get("/api/v1/articles/knee/?locale=ko").json()
assert (served["locale"], served["is_fallback"]) == ("en", True), served["locale"]

with override_settings(CMS_API_CORS_ALLOWED_ORIGINS=["https://www.hospital.example"]):
    cors = Client(HTTP_HOST="localhost").get(
        "/api/v1/articles/knee/", HTTP_ORIGIN="https://www.hospital.example"
    )
assert cors["Access-Control-Allow-Origin"] == "https://www.hospital.example", "CORS"

docs = Client(HTTP_HOST="localhost").get("/api/v1/docs/")
assert docs.status_code == 200
hosts = set(re.findall(r"(?:src|href)=[\"']https?://([^/\"']+)", docs.content.decode()))
assert not hosts, f"the docs page loads from {hosts}"
schema = Client(HTTP_HOST="localhost").get("/api/v1/schema/?format=json").json()
assert schema["info"]["title"] and schema["info"]["version"] != "0.0.0", schema["info"]
print(
    "admin 200, article served and revalidated,",
    "translated in the admin and not live, CORS,",
    "docs local:",
    schema["info"],
)
