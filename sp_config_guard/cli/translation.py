"""click's own texts ("Usage:", "Show this message and exit.", "No such option") in the
language of the run. click looks each up with :func:`gettext.gettext` (and ``ngettext``), which
takes the language from the environment (``LANGUAGE``, ``LANG``), not from ``--lang`` or the
configuration; so its modules get lookups in the tool's own catalog instead (click's entries of
``locale/da/LC_MESSAGES/spguard.po``, see :mod:`sp_config_guard.catalog`)."""

from __future__ import annotations

import gettext
import sys

import click

from sp_config_guard.catalog import CLICK_DA
from sp_config_guard.messages import current_lang


def _gettext(message: str) -> str:
    return CLICK_DA.get(message, message) if current_lang() == "da" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    forms = CLICK_DA.get(f"{singular}\x00{plural}") if current_lang() == "da" else None
    if forms is None:
        return singular if n == 1 else plural
    one, other = forms.split("\x00")
    return one if n == 1 else other  # Danish: plural=(n != 1), as English


def install() -> None:
    """Route the lookups of every loaded click module through the catalog."""
    for name, module in list(sys.modules.items()):
        if name == click.__name__ or name.startswith(f"{click.__name__}."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _gettext  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = _ngettext  # type: ignore[attr-defined]


class _Metavars:
    """``[OPTIONS]`` of a usage line (and a group's ``COMMAND [ARGS]...``) looked up when the line is
    written (click keeps them as given, untranslated), so they follow the run's language."""

    _options: str | None = "[OPTIONS]"

    @property
    def options_metavar(self) -> str | None:
        return _gettext(self._options) if self._options is not None else None

    @options_metavar.setter
    def options_metavar(self, value: str | None) -> None:
        self._options = value


class Command(_Metavars, click.Command):
    """A command whose usage line is in the language of the run."""


class Group(_Metavars, click.Group):
    """A group of :class:`Command` (and of groups like itself), its usage line translated too."""

    command_class = Command
    group_class = type  # subgroups are of this class
    _subcommand = "COMMAND [ARGS]..."

    @property
    def subcommand_metavar(self) -> str:
        return _gettext(self._subcommand)

    @subcommand_metavar.setter
    def subcommand_metavar(self, value: str) -> None:
        self._subcommand = value
