"""A member's own page (phone first) and their personal calendar feed."""
