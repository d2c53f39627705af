"""The desk: the admin site as the office's home for staff (site.py), the work it lists by
role (sections.py), and the admin app configuration that installs it (apps.py)."""
