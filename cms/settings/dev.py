"""Local development: `make run`. DEBUG on unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = (
    env.str("DJANGO_SECRET_KEY", default="")
    or "dev-only-insecure-key-never-use-in-production"
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# runserver serves static files from the apps in development; WhiteNoise serves the
# collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
CMS_MACHINE_TRANSLATION = env.str("CMS_MACHINE_TRANSLATION", default="dummy")
