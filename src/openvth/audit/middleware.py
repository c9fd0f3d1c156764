"""A request id for every request: taken from the client's X-Request-ID when that is a UUID, else made here; echoed
back, and stored with every audit event and access-log row of the request.

Only a UUID (with or without hyphens, as a proxy such as nginx's `$request_id` sends it) is accepted: the id lands
in the audit trail, so a client must not be able to write words, markup or line breaks into it. `fullmatch`, not
`match` with `$`, which would let a trailing newline through.

After a 403 or 404 the refused attempt on a record addressed in the URL is logged here, once for API, web pages
and downloads (`services.log_geweigerd_verzoek`).
"""

import re
import uuid

from .services import huidige_request_id, log_geweigerd_verzoek

_GELDIG = re.compile(r"[0-9a-fA-F]{8}(-?)[0-9a-fA-F]{4}\1[0-9a-fA-F]{4}\1[0-9a-fA-F]{4}\1[0-9a-fA-F]{12}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        opgegeven = request.headers.get("X-Request-ID", "")
        request.id = opgegeven if _GELDIG.fullmatch(opgegeven) else uuid.uuid4().hex
        token = huidige_request_id.set(request.id)
        try:
            response = self.get_response(request)
            if response.status_code in (403, 404):
                log_geweigerd_verzoek(request, response.status_code)
        finally:
            huidige_request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response
