from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog, set_language

from guong.api import api, unknown_path

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", unknown_path),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("guong.accounts.urls")),
    path("", include("guong.org.urls")),
    path("", include("guong.members.urls")),
    path("", include("guong.meetings.urls")),
    path("", include("guong.documents.urls")),
    path("", include("guong.commitments.urls")),
    path("", include("guong.core.urls")),
]
