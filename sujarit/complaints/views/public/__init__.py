"""Pages anyone may open: general complaints, the corruption channel, statistics, Open311."""
