from django.urls import path

from . import views

urlpatterns = [
    path("members/", views.member_list, name="member-list"),
    path("members/<str:card_number>/", views.member_detail, name="member-detail"),
    *(
        path(
            f"members/<str:card_number>/{action}/",
            views.member_change,
            {"action": action},
            name=f"member-{action}",
        )
        for action in views.DONE
    ),
    path(
        "members/<str:card_number>/positions/<int:pk>/end/",
        views.position_end,
        name="member-position-end",
    ),
    path("units/<str:code>/members/new/", views.member_create, name="member-create"),
]
