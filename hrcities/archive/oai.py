"""Stub: OAI-PMH 2.0 endpoint being written."""

from django.http import HttpRequest, HttpResponse


def endpoint(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=501)
