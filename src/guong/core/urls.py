from django.urls import path, re_path

from . import views

urlpatterns = [
    path("import/", views.import_page, name="import"),
    re_path(
        r"^export/members\.(?P<file_format>xlsx|csv)$", views.export_members, name="export-members"
    ),
    re_path(r"^export/units\.(?P<file_format>xlsx|csv)$", views.export_units, name="export-units"),
]
