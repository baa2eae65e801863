"""Test overrides: fast password hashing, static files looked up when asked for, and tasks
run at once; nothing else differs from the real settings."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Django's test client loads the middleware for each new client, and most tests make one.
# WhiteNoise would then list every file under STATIC_ROOT each time: once `make serve` or a
# benchmark has collected the static files there, that doubled the suite's time. Looked up
# when asked for (as with DEBUG), the files are served the same. The production set-up is
# tested with its own settings (tests/serving/).
WHITENOISE_AUTOREFRESH = True

# Unit tests run each task at once, inside the enqueuing call (and the test's transaction),
# so a view that enqueues work can be checked in one request. The worker tests
# (tests/ops/test_worker_*.py) switch back to the database backend with override_settings
# and start real `manage.py worker` processes on the live database.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
