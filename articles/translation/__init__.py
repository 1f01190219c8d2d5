"""The translation workflow around wagtail-localize: machine translation, keeping
translations in step with their source, agency file exchange, roles and review."""
