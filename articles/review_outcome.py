"""Telling the medical reviewer what their approval did (published, or held for a
release): Wagtail's workflow views show no message after an action and give its task
no request, so the outcome is noted while the request runs and turned into an admin
message by `ReviewOutcomeMiddleware` (after Django's MessageMiddleware in
MIDDLEWARE; `articles.W002` says when it is missing)."""

from __future__ import annotations

import contextvars
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse

MIDDLEWARE = "articles.review_outcome.ReviewOutcomeMiddleware"
_outcomes: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "review_outcomes", default=None
)


def note_outcome(message: str) -> None:
    """Say `message` to the person whose request this is (nothing outside one)."""
    outcomes = _outcomes.get()
    if outcomes is not None:
        outcomes.append(message)


class ReviewOutcomeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _outcomes.set([])
        try:
            response = self.get_response(request)
            for message in _outcomes.get() or []:
                if hasattr(request, "_messages"):
                    messages.success(request, message)
        finally:
            _outcomes.reset(token)
        return response
