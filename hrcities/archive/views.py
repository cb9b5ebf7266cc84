"""Stubs: being written."""

from django.http import HttpRequest, HttpResponse


def py(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_submit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_publish(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_consents(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def consent_withdraw(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_redactions(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_media_add(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def item_purge(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def media_file(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def media_thumbnail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def collection_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def collection_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def event_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def event_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def event_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def event_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def place_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def person_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
