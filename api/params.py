"""Query parameters, validated with clear messages naming the parameter.

What is accepted here is what the OpenAPI document says (`api.schema` puts the same
patterns and bounds in it): a value the document allows is accepted, any other is a
400. The patterns the server matches mean the same to Python's `re` (with `fullmatch`)
and to ECMA-262, the document's dialect: they avoid `\\d`, `\\w` and `\\s`, whose
meanings differ."""

import copy
import re
from functools import lru_cache

from django.core.validators import ProhibitNullCharactersValidator
from rest_framework import serializers

from articles.locales import MAX_TAG_LENGTH, content_language_codes
from articles.models.review import REVIEW_STATUSES

ORDERINGS = ["-first_published_at", "first_published_at", "title", "-last_reviewed"]
MAX_PAGE_SIZE = 100
MAX_SEARCH_LENGTH = 200
MAX_TOKEN_LENGTH = 2000
MAX_PATH_LENGTH = 2048
# An absolute URL path: starts with /, no control characters, spaces, query or
# fragment (percent-encoded or not).
PATH_PATTERN = r"^/[^\x00-\x20?#\x7f]*$"

# Page and topic slugs: Python's `[-\w]` (Django's unicode slugs) is exactly these
# Unicode categories, which ECMA-262 names with property escapes.
SLUG_PATTERN = r"^[-_\p{L}\p{N}]+$"
# Text with something in it other than spaces, and no control characters but tab,
# line feed and carriage return (a search box may paste them).
TEXT_PATTERN = r"^[\t\n\r ]*[^\x00-\x20][^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
# What django.core.signing makes: [.]payload:timestamp:signature, URL-safe base64.
SIGNED_VALUE_PATTERN = r"^\.?[-_A-Za-z0-9]+:[A-Za-z0-9]+:[-_A-Za-z0-9]+$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
INTEGER_PATTERN = r"^-?[0-9]+$"


def has_control_characters(value: str, *, allow_whitespace: bool = True) -> bool:
    allowed = "\t\n\r" if allow_whitespace else ""
    return any(ord(ch) < 32 and ch not in allowed for ch in value)


def matching(pattern: str, message: str, *, code: str = "invalid"):
    """A validator for a whole value (Django's RegexValidator searches, and `$`
    matches before a final newline)."""
    compiled = re.compile(pattern)

    def validate(value: str) -> str:
        if not compiled.fullmatch(value):
            raise serializers.ValidationError(message, code=code)
        return value

    return validate


def either_case(text: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in text)


# RFC 5646 after the language and script, as langcodes parses it: region, variants,
# extensions, private use.
TAG_TAIL = (
    r"(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:[-_](?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:[-_][0-9A-WYZa-wyz](?:[-_][A-Za-z0-9]{2,8})+)*"
    r"(?:[-_][Xx](?:[-_][A-Za-z0-9]{1,8})+)?"
)


def locale_pattern() -> str:
    """The BCP 47 tags `articles.locales.content_locale_for` resolves: a content
    language, then any script (or, when every content locale of the language names
    one, such as zh-hans and zh-hant, one of those), region, variants and extensions,
    in either case and with `-` or `_`."""
    return _locale_pattern(tuple(content_language_codes()))


@lru_cache(maxsize=8)
def _locale_pattern(codes: tuple[str, ...]) -> str:
    scripts: dict[str, set[str] | None] = {}  # by language; None: any script
    for code in codes:
        language, *subtags = code.lower().replace("_", "-").split("-")
        script = next((s for s in subtags if len(s) == 4 and s.isalpha()), None)
        if script is None or scripts.get(language, set()) is None:
            scripts[language] = None
        else:
            scripts.setdefault(language, set()).add(script)

    def one_of(words) -> str:
        return "(?:" + "|".join(either_case(word) for word in sorted(words)) + ")"

    anyscript = [language for language, named in scripts.items() if named is None]
    heads = [f"{one_of(anyscript)}(?:[-_][A-Za-z]{{4}})?"] if anyscript else []
    heads += [
        f"{one_of([language])}(?:[-_]{one_of(named)})?"
        for language, named in scripts.items()
        if named is not None
    ]
    return f"^(?:{'|'.join(heads)}){TAG_TAIL}$"


def content_locale_tag(value: str) -> str:
    if not re.fullmatch(locale_pattern(), value):
        raise serializers.ValidationError(
            f"Not a language tag of a content locale. Supported: "
            f"{', '.join(content_language_codes())}.",
            code="unknown_locale",
        )
    return value


def locale_field() -> serializers.CharField:
    return serializers.CharField(
        required=False,
        max_length=MAX_TAG_LENGTH,
        trim_whitespace=False,
        validators=[content_locale_tag],
    )


