"""Pages: meetings, attendance, minutes, resolution tasks."""
