"""schemathesis hooks for `make reliability` (bench/reliability.py sets
SCHEMATHESIS_HOOKS to this file).

`positive_data_acceptance_of_unsigned_tokens` is schemathesis's positive_data_acceptance
("valid data should have been accepted") with one exception: the signed tokens
(`cursor`, `sync_token`, `page_token`). The document gives their format, which a
fuzzer can follow, but only the server can sign one, so the API refuses what a fuzzer
writes with a 400 naming the token, as it says it does. Every other 400 for data the
document allows is still a failure, and negative_data_rejection is untouched."""

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

UNSIGNED_TOKENS = {"cursor", "sync_token", "page_token"}
# invalid_cursor, invalid_token: not signed by this server; token_conflict: both
# sync tokens at once, which the document says is refused.
TOKEN_CODES = {"invalid_cursor", "invalid_token", "token_conflict"}


def refuses_unsigned_tokens_only(response) -> bool:
    if response.status_code != 400:
        return False
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return False
    named = set(error.get("details") or {})
    return error.get("code") in TOKEN_CODES and bool(named) and named <= UNSIGNED_TOKENS


@schemathesis.check
def positive_data_acceptance_of_unsigned_tokens(ctx, response, case):
    if refuses_unsigned_tokens_only(response):
        return None
    return positive_data_acceptance(ctx, response, case)
