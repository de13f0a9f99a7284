"""The production settings with the yardstick page added, for the app servers `loadtest` starts."""

from kaltengkop.settings import *  # noqa: F403

ROOT_URLCONF = "reports.bench_urls"
