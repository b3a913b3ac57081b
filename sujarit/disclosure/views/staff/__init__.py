"""Back-office pages of the disclosure module (staff, by permission)."""
