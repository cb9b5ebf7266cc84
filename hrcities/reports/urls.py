from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="report-index"),
    path("<slug:city>/<int:year>/", views.report_detail, name="report-detail"),
    path("<slug:city>/<int:year>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<slug:city>/<int:year>/foreword/", views.foreword_edit, name="foreword-edit"),
]
