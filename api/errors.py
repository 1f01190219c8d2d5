"""Every error is JSON: {"error": {"code", "message", "details"}}. Never an HTML page,
never a traceback."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response

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
    """Unknown URLs under /api/ answer in JSON too."""
    return JsonResponse(
        error_body(404, "not_found", MESSAGES[404]),
        status=404,
        headers={"Cache-Control": "no-store"},
    )
