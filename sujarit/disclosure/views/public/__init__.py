"""Public pages of the disclosure module (no sign-in)."""
