"""Admin wiring for machine translation.

wagtail-localize's editor posts its "Translate with ..." form to
`reverse("wagtail_localize:machine_translate")`. That URL is shadowed here by the same
path, registered before wagtail-localize's own and before the roles guard
(`hooks_roles`, order -100), so the button runs `machine_views.machine_translate_view`
(bulk, with clear failure messages) while the editor's JavaScript is unchanged.
"""

from django.urls import path
from wagtail import hooks

from . import machine_views


@hooks.register("register_admin_urls", order=-200)
def register_machine_translation_urls():
    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_views.machine_translate_view,
            name="articles_machine_translate",
        ),
    ]
