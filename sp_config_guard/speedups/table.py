"""Plain-text tables in ``tabulate``'s "simple" layout, written out: ``tabulate`` costs about a
millisecond a table, and the text report of a repository has a table per file with findings."""

from __future__ import annotations

from sp_config_guard.speedups import enabled


def simple(rows: list[list[str]], headers: list[str], numbers: int = 0) -> list[str] | None:
    """The lines ``tabulate(rows, headers, tablefmt="simple", disable_numparse=True)`` gives,
    each without trailing blanks, with the last ``numbers`` columns right-aligned; None when a
    cell is not printable text (tabulate measures those differently) or the speedups are off."""
    if not enabled() or not all(cell.isprintable() for row in [headers, *rows] for cell in row):
        return None
    widths = [max(len(h) + 2, *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    split = len(headers) - numbers

    def line(cells: list[str]) -> str:
        padded = [
            cell.ljust(width) if i < split else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *map(line, rows)]
