"""Every message of the code has its English translation, and the catalogue holds nothing else."""

from pathlib import Path

from tests.i18n.catalogue import SOURCES, Message, catalogue_messages, compare, messages_in

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_message_of_the_code_is_in_the_english_catalogue_and_nothing_else():
    missing, unused = compare(messages_in(SOURCES), catalogue_messages())
    assert missing == [], "Add these msgids, with their English, at the end of django.po:\n" + "\n".join(
        missing
    )
    assert unused == [], "Nothing uses these msgids of django.po any more:\n" + "\n".join(unused)


def test_a_new_untranslated_string_in_a_template_or_python_is_named():
    missing, _unused = compare(messages_in([FIXTURES]), catalogue_messages())
    assert missing == [
        "Kalimat baru yang belum diterjemahkan",
        "Mei",
        "Pesan Python yang belum diterjemahkan",
        "Tahun %(year)s belum punya terjemahan",
    ]


def test_the_extraction_reads_translate_blocktranslate_and_gettext_with_context():
    found = messages_in([FIXTURES])
    assert Message("Dasbor") in found
    assert Message("Keluar") in found
    assert Message("Mei", "bulan") in found


def test_a_message_whose_translation_is_empty_counts_as_missing(tmp_path):
    catalogue = tmp_path / "django.po"
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Dasbor"\nmsgstr ""\n\nmsgid "Keluar"\nmsgstr "Log out"\n'
    )
    missing, unused = compare({Message("Dasbor")}, catalogue_messages(catalogue))
    assert missing == ["Dasbor"]
    assert unused == ["Keluar"]
