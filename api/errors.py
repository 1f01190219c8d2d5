"""Every error is JSON: {"error": {"code", "message", "details"}}. Never an HTML page,
never a traceback."""

import logging
import sys

from django.core.exceptions import PermissionDenied
from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response

from .cors import add_cors_headers

logger = logging.getLogger(__name__)

MESSAGES = {
    400: "The request has a bad parameter.",
    404: "Not found.",
    405: "Method not allowed.",
    406: "Only application/json responses are available.",
    429: "Too many requests.",
    500: "Internal error. The problem has been logged.",
    503: "The service is unavailable. Try again shortly.",
}


def error_body(status_code: int, code: str, message: str, details=None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def exception_handler(exc, context) -> Response:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    if isinstance(exc, exceptions.APIException):
        status_code = exc.status_code
        headers = {}
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            headers["Retry-After"] = str(int(exc.wait) + 1)
        details = exc.detail if isinstance(exc.detail, dict | list) else {}
        if isinstance(exc, exceptions.ValidationError):
            message = (
                "; ".join(
                    f"{field}: {' '.join(str(m) for m in msgs)}"
                    for field, msgs in (
                        exc.detail.items() if isinstance(exc.detail, dict) else []
                    )
                )
                or MESSAGES[400]
            )
            code = first_code(exc) or "invalid"
        else:
            message = str(exc.detail) if not details else MESSAGES.get(status_code, "")
            code = exc.default_code
        response = Response(
            error_body(status_code, code, message, details),
            status=status_code,
            headers=headers,
        )
    elif is_database_outage(exc):
        return database_unavailable()
    else:
        logger.exception("Unhandled API error", exc_info=exc)
        response = Response(
            error_body(500, "server_error", MESSAGES[500]),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    response["Cache-Control"] = "no-store"
    return response


def first_code(exc: exceptions.ValidationError) -> str | None:
    codes = exc.get_codes()
    while isinstance(codes, dict | list):
        if not codes:
            return None
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Unknown URLs under /api/ answer in JSON too (readable cross-origin)."""
    return add_cors_headers(
        request,
        JsonResponse(
            error_body(404, "not_found", MESSAGES[404]),
            status=404,
            headers={"Cache-Control": "no-store"},
        ),
    )


# How long a client should wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 5


def is_database_outage(exc: BaseException | None) -> bool:
    """The database cannot be reached (stopped, restarting, connection dropped), as
    opposed to a query that is wrong: the first is a 503 to retry, the second a bug."""
    return isinstance(exc, OperationalError | InterfaceError)


def database_unavailable() -> JsonResponse:
    logger.warning("Database unavailable; answering 503")
    return JsonResponse(
        error_body(503, "database_unavailable", MESSAGES[503]),
        status=503,
        headers={"Cache-Control": "no-store", "Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def server_error(request, *args, **kwargs):
    """The host's handler500: API requests get a JSON body (503 when the database is
    out of reach) even when the failure happened in middleware, before any view ran;
    other requests get Django's own page."""
    from .middleware import is_api_path

    if not is_api_path(request.path_info):
        return defaults.server_error(request, *args, **kwargs)
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable()
    return JsonResponse(
        error_body(500, "server_error", MESSAGES[500]),
        status=500,
        headers={"Cache-Control": "no-store"},
    )
