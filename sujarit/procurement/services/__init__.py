"""Every write of the procurement module: records.py (vendors, projects, bids), importing.py (files),
reviews.py (red-flag outcomes). Each verb is atomic, checks permission and writes one audit event."""
