"""The reviewers' web page: `yoydiff serve` (app.py) over the session's jobs (jobs.py)."""
