"""Test overrides: fast password hashing, nothing else differs from the real settings."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Unit tests run each task at once, inside the enqueuing call (and the test's transaction),
# so a view that enqueues work can be checked in one request. The worker tests
# (tests/ops/test_worker_*.py) switch back to the database backend with override_settings
# and start real `manage.py worker` processes on the live database.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
