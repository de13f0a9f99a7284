"""The app servers' collector leaves start-up objects alone and looks less often."""

import gc
from pathlib import Path

from kaltengkop import collector


def test_tuning_freezes_what_exists_and_raises_the_thresholds():
    thresholds = gc.get_threshold()
    try:
        collector.tune()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == collector.THRESHOLDS
        assert collector.THRESHOLDS[0] > thresholds[0]
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_the_gunicorn_workers_tune_the_collector_once_the_app_is_loaded(monkeypatch):
    calls = []
    monkeypatch.setattr(collector, "tune", lambda: calls.append("tuned"))
    namespace = {}
    exec((Path(collector.__file__).parent / "deploy" / "gunicorn.conf.py").read_text(), namespace)
    namespace["post_worker_init"](worker=None)
    assert calls == ["tuned"]


def test_the_bench_tunes_the_collector_only_while_it_runs():
    thresholds = gc.get_threshold()
    with collector.tuned():
        assert gc.get_threshold() == collector.THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0
