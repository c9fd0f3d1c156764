"""A request id for every request: taken from a well-formed X-Request-ID or made here, echoed back."""

import re
import uuid
from contextvars import ContextVar

huidige_request_id: ContextVar[str] = ContextVar("openvth_request_id", default="")
_GELDIG = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        opgegeven = request.headers.get("X-Request-ID", "")
        request.id = opgegeven if _GELDIG.match(opgegeven) else uuid.uuid4().hex
        token = huidige_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            huidige_request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response