def signed_token_field(code: str) -> serializers.CharField:
    """Malformed tokens are refused like tampered ones, with the same code."""
    return serializers.CharField(
        required=False,
        max_length=MAX_TOKEN_LENGTH,
        trim_whitespace=False,
        validators=[
            matching(SIGNED_VALUE_PATTERN, "Not a token of this API.", code=code)
        ],
    )


class IntegerParam(serializers.IntegerField):
    """Decimal digits only: DRF also reads `5.0`, ` 5` and `٥` as 5."""

    def to_internal_value(self, data):
        if not (isinstance(data, str) and re.fullmatch(INTEGER_PATTERN, data)):
            self.fail("invalid")
        return super().to_internal_value(data)


class BooleanParam(serializers.BooleanField):
    """`true` or `false`, as the document's booleans are written in a query string;
    DRF also reads yes, on, 1, True..."""

    def to_internal_value(self, data):
        if data not in ("true", "false"):
            self.fail("invalid")
        return data == "true"


class DateParam(serializers.DateField):
    """YYYY-MM-DD (RFC 3339's full-date) only: Python also reads 20260914 and week
    dates."""

    def to_internal_value(self, value):
        if not (isinstance(value, str) and re.fullmatch(DATE_PATTERN, value)):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value)


class QueryParams(serializers.Serializer):
    """A query string read as the document describes it: a parameter sent empty
    (`?page_size=`) is validated as the empty string it is, where DRF would take it
    for absent, like an empty field of an HTML form. Of repeated parameters, the
    last counts."""

    def __init__(self, data, **kwargs):
        super().__init__(data=data.dict() if hasattr(data, "dict") else data, **kwargs)

    @classmethod
    def validated(cls, query) -> dict:
        """The query's values as validated, or a ValidationError naming each bad
        parameter. Validation is a function of the query and the content languages
        alone, so valid queries are remembered: a listing asked for again (after a
        publish made its cached response stale, say) is not validated again."""
        data = query.dict() if hasattr(query, "dict") else dict(query)
        items = tuple(sorted(data.items()))
        return dict(_validated(cls, tuple(content_language_codes()), items))

    def get_fields(self) -> dict[str, serializers.Field]:
        # Shallow copies of the declared fields, where DRF deep-copies them: that was
        # a sixth of an uncached listing's time, and these fields keep no state of a
        # request (each copy is bound to its own serializer; their validators and
        # choices are only read).
        return {name: copy.copy(field) for name, field in self._declared_fields.items()}


@lru_cache(maxsize=1024)
def _validated(params: type[QueryParams], languages: tuple[str, ...], items: tuple):
    # `languages` is part of the key only: the locale pattern is built from them.
    serializer = params(data=dict(items))
    serializer.is_valid(raise_exception=True)  # refusals are not remembered
    return serializer.validated_data


class ArticleListParams(QueryParams):
    locale = locale_field()
    topic = serializers.SlugField(
        required=False, max_length=100, allow_unicode=True, trim_whitespace=False
    )
    search = serializers.CharField(
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        trim_whitespace=False,
        validators=[matching(TEXT_PATTERN, "Blank, or with control characters.")],
    )
    reviewed_after = DateParam(required=False)
    review_status = serializers.ChoiceField(choices=REVIEW_STATUSES, required=False)
    ordering = serializers.ChoiceField(choices=ORDERINGS, required=False)
    page_size = IntegerParam(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=20
    )
    fallback = BooleanParam(required=False, default=False)
    cursor = signed_token_field("invalid_cursor")
    path = serializers.CharField(
        required=False,
        max_length=MAX_PATH_LENGTH,
        trim_whitespace=False,
        validators=[matching(PATH_PATTERN, "A URL path such as /ko/stem-cells/.")],
    )


class LocaleParams(QueryParams):
    locale = locale_field()


class SyncParams(QueryParams):
    locale = locale_field()
    sync_token = signed_token_field("invalid_token")
    page_token = signed_token_field("invalid_token")
    page_size = IntegerParam(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=MAX_PAGE_SIZE
    )

    def validate(self, data):
        if "sync_token" in data and "page_token" in data:
            raise serializers.ValidationError(
                {"page_token": ["Send either sync_token or page_token, not both."]},
                code="token_conflict",
            )
        return data


class PreviewTokenField(serializers.CharField):
    """Any text up to the length limit, NUL included: `api.preview` answers every
    token it did not sign, blank or malformed, with a 401 like an expired one. Only
    a missing or overlong token is a bad parameter."""

    def __init__(self):
        super().__init__(
            max_length=MAX_TOKEN_LENGTH, allow_blank=True, trim_whitespace=False
        )
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]


class PreviewParams(QueryParams):
    token = PreviewTokenField()
    page = IntegerParam(required=False, min_value=1)
