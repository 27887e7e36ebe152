"""How the cache stores a whole value (a lint result, checked rule sets, a valid
configuration's settings): compact JSON text, compressed. A whole lint result is tens of
megabytes of JSON at region scale; compressed it is about a seventh of that on disk and in
SQLite's copies, and it is read back faster (less to read)."""

from __future__ import annotations

import json
import zlib
from typing import Any

_PACK_AT = 1 << 20  # characters of JSON text compressed at a time


def pack(value: Any) -> bytes:
    """``value`` as compact JSON text (``json.dumps`` with ``separators=(",", ":")``, byte
    for byte), compressed; encoded an item of a top-level list at a time and compressed a
    megabyte at a time, so neither the whole text nor its UTF-8 copies are ever held. A
    whole lint result is tens of megabytes of JSON at region scale, and the text, its UTF-8
    form and SQLite's two copies of it were the peak of a lint that fills the cache (20,000
    artifacts: 12 MB of text, the run 36 MB higher for storing it)."""
    encode = json.JSONEncoder(default=str, ensure_ascii=False, separators=(",", ":")).encode
    packer, out, pending = zlib.compressobj(1), [], []
    size = 0

    def put(text: str) -> None:
        nonlocal size
        pending.append(text)
        size += len(text)
        if size >= _PACK_AT:
            out.append(packer.compress("".join(pending).encode()))
            pending.clear()
            size = 0

    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        for index, (key, item) in enumerate(value.items()):
            put(("{" if index == 0 else ",") + encode(key) + ":")
            if type(item) is list:
                for at, entry in enumerate(item):
                    put(("[" if at == 0 else ",") + encode(entry))
                put("]" if item else "[]")
            else:
                put(encode(item))
        put("}" if value else "{}")
    else:
        put(encode(value))
    out.append(packer.compress("".join(pending).encode()) + packer.flush())
    return b"".join(out)


def unpack(data: bytes | str) -> Any:
    """The value :func:`pack` stored (or the JSON text an earlier version stored as text);
    raises ``ValueError`` for anything else."""
    try:
        return json.loads(zlib.decompress(data) if isinstance(data, bytes) else data)
    except zlib.error as err:
        raise ValueError(f"not a stored value: {err}") from None
