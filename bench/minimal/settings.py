"""The production settings with the benchmark's baseline view added under /minimal/."""

from supportcheck.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.minimal"]  # noqa: F405
ROOT_URLCONF = "bench.minimal.urls"
