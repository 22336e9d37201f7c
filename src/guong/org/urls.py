from django.urls import path

from . import views

urlpatterns = [
    path("units/", views.unit_tree, name="unit-tree"),
    path("units/<str:code>/", views.unit_detail, name="unit-detail"),
    path("units/<str:code>/children/", views.unit_children, name="unit-children"),
    *(
        path(
            f"units/<str:code>/{action}/",
            views.unit_restructure,
            {"action": action},
            name=f"unit-{action}",
        )
        for action in ("rename", "move", "merge", "dissolve")
    ),
]
