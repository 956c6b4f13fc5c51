"""Bytes → text: UTF-8 first, then the page's declared charset, then detection.

Every problem is raised as an InputError naming the input, so one bad file
never stops a batch.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from summitry.errors import InputError

# Read through module attribute lookups at call time, so options (and tests)
# can change the cap by assigning `decode.MAX_BYTES`.
MAX_BYTES = 20_000_000

# C0 controls that never occur in text; TAB, LF, VT, FF, CR and ESC are left out.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32)])
_BINARY_SHARE = 0.05
_SNIFF = 65_536

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def max_bytes() -> int:
    """The size cap in force now."""
    return MAX_BYTES


def human_size(n: float) -> str:
    """A byte count the way people say it: 123.4 MB, 2.5 kB, 17 bytes."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{int(n)} bytes"


def _limit(cap: int) -> str:
    """The cap without a useless decimal: '20 MB', not '20.0 MB'."""
    return human_size(cap).replace(".0 ", " ")


def too_large(source: str, size: int | None, cap: int, what: str = "file") -> InputError:
    """The error for an input over the size cap (size None: a stream, not read to its end)."""
    if size is None:
        return InputError(source, f"{what} is over the {_limit(cap)} limit")
    return InputError(source, f"{what} is {human_size(size)}, over the {_limit(cap)} limit")


def os_error(source: str, exc: OSError) -> InputError:
    """An OSError as one line with the OS's own reason."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return InputError(source, reason[:1].lower() + reason[1:])


def read_path(path: Path, source: str, cap: int | None = None) -> bytes:
    """The bytes of a file, refusing it before reading when it is over the cap."""
    cap = max_bytes() if cap is None else cap
    try:
        size = os.stat(path).st_size
        if size > cap:
            raise too_large(source, size, cap)
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)  # a file may grow between stat and read
    except OSError as exc:
        raise os_error(source, exc) from None
    if len(data) > cap:
        raise too_large(source, len(data), cap)
    return data


def read_stream(stream: BinaryIO, source: str, cap: int | None = None) -> bytes:
    """The bytes of a stream (stdin), reading at most one byte past the cap."""
    cap = max_bytes() if cap is None else cap
    try:
        data = stream.read(cap + 1)
    except OSError as exc:
        raise os_error(source, exc) from None
    if isinstance(data, str):  # a text stream with no .buffer (some test runners)
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > cap:
        raise too_large(source, None, cap, what="input")
    return data


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta> or its XML header, if Python knows it."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are
    # written in Windows-1252, whose „“–€ Latin-1 would turn into controls.
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or a share of control bytes no text has."""
    if b"\x00" in data:
        return True
    sample = data[:_SNIFF]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _BINARY_SHARE * len(sample)


def _non_ascii(text: str) -> int:
    """How many characters of text are outside ASCII (counted in C, not in a loop)."""
    return len(text) - len(text.encode("ascii", "ignore"))


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few damaged bytes (a bad copy-paste), else None."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count(b"\xef\xbf\xbd")
    good = _non_ascii(text) - replaced
    # A Windows-1252 file has next to no valid multibyte sequences, so this
    # only accepts files that are UTF-8 nearly throughout.
    return text if bad > 0 and good >= 10 * bad else None


_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")


def _western(text: str) -> bool:
    """True if text read as Windows-1252 looks German/English: letters mostly ASCII."""
    sample = text[:200_000]
    letters = len(_LETTER.findall(sample))
    # Cyrillic or Greek read as cp1252 come out as all-accented Latin letters;
    # German has a few umlauts per line, well under a third of its letters.
    return len(_NON_ASCII_LETTER.findall(sample)) <= 0.3 * letters


def _legacy(data: bytes, declared: str | None) -> str | None:
    """Text in a non-UTF-8 encoding: declared, Windows-1252, or detected."""
    if declared and not declared.startswith("utf"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # pages lie about their charset; fall through to detection
    try:
        # charset-normalizer misjudges short German texts (it reads "Müller"
        # as UTF-16), and German and English news outside UTF-8 are
        # Windows-1252 (or Latin-1, the same for letters) all but always.
        text = data.decode("cp1252")
        if _western(text):
            return text
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    return str(best) if best is not None else None


def decode_bytes(data: bytes, source: str, declared: str | None = None,
                 cap: int | None = None, what: str = "file") -> str:
    """Decode an input's bytes to text with newlines as \\n, or raise InputError."""
    cap = max_bytes() if cap is None else cap
    if len(data) > cap:
        raise too_large(source, len(data), cap, what)
    if not data.strip():
        raise InputError(source, f"empty {what}")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(source, f"not valid {encoding.upper()[:6]} text despite its byte-order mark") from None
            if "\x00" in text:
                raise InputError(source, "binary file, not text")
            break
    if text is None:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8):]
        if looks_binary(data):
            raise InputError(source, "binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mostly_utf8(data) or _legacy(data, declared)
        if text is None:
            raise InputError(source, "not text in any encoding known here (not UTF-8, not Windows-1252)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, f"empty {what}")
    return text


def decode_file(path: Path, source: str, html: bool = False) -> str:
    """Read and decode one file; for HTML the page's declared charset is tried too."""
    data = read_path(path, source)
    return decode_bytes(data, source, declared_charset(data) if html else None)
