"""Reading input files safely (size limits, encodings, BOMs, NUL bytes) and atomic writes."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.loader import read_documents
from sp_config_guard.load.sources import atomic_write, decode, max_bytes, read_bytes


def _decode_problem(data: bytes, encoding: str = "utf-8") -> Problem:
    with pytest.raises(InputError) as info:
        decode(data, "in.yaml", encoding)
    return info.value.problem


# -- size limits ---------------------------------------------------------------------------


def test_yaml_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPGUARD_MAX_YAML_BYTES", "100")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 98)  # 101 bytes
    with pytest.raises(InputError) as info:
        read_bytes(big, "big.yaml", "yaml")
    problem = info.value.problem
    assert (problem.code, problem.file) == ("LOAD005", "big.yaml")
    assert "101 bytes" in problem.message and "limit of 100" in problem.message
    assert "SPGUARD_MAX_YAML_BYTES" in problem.message


def test_file_at_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPGUARD_MAX_YAML_BYTES", "100")
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"a: " + b"x" * 97)
    assert read_bytes(exact, "exact.yaml", "yaml") == exact.read_bytes()


def test_the_yaml_limit_applies_to_artifact_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPGUARD_MAX_YAML_BYTES", "20")
    artifact = tmp_path / "a.yaml"
    artifact.write_text("kind: Medication\nid: '100101'\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_documents(artifact, "a.yaml")
    assert info.value.problem.code == "LOAD005"


def test_export_limit_is_separate_from_the_yaml_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(b"ID;NAVN\r\n1;x\r\n" * 10)
    monkeypatch.setenv("SPGUARD_MAX_YAML_BYTES", "10")
    assert read_bytes(export, "export.csv") == export.read_bytes()
    monkeypatch.setenv("SPGUARD_MAX_FILE_BYTES", "10")
    with pytest.raises(InputError) as info:
        read_bytes(export, "export.csv")
    assert info.value.problem.code == "LOAD005"
    assert "SPGUARD_MAX_FILE_BYTES" in info.value.problem.message


def test_limits_are_read_at_call_time_and_bad_values_fall_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SPGUARD_MAX_YAML_BYTES", raising=False)
    default = max_bytes("yaml")
    assert default == 16 * 1024 * 1024
    monkeypatch.setenv("SPGUARD_MAX_YAML_BYTES", "1234")
    assert max_bytes("yaml") == 1234
    monkeypatch.setenv("SPGUARD_MAX_YAML_BYTES", "lots")
    assert max_bytes("yaml") == default


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_bytes(tmp_path / "gone.yaml", "gone.yaml", "yaml")
    assert (info.value.problem.code, info.value.problem.file) == ("LOAD000", "gone.yaml")


# -- encodings -----------------------------------------------------------------------------


def test_non_utf8_byte_is_load006_with_line_column_and_a_hint() -> None:
    problem = _decode_problem(b"kind: Department\nname: K\xe6rkeby\n")  # cp1252 'æ'
    assert (problem.code, problem.file, problem.line, problem.column) == (
        "LOAD006",
        "in.yaml",
        2,
        8,
    )
    assert "0xE6" in problem.message
    assert "UTF-8" in problem.message and "cp1252" in problem.message


def test_column_of_a_bad_byte_counts_characters_not_bytes() -> None:
    # "navn: Ærø " is 10 characters but 12 bytes in UTF-8; the bad byte is the 11th character.
    problem = _decode_problem("navn: Ærø ".encode() + b"\xff\n")
    assert (problem.line, problem.column) == (1, 11)


def test_utf16_file_is_refused_at_its_first_byte() -> None:
    problem = _decode_problem("kind: x\n".encode("utf-16"))
    assert (problem.code, problem.line, problem.column) == ("LOAD006", 1, 1)


def test_leading_bom_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbfkind: Medication\n", "bom.yaml") == "kind: Medication\n"
    assert decode(b"\xef\xbb\xbfID;NAVN\r\n", "bom.csv", "UTF_8") == "ID;NAVN\r\n"


def test_bom_inside_the_file_is_load006_at_its_place() -> None:
    problem = _decode_problem(b"kind: Medication\nname: \xef\xbb\xbfx\n")
    assert (problem.code, problem.line, problem.column) == ("LOAD006", 2, 7)
    assert "BOM" in problem.message


def test_nul_bytes_are_load006_with_their_place() -> None:
    problem = _decode_problem(b"kind: Medication\nname: a\x00b\n")
    assert (problem.code, problem.file) == ("LOAD006", "in.yaml")
    assert "NUL" in problem.message
    assert (problem.line, problem.column) == (2, 8)


def test_cp1252_decodes_danish_letters_when_asked() -> None:
    assert decode("Sygehus Sønderjylland; Ærø".encode("cp1252"), "a.csv", "cp1252") == (
        "Sygehus Sønderjylland; Ærø"
    )


def test_unknown_encoding_is_load006() -> None:
    problem = _decode_problem(b"a", "no-such-codec")
    assert problem.code == "LOAD006"
    assert "no-such-codec" in problem.message


# -- atomic writes -------------------------------------------------------------------------


def test_atomic_write_writes_exact_bytes_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "folder" / "a.yaml"
    atomic_write(target, "navn: Ærø\nlinje: 2\n")
    assert target.read_bytes() == "navn: Ærø\nlinje: 2\n".encode()
    atomic_write(target, "ny: tekst\n")
    assert target.read_bytes() == b"ny: tekst\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.yaml"]


def test_failed_rename_keeps_the_old_file_and_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old: content\n")

    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        atomic_write(target, "new: content\n")
    assert target.read_bytes() == b"old: content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_disk_full_while_writing_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old: content\n")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError) as info:
        atomic_write(target, "new: content\n" * 1000)
    assert info.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old: content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_text_that_cannot_be_encoded_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old: content\n")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, "new: \ud800\n")  # a lone surrogate is not UTF-8
    assert target.read_bytes() == b"old: content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_atomic_write_never_translates_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    atomic_write(target, "a: |\n  x\n  y\n")
    assert b"\r" not in target.read_bytes()
