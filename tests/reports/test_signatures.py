"""The tables read each function's signature once, and read it as django-tables2 itself does."""

from django_tables2 import utils

from reports import signatures
from reports.tables import BureauTable


class Table:
    def render(self, value, record):
        return value

    @classmethod
    def make(cls, data, **extra):
        return data

    @staticmethod
    def check(record):
        return record


def test_the_tables_use_the_remembered_signature():
    assert utils.signature is signatures.signature


def test_signatures_are_the_ones_django_tables2_reads():
    table = Table()
    for fn in [
        table.render,
        Table.make,
        table.check,
        lambda record: record,
        lambda *args, **kwargs: None,
        BureauTable.render_name,
        BureauTable([]).render_realization,
    ]:
        assert signatures.signature(fn) == signatures.read_signature(fn)


def test_a_method_is_read_once_whatever_the_instance():
    signatures._of_function.cache_clear()
    for _ in range(3):
        signatures.signature(Table().render)
    assert signatures._of_function.cache_info().misses == 1
