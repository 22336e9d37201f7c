"""Background work for cell life (django-tasks): announcements and reminders by e-mail."""

from django_tasks import task


@task()
def announce_meeting(meeting_id: int) -> int:
    """E-mail the members of the meeting's unit that it is planned; returns how many were sent."""
    from .reminders import announce_meeting as send

    return send(meeting_id)
