"""Machine translation providers reached over HTTP (DeepL, Google Cloud Translation
v2, LibreTranslate), and a quicker copy of wagtail-localize's dummy for development and
tests; all wagtail-localize translators, configured by its
`WAGTAILLOCALIZE_MACHINE_TRANSLATOR` setting (CLASS + OPTIONS), asked in batches within
each provider's limits, and failing in one way only, `MachineTranslationError`, with a
message for the translator.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import requests
from django.utils.translation import gettext as _
from wagtail_localize.machine_translators import dummy
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .glossaries import deepl_glossary_id


class MachineTranslationError(Exception):
    """A provider could not translate; `str(error)` says why, in the translator's
    words, and nothing has been written."""


class DummyTranslator(dummy.DummyTranslator):
    """wagtail-localize's dummy (each text's words in reverse order), without parsing
    text that has no markup as HTML: the same answers, several times faster."""

    def translate(self, source_locale, target_locale, strings):
        return {
            string: StringValue(
                dummy.translate_html(string.data)
                if any(character in string.data for character in "<>&")
                else dummy.translate_string(string.data)
            )
            for string in strings
        }


class HTTPMachineTranslator(BaseMachineTranslator):
    """A provider reached over HTTP with `requests`. OPTIONS: API_KEY, BASE_URL (so
    tests and self-hosted services can point elsewhere), TIMEOUT (seconds, per
    request), LANGUAGE_CODES (locale code -> provider code, overriding the defaults).

    Texts are sent as wagtail-localize's inline HTML (`<b>`, `<a id="a1">`, `<br>`),
    which each provider is asked to keep as markup."""

    default_base_url = ""
    path = ""
    max_texts = 50  # texts per request
    max_bytes = 100_000  # bytes of JSON-encoded text per request
    default_timeout = 10.0
    language_codes: dict[str, str] = {}

    @property
    def api_key(self) -> str:
        return self.options.get("API_KEY") or ""

    @property
    def base_url(self) -> str:
        return (self.options.get("BASE_URL") or self.default_base_url).rstrip("/")

    @property
    def timeout(self) -> float:
        return float(self.options.get("TIMEOUT") or self.default_timeout)

    def provider_language(self, code: str) -> str:
        code = code.lower()
        overrides = self.options.get("LANGUAGE_CODES") or {}
        if code in overrides:
            return overrides[code]
        return self.language_codes.get(code, code.split("-")[0])

    def target_language(self, code: str) -> str:
        return self.provider_language(code)

    def batch_size(self) -> int:
        """OPTIONS BATCH_SIZE may lower the provider's limit, never raise it."""
        return min(
            int(self.options.get("BATCH_SIZE") or self.max_texts), self.max_texts
        )

    def can_translate(self, source_locale, target_locale) -> bool:
        return self.provider_language(
            source_locale.language_code
        ) != self.provider_language(target_locale.language_code)

    def translate(
        self, source_locale, target_locale, strings: Iterable[StringValue]
    ) -> dict[StringValue, StringValue]:
        source = self.provider_language(source_locale.language_code)
        target = self.target_language(target_locale.language_code)
        translated: dict[StringValue, StringValue] = {}
        with requests.Session() as session:
            for batch in batches(list(strings), self.batch_size(), self.max_bytes):
                texts = [string.data for string in batch]
                answer = self.post(session, self.payload(source, target, texts))
                try:
                    results = self.read(answer)
                    readable = (
                        isinstance(results, list)
                        and len(results) == len(texts)
                        and all(isinstance(text, str) for text in results)
                    )
                except (KeyError, IndexError, TypeError):
                    readable = False
                if not readable:
                    raise self.error(
                        _("%(provider)s returned an answer we could not read.")
                    )
                translated.update(zip(batch, map(StringValue, results), strict=True))
        return translated

    def payload(self, source: str, target: str, texts: list[str]) -> dict:
        raise NotImplementedError

    def headers(self) -> dict[str, str]:
        return {}

    def read(self, answer: Any) -> list[str]:
        """The translated texts in the parsed JSON `answer`, in request order."""
        raise NotImplementedError

    def error(self, message: str, **values) -> MachineTranslationError:
        return MachineTranslationError(
            message % {"provider": self.display_name, **values}
        )

    def post(self, session: requests.Session, payload: dict) -> Any:
        return self.send(session, "POST", self.path, payload)

    def send(
        self, session: requests.Session, method: str, path: str, payload: dict | None
    ) -> Any:
        """`payload` as JSON to `path`; the parsed answer (None when empty)."""
        if not self.base_url:
            raise self.error(_("%(provider)s has no address configured (BASE_URL)."))
        url = self.base_url + path
        try:
            response = session.request(
                method, url, json=payload, headers=self.headers(), timeout=self.timeout
            )
        except requests.Timeout as exc:
            raise self.error(
                _("%(provider)s did not answer within %(seconds)s seconds."),
                seconds=f"{self.timeout:g}",
            ) from exc
        except requests.ConnectionError as exc:
            raise self.error(
                _("%(provider)s could not be reached at %(host)s."),
                host=urlsplit(url).netloc,
            ) from exc
        except requests.RequestException as exc:
            raise self.error(
                _("%(provider)s could not be asked: %(reason)s"), reason=exc
            ) from exc
        if response.status_code >= 400:
            raise self.http_error(response)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise self.error(
                _("%(provider)s returned an answer we could not read.")
            ) from exc

    def http_error(self, response: requests.Response) -> MachineTranslationError:
        status = response.status_code
        if status in (401, 403):
            reason = _("check the API key")
        elif status == 456:  # DeepL's "quota exceeded"
            reason = _("the translation quota is used up")
        elif status == 429:
            reason = _("too many requests; try again in a minute")
        elif status in (413, 414):
            reason = _("the text is too long for one request")
        elif status >= 500:
            return self.error(
                _(
                    "%(provider)s is not working right now (HTTP %(status)s); "
                    "try again later."
                ),
                status=status,
            )
        else:
            reason = error_detail(response) or _("the request was not accepted")
        return self.error(
            _("%(provider)s refused the request (HTTP %(status)s): %(reason)s."),
            status=status,
            reason=reason,
        )


