from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Declaration


def declaration_list(request: HttpRequest) -> HttpResponse:
    declarations = Declaration.objects.all()
    return render(request, "commitments/declaration_list.html", {"declarations": declarations})
