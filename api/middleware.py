from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus what it does to API responses: with pages under
    i18n_patterns it would turn an API 404 into a redirect to /en/api/..., and add
    `Vary: Accept-Language` even when `?locale=` decided the language. The API sets
    its own Content-Language and Vary; responses that are not about one locale (the
    locale list, errors) are in English."""

    def process_response(self, request, response):
        match = getattr(request, "resolver_match", None)
        if match is not None and "api" in match.namespaces:
            response.headers.setdefault("Content-Language", "en")
            return response
        return super().process_response(request, response)
