"""E-mails to members: meeting announcements and reminders for meetings, fees and overdue tasks."""


def announce_meeting(meeting_id: int) -> int:
    return 0
