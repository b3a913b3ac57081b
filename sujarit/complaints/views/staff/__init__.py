"""The back office: both channels' inboxes and cases, the summary reports, the settings."""
