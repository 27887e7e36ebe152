"""Build the gettext files from the Danish ``.po`` (the file translators and developers edit):
the compiled ``spguard.mo`` the tool reads and the ``spguard.pot`` template for a new language.
Run after editing the ``.po``: ``python -m tests.locale_build``; tests/test_locale.py fails
while the built files differ from what this writes."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from sp_config_guard import catalog

LOCALE, MO = Path(catalog.LOCALE), Path(catalog.MO)
PO = MO.with_suffix(".po")
POT = LOCALE / "spguard.pot"


def read_catalog() -> Catalog:
    """The Danish catalog as translators wrote it."""
    with PO.open("rb") as handle:
        return read_po(handle, locale="da", domain="spguard")


def built() -> dict[Path, bytes]:
    """The compiled file and the template, as they should be now."""
    catalog = read_catalog()
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    template = Catalog(
        domain="spguard",
        project=catalog.project,
        creation_date=catalog.creation_date,
        revision_date=catalog.revision_date,
        fuzzy=False,
    )
    for message in catalog:
        if message.id:
            template.add(
                message.id, None, context=message.context, auto_comments=message.auto_comments
            )
    pot = io.BytesIO()
    write_po(pot, template, width=100, sort_output=False, include_lineno=False, omit_header=True)
    return {MO: mo.getvalue(), POT: pot.getvalue()}


def main() -> None:
    """Write the built files."""
    for path, content in built().items():
        path.write_bytes(content)
        print(f"wrote {path.relative_to(LOCALE.parent.parent)}")


if __name__ == "__main__":
    main()
