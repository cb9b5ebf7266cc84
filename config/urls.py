from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("hrcities.site.urls")),
    path("accounts/", include("hrcities.accounts.urls")),
    path("work/", include("hrcities.work.urls")),
    path("taxonomy/", include("hrcities.taxonomy.urls")),
    path("network/", include("hrcities.network.urls")),
    path("declarations/", include("hrcities.commitments.urls")),
    path("archive/", include("hrcities.archive.urls")),
    path("indicators/", include("hrcities.indicators.urls")),
    path("education/", include("hrcities.education.urls")),
    path("emergency/", include("hrcities.emergency.urls")),
    path("reports/", include("hrcities.reports.urls")),
    path("search/", include("hrcities.search.urls")),
    path("oai", include("hrcities.archive.oai_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
handler404 = "hrcities.site.views.not_found"
