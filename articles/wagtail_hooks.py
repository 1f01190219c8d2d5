"""Admin wiring only: the snippets' menu entries and list views."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Clinician, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class ClinicianViewSet(SnippetViewSet):
    model = Clinician
    icon = "user"
    list_display = ["name", "credentials", "specialty", "locale"]
    search_fields = ["name"]


class ArticleSnippetsGroup(SnippetViewSetGroup):
    items = (TopicViewSet, ClinicianViewSet)
    menu_icon = "doc-full"
    menu_label = _("Article data")
    menu_name = "article-data"


register_snippet(ArticleSnippetsGroup)