class DeepLTranslator(HTTPMachineTranslator):
    """DeepL API v2. Free-plan keys (ending in ':fx') use the free endpoint. OPTIONS
    also accept wagtail-localize's AUTH_KEY, and FORMALITY."""

    display_name = "DeepL"
    path = "/v2/translate"
    max_texts = 50  # DeepL's limit
    max_bytes = 120_000  # DeepL refuses request bodies over 128 KiB
    # DeepL wants a regional English and Portuguese, and script-tagged Chinese targets.
    target_codes = {
        "en": "EN-US",
        "pt": "PT-PT",
        "pt-br": "PT-BR",
        "en-gb": "EN-GB",
        "zh-hans": "ZH-HANS",
        "zh-hant": "ZH-HANT",
    }

    @property
    def api_key(self) -> str:
        return self.options.get("API_KEY") or self.options.get("AUTH_KEY") or ""

    @property
    def default_base_url(self) -> str:
        if self.api_key.endswith(":fx"):
            return "https://api-free.deepl.com"
        return "https://api.deepl.com"

    def provider_language(self, code: str) -> str:
        return super().provider_language(code).upper()

    def target_language(self, code: str) -> str:
        overridden = code.lower() in (self.options.get("LANGUAGE_CODES") or {})
        if overridden or code.lower() not in self.target_codes:
            return self.provider_language(code)
        return self.target_codes[code.lower()]

    glossary_id: str | None = None

    def translate(self, source_locale, target_locale, strings):
        """With the termbase's glossary for the pair (made or remade first)."""
        with requests.Session() as session:
            self.glossary_id = deepl_glossary_id(
                source_locale=source_locale,
                target_locale=target_locale,
                source_code=self.provider_language(source_locale.language_code),
                target_code=self.provider_language(target_locale.language_code),
                request=lambda method, path, payload: self._glossary_request(
                    session, method, path, payload
                ),
            )
        return super().translate(source_locale, target_locale, strings)

    def _glossary_request(self, session, method: str, path: str, payload):
        if method == "DELETE":
            try:
                return self.send(session, method, path, payload)
            except MachineTranslationError:
                return None  # an old glossary left behind is harmless
        return self.send(session, method, path, payload)

    def payload(self, source, target, texts):
        payload = {
            "text": texts,
            "source_lang": source,
            "target_lang": target,
            "tag_handling": "html",
        }
        if self.glossary_id:
            payload["glossary_id"] = self.glossary_id
        if formality := self.options.get("FORMALITY"):
            payload["formality"] = formality
        return payload

    def headers(self):
        return {"Authorization": f"DeepL-Auth-Key {self.api_key}"}

    def read(self, answer):
        return [item["text"] for item in answer["translations"]]


class GoogleTranslator(HTTPMachineTranslator):
    """Google Cloud Translation v2 (basic) over REST with an API key: no Google client
    libraries needed. The key travels in a header, not in the URL."""

    display_name = "Google Translate"
    default_base_url = "https://translation.googleapis.com"
    path = "/language/translate/v2"
    max_texts = 128  # Google's limit
    max_bytes = 30_000  # small requests: Google limits the size of each
    language_codes = {"zh-hans": "zh-CN", "zh-hant": "zh-TW"}

    def payload(self, source, target, texts):
        return {"q": texts, "source": source, "target": target, "format": "html"}

    def headers(self):
        return {"X-Goog-Api-Key": self.api_key}

    def read(self, answer):
        return [item["translatedText"] for item in answer["data"]["translations"]]


class LibreTranslateTranslator(HTTPMachineTranslator):
    """A LibreTranslate server (usually self-hosted: BASE_URL is required). OPTIONS
    also accept wagtail-localize's LIBRETRANSLATE_URL; API_KEY only if the server asks
    for one."""

    display_name = "LibreTranslate"
    path = "/translate"
    max_texts = 50  # a server's --batch-limit may be lower: OPTIONS BATCH_SIZE
    language_codes = {"zh-hans": "zh", "zh-hant": "zt"}

    @property
    def base_url(self) -> str:
        url = self.options.get("BASE_URL") or self.options.get("LIBRETRANSLATE_URL")
        return (url or "").rstrip("/")

    def payload(self, source, target, texts):
        payload = {"q": texts, "source": source, "target": target, "format": "html"}
        if self.api_key:
            payload["api_key"] = self.api_key
        return payload

    def read(self, answer):
        return answer["translatedText"]


def batches(
    strings: list[StringValue], max_texts: int, max_bytes: int
) -> Iterator[list[StringValue]]:
    """`strings` in order, cut into requests of at most `max_texts` texts and
    `max_bytes` bytes as sent (JSON: non-ASCII text takes 6 bytes a character); a
    longer text goes alone."""
    batch: list[StringValue] = []
    size = 0
    for string in strings:
        length = len(json.dumps(string.data))
        if batch and (len(batch) >= max_texts or size + length > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(string)
        size += length
    if batch:
        yield batch


def error_detail(response: requests.Response) -> str:
    """The provider's own short explanation of a refusal, if it gave one."""
    try:
        body = response.json()
    except ValueError:
        return ""
    detail = body.get("message") or body.get("error") if isinstance(body, dict) else ""
    if isinstance(detail, dict):
        detail = detail.get("message", "")
    return str(detail or "")[:200].rstrip(".")
