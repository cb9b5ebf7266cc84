"""Stubs: being written."""

from django.http import HttpRequest, HttpResponse


def py(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def timeline(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def map_view(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def map_data(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_print(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_pdf(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
