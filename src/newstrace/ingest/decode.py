"""Bytes to text: encoding detection, binary detection and capped decompression."""

from __future__ import annotations

import gzip
import io
import re
import unicodedata
import zlib

from charset_normalizer import from_bytes


class InputError(ValueError):
    """An input that cannot become a document; the message is the reason shown to the user."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
GZIP_MAGIC = b"\x1f\x8b"


def looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    return b"\x00" in head and not _is_utf16(head)


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode(raw: bytes) -> str:
    """Decode bytes in any common encoding; raise InputError for binary or undecodable data."""
    if not raw.strip():
        raise InputError("empty file")
    if looks_binary(raw):
        raise InputError("binary data, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        match = from_bytes(raw).best()
        if match is None:
            raise InputError("undecodable: no text encoding fits these bytes") from None
        text = str(match)
    if len(_CONTROL.findall(text[:20000])) > 0.01 * min(len(text), 20000) + 2:
        raise InputError("binary data, not text (too many control characters)")
    return normalize(text)


def normalize(text: str) -> str:
    """One form for every text: NFC, Unix newlines, no trailing spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def gunzip_capped(raw: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing more than ``limit`` bytes of output (gzip bombs)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"broken gzip data: {exc}") from exc
    if len(data) > limit:
        raise InputError(f"decompresses to more than {limit:,} bytes (limit max_container_bytes)")
    return data
