"""Bytes to text: BOMs, UTF-16, windows-1256 and ISO-8859-6 pages, binary refused."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from marsad.errors import BinaryInput, EmptyInput, EncodingUndetected
from marsad.settings import BINARY_CONTROL_RATIO

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Compressed files are refused by name and never expanded: a few KB of gzip can expand to
# gigabytes (a "gzip bomb"), and a compressed page is no text to analyse as it stands.
_COMPRESSED = (
    (re.compile(rb"\x1f\x8b"), "gzip"),
    (re.compile(rb"BZh[1-9]1AY&SY"), "bzip2"),
    (re.compile(rb"\xfd7zXZ\x00"), "xz"),
    (re.compile(rb"\x28\xb5\x2f\xfd"), "zstd"),
    (re.compile(rb"PK\x03\x04"), "zip"),
)
# Legacy Arabic code pages news sites still serve; tried when the bytes are not UTF-8.
_ARABIC_LEGACY = ("cp1256", "iso8859-6")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_MIXED_WORD = re.compile(r"[A-Za-z][\u0621-\u064A]|[\u0621-\u064A][A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode a document's bytes, or raise naming `source` and the problem."""
    if not data.strip():
        raise EmptyInput(source, "empty input")
    for magic, kind in _COMPRESSED:
        if magic.match(data):
            raise BinaryInput(source, f"{kind}-compressed data, not a text document "
                                      "(decompress it first; it is not expanded here)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom):].decode(encoding, errors="replace"), encoding, source)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), utf16, source)
    if b"\x00" in data:
        raise BinaryInput(source, "binary data (NUL bytes), not a text document")
    try:
        return _checked(data.decode("utf-8"), "utf-8", source)
    except UnicodeDecodeError:
        pass
    # A truncated download or a few corrupt bytes leave UTF-8 that is almost valid; a legacy
    # page read as UTF-8 fails on nearly every Arabic letter.
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if bad <= max(2, len(lenient) // 1000):
        decoded = _checked(lenient.replace("\ufffd", ""), "utf-8", source)
        decoded.warnings.append(f"{bad} undecodable byte sequence(s) dropped (truncated or corrupt UTF-8)")
        return decoded
    encoding = _guess_legacy(data)
    if encoding is None:
        raise EncodingUndetected(source, "not UTF-8 and no known Arabic encoding fits")
    decoded = _checked(data.decode(encoding, errors="replace"), encoding, source)
    decoded.warnings.append(f"encoding guessed: {encoding}")
    return decoded


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has a NUL in every other byte for Latin characters, or 0x06 for Arabic."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, name in ((odd, "utf-16-le"), (even, "utf-16-be")):
        share = sum(1 for b in high if b in (0, 6)) / len(high)
        if share > 0.9:
            return name
    return None


def _guess_legacy(data: bytes) -> str | None:
    """The Arabic code page under which the bytes read as the most Arabic text."""
    candidates = list(_ARABIC_LEGACY)
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in candidates:
        candidates.append(best.encoding)
    scored = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible_arabic(text):
            scored.append((len(ARABIC_LETTER.findall(text)) - 10 * len(_CONTROL.findall(text)),
                           encoding))
    return max(scored)[1] if scored else None


def _plausible_arabic(text: str) -> bool:
    """Real Arabic text is mostly Arabic letters, and Arabic letters rarely sit inside Latin words.

    A Latin-1 page read as ISO-8859-6 turns its accented letters into Arabic ones (é -> ى)
    and fails the second test.
    """
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    mixed = len(_MIXED_WORD.findall(text))
    return arabic > 0 and arabic >= 0.3 * (arabic + latin) and mixed <= 0.02 * (arabic / 4 + 1)


def _checked(text: str, encoding: str, source: str) -> Decoded:
    if not text.strip():
        raise EmptyInput(source, "empty input")
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if controls / max(1, len(sample)) > BINARY_CONTROL_RATIO:
        raise BinaryInput(source, f"binary data ({controls} control characters), not a text document")
    return Decoded(text, encoding)
