import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, the apps and, with the URLconf, their views)
# lives as long as the worker: frozen, it is left out of the collections that
# requests' allocations set off, which walked it every time and took about a tenth of
# an uncached search's instructions.
get_resolver().url_patterns  # noqa: B018 - imports the views
gc.collect()
gc.freeze()
