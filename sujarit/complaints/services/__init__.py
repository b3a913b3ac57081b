"""Every write of the complaints module, one verb module per use case.

cases (the parts every case shares, called inside a verb's transaction), workflow (state,
assignment, replies, notes of both channels), general (general grievances), intake (the corruption
reporter's side), integrity (the integrity officers' side), keys (officers' and cases' keys),
configure (policy and categories), holidays (days off), satisfaction, retention (PDPA purge) and
daily (the daily run of the 15-day rule, run by `sujarit complaints daily`).
"""
