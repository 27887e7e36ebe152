"""XML exports, parsed with defusedxml (no entity expansion, no external entities).

An element becomes a mapping: attributes as ``@name``, child elements by tag (a repeated tag
becomes a list) and its text as ``#text``; an element with only text becomes that text. Mixed
content (text between or after child elements) is part of ``#text`` too, so a profile that
does not map it gets IMP005 (values with nowhere to go), never a silent loss."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.sources import read_bytes
from sp_config_guard.messages import msg
from sp_config_guard.normalize.importers import ReadOptions, SourceRecord, select


def element_value(element: Element) -> Any:
    """The mapping (or text) an element stands for."""
    if not len(element) and not element.attrib:
        return element.text or ""
    out: dict[str, Any] = {f"@{name}": value for name, value in element.attrib.items()}
    counts = Counter(child.tag for child in element)
    for child in element:
        value = element_value(child)
        if counts[child.tag] > 1:
            out.setdefault(child.tag, []).append(value)
        else:
            out[child.tag] = value
    tails = [child.tail for child in element if (child.tail or "").strip()]
    text = "".join([element.text or "", *(child.tail or "" for child in element)])
    if tails or (element.text or "").strip():
        out["#text"] = text if tails else element.text
    return out


def read(path: Path, display: str, options: ReadOptions) -> list[SourceRecord]:
    """Records of an XML export; ``records`` starts at the root element's tag."""
    data = read_bytes(path, display)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except ParseError as err:
        line, column = err.position
        raise InputError(
            Problem(
                "LOAD001",
                msg("LOAD001.xml", detail=str(err.msg if hasattr(err, "msg") else err)),
                display,
                line,
                column + 1,
            )
        ) from None
    except DefusedXmlException as err:
        raise InputError(
            Problem(
                "LOAD003",
                msg("LOAD003.xml_dtd", reason=type(err).__name__),
                display,
            )
        ) from None
    except (LookupError, ValueError) as err:  # an encoding expat does not know or support
        raise InputError(
            Problem(
                "LOAD006",
                msg("LOAD006.xml_encoding", reason=str(err)),
                display,
                1,
                1,
            )
        ) from None
    try:
        document = {root.tag: element_value(root)}
    except RecursionError:
        raise InputError(Problem("LOAD009", msg("LOAD009.export_too_deep"), display)) from None
    return [
        SourceRecord(values, display, msg("record.label", index=index))
        for index, values in enumerate(select(document, options.records, display), start=1)
    ]
