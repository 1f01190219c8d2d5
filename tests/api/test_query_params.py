"""Query parameters are read by serializers whose fields are copied shallowly from the
class (`api.params.QueryParams`): no request's values or errors reach another's. A
valid query is validated once (`QueryParams.validated`)."""

import pytest
from rest_framework.exceptions import ValidationError

from api.params import ArticleListParams


def test_two_readings_at_once_keep_their_own_values_and_errors():
    good = ArticleListParams(data={"page_size": "5", "search": "stem"})
    bad = ArticleListParams(data={"page_size": "0", "ordering": "sideways"})
    assert not bad.is_valid()
    assert good.is_valid(), good.errors
    assert set(bad.errors) == {"page_size", "ordering"}
    assert good.validated_data["page_size"] == 5
    assert good.validated_data["search"] == "stem"
    assert good.fields["page_size"].parent is good
    assert bad.fields["page_size"].parent is bad
    # The class's declared fields are never bound to a request's serializer.
    assert (
        getattr(ArticleListParams._declared_fields["page_size"], "parent", None) is None
    )


def test_defaults_are_fresh_for_every_reading():
    first = ArticleListParams(data={})
    assert first.is_valid()
    first.validated_data["page_size"] = 99
    second = ArticleListParams(data={})
    assert second.is_valid()
    assert second.validated_data["page_size"] == 20
    assert second.validated_data["fallback"] is False


def test_a_valid_query_is_validated_once_and_its_values_are_the_callers_own(
    monkeypatch,
):
    validations = []
    original = ArticleListParams.is_valid

    def counted(self, **kwargs):
        validations.append(self.initial_data)
        return original(self, **kwargs)

    monkeypatch.setattr(ArticleListParams, "is_valid", counted)
    query = {"page_size": "7", "search": "spine", "locale": "ko"}
    first = ArticleListParams.validated(query)
    first["page_size"] = 99
    second = ArticleListParams.validated(dict(reversed(query.items())))
    assert second["page_size"] == 7
    assert second["search"] == "spine"
    assert len(validations) == 1


def test_a_refused_query_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(ValidationError) as refused:
            ArticleListParams.validated({"page_size": "0"})
        assert set(refused.value.detail) == {"page_size"}


def test_a_remembered_query_follows_the_content_languages(settings):
    assert ArticleListParams.validated({"locale": "ja"})["locale"] == "ja"
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("ko", "Korean")]
    with pytest.raises(ValidationError):
        ArticleListParams.validated({"locale": "ja"})
