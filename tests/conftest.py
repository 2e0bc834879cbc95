"""Shared fixtures: the example coverage analysed once per session, and dossier checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.dossier import Dossier
from newstrace.pipeline.local import run
from newstrace.settings import Settings
from newstrace.validation import offset_errors

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kessel-valley"
ARTIFACTS = ROOT / "test-artifacts"


def check_dossier(dossier: Dossier) -> None:
    """Every dossier a test produces must pass the schema and the offset rule."""
    dossier.validate()
    assert offset_errors(dossier) == []
    json.loads(dossier.to_json())


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(jobs=1)


@pytest.fixture(scope="session")
def example_result(settings):
    result = run([str(EXAMPLE / "coverage")], settings)
    check_dossier(result.dossier)
    return result


@pytest.fixture(scope="session")
def example_dossier(example_result) -> Dossier:
    return example_result.dossier


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((EXAMPLE / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def analyse(settings, tmp_path):
    """Analyse files written into a fresh folder: analyse({"a.txt": "..."}) -> RunResult."""

    def _analyse(files: dict[str, str | bytes], **overrides):
        folder = tmp_path / "coverage"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        result = run([str(folder)], settings.with_overrides(**overrides))
        if result.dossier.documents:
            check_dossier(result.dossier)
        return result

    return _analyse
