from django.urls import path  # noqa: F401

from . import fee_views, flag_views, own_views, views  # noqa: F401

urlpatterns = [
    # Meetings, attendance, minutes, resolution tasks (views.py)
    # Party fees (fee_views.py)
    # Charter flags (flag_views.py)
    # A member's own page and calendar feed (own_views.py)
]
