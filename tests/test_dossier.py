"""The dossier JSON: schema, offsets, determinism, and the public API."""

from __future__ import annotations

import json

import jsonschema
import pytest

import newstrace
from conftest import EXAMPLE, check_dossier
from newstrace.dossier import SECTIONS, Dossier, load_dossier
from newstrace.pipeline.local import run
from newstrace.settings import Settings


def test_example_dossier_validates_and_keeps_every_offset(example_dossier):
    check_dossier(example_dossier)
    assert example_dossier["schema"] == "newstrace.dossier/3"
    assert all(example_dossier[s] is not None for s in SECTIONS)
    assert sum(len(e["mentions"]) for e in example_dossier["entities"]) > 50


def test_ids_are_unique_strings(example_dossier):
    ids = [d["id"] for d in example_dossier.documents] + [e["id"] for e in example_dossier["entities"]]
    assert len(ids) == len(set(ids))
    assert ids[0] == "doc-1"


def test_schema_rejects_a_broken_dossier(example_dossier):
    broken = json.loads(example_dossier.to_json())
    del broken["documents"][0]["text"]
    with pytest.raises(jsonschema.ValidationError):
        Dossier(broken).validate()


def _bytes_without_timestamp(dossier) -> str:
    return dossier.to_json().replace(dossier.data["generated_at"], "")


def test_same_input_gives_the_same_dossier_except_the_timestamp(example_dossier, settings):
    again = run([str(EXAMPLE / "coverage")], settings).dossier
    assert _bytes_without_timestamp(again) == _bytes_without_timestamp(example_dossier)


def test_jobs_do_not_change_the_dossier(tmp_path, example_dossier):
    two = run([str(EXAMPLE / "coverage")], Settings(jobs=2, batch_size=2)).dossier
    assert _bytes_without_timestamp(two) == _bytes_without_timestamp(example_dossier)


def test_public_api_analyze_and_load(tmp_path, example_dossier):
    path = tmp_path / "dossier.json"
    path.write_text(example_dossier.to_json())
    loaded = load_dossier(path)
    assert loaded.data == example_dossier.data
    assert set(newstrace.__all__) >= {"analyze", "Dossier", "load_dossier"}
    (tmp_path / "not.json").write_text('{"schema": "something else"}')
    with pytest.raises(ValueError, match="not a newstrace dossier"):
        load_dossier(tmp_path / "not.json")


def test_analyze_api_on_one_file(tmp_path):
    (tmp_path / "a.txt").write_text("Cranes idle\n\nDockers at the port of Selmer walked out, Ana Rieu said.")
    dossier = newstrace.analyze([str(tmp_path / "a.txt")], Settings(jobs=1))
    check_dossier(dossier)
    assert dossier.documents[0]["title"] == "Cranes idle"


def test_progress_is_reported_for_extraction_and_linking(tmp_path, settings):
    folder = tmp_path / "coverage"
    folder.mkdir()
    (folder / "a.txt").write_text("Strike in Selmer\n\nDockers at the port of Selmer walked out, the union said.\n")
    seen: list[tuple[str, int, int]] = []
    run([str(folder)], settings, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert ("extract", 1, 1) in seen
    assert [s for s in seen if s[0] == "link"] == [("link", k, 6) for k in range(1, 7)]
