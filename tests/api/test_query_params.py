"""Query parameters are read by serializers whose fields are copied shallowly from the
class (`api.params.QueryParams`): no request's values or errors reach another's."""

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
