import pytest

pytestmark = pytest.mark.django_db


def test_locales_lists_every_enabled_locale_with_direction_and_fallbacks(api):
    response = api.get("/api/v1/locales/")
    assert response.status_code == 200
    data = response.json()
    assert data["default"] == "en"
    assert [locale["code"] for locale in data["locales"]] == [
        "en",
        "ko",
        "zh-hans",
        "zh-hant",
        "ja",
        "ru",
        "vi",
        "ar",
    ]
    by_code = {locale["code"]: locale for locale in data["locales"]}
    assert by_code["ar"] == {
        "code": "ar",
        "name": "Arabic",
        "native_name": "العربيّة",
        "direction": "rtl",
        "fallbacks": ["en"],
    }
    assert by_code["zh-hant"]["fallbacks"] == ["zh-hans", "en"]
    assert by_code["en"]["fallbacks"] == []
