"""`make run`: DEBUG on, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
# `make run` prints demo logins to try every role at once; an authenticator app would stand in
# the way. Set NEWSROOM_REQUIRE_MFA=true to try the two-step sign-in locally.
NEWSROOM_REQUIRE_MFA = env_bool("NEWSROOM_REQUIRE_MFA", default=False)
# Workflow e-mails appear in the terminal of `make run` unless a mail server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
