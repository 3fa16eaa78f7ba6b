import codecs

import pytest

from marsad.errors import BinaryInput, EmptyInput
from marsad.ingest.decode import decode_bytes

ARTICLE = "أعلنت وزارة الخارجية العراقية اليوم عن زيارة مرتقبة لوزير الخارجية الإيراني إلى بغداد.\n" * 3


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
    ("cp1256", b""),
    ("iso8859-6", b""),
])
def test_every_encoding_gives_the_same_text(encoding, prefix):
    data = prefix + ARTICLE.encode(encoding)
    assert decode_bytes(data, "x.txt").text.lstrip("\ufeff") == ARTICLE


def test_legacy_encoding_is_reported_as_a_guess():
    decoded = decode_bytes(ARTICLE.encode("cp1256"), "x.txt")
    assert decoded.encoding == "cp1256"
    assert any("cp1256" in w for w in decoded.warnings)


def test_truncated_utf8_keeps_the_text_and_warns():
    data = ARTICLE.encode("utf-8")[:-3]  # newline, period, then half of the last letter
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text.startswith(ARTICLE[:50])
    assert decoded.warnings


@pytest.mark.parametrize("data, error", [
    (b"", EmptyInput),
    (b"  \n\t ", EmptyInput),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, BinaryInput),
    (bytes(range(1, 32)) * 50, BinaryInput),
])
def test_bad_bytes_raise_an_error_naming_the_input(data, error):
    with pytest.raises(error) as raised:
        decode_bytes(data, "bad-input.bin")
    assert str(raised.value).startswith("bad-input.bin: ")
