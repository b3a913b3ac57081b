"""Every write of the survey engine, one file per use case (verbs: atomic, permission, audit)."""
