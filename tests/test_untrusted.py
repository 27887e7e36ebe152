"""The register of untrusted-repository cases names real tests, and the document renders it."""

from __future__ import annotations

import importlib

import pytest

from tests.hostile_cases import DOC, document
from tests.untrusted_cases import THREATS, Threat


@pytest.mark.parametrize("threat", THREATS, ids=lambda t: t.test.split("::")[1])
def test_each_case_names_a_test_that_exists(threat: Threat) -> None:
    file, name = threat.test.split("::")
    module = importlib.import_module(file.removesuffix(".py").replace("/", "."))
    assert callable(getattr(module, name, None)), f"{threat.test} is no test"
    assert name.startswith("test_")


def test_the_document_holds_the_untrusted_section() -> None:
    assert "## Untrusted repositories" in DOC.read_text(encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == document()
