"""The ceiling: the cheapest JSON response Django can give on the same server."""

import json

from django.http import HttpResponse

PAYLOAD = json.dumps({"items": [{"id": i, "text": "x" * 40} for i in range(80)]})[:5120]
BODY = json.dumps({"data": PAYLOAD}).encode()


def ceiling(request):
    return HttpResponse(BODY, content_type="application/json")
