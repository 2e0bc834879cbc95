"""Embeddings run on a CUDA GPU when torch sees one, and on the CPU otherwise; nothing needs a GPU."""

import numpy as np
import pytest

import newstrace.nlp.embeddings as embeddings

torch = pytest.importorskip("torch")


class _FakeModel:
    def encode(self, texts, **options):
        return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    """The devices models were loaded on, with no model loaded for real."""
    devices: list[str] = []

    def fake_load(setting: str, device: str) -> _FakeModel:
        devices.append(device)
        return _FakeModel()

    monkeypatch.setattr(embeddings, "_LOADED", {})
    monkeypatch.setattr(embeddings, "_load", fake_load)
    return devices


@pytest.mark.parametrize("cuda, expected", [(True, "cuda"), (False, "cpu")])
def test_auto_uses_a_gpu_only_when_there_is_one(monkeypatch, loads, cuda, expected):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    embed = embeddings.load_embedder("all-MiniLM-L6-v2")
    assert loads == [expected]
    assert embed(["a", "b"]).shape == (2, 2)


def test_a_device_named_in_the_settings_is_used_as_named(monkeypatch, loads):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    embeddings.load_embedder("all-MiniLM-L6-v2", "cpu")
    embeddings.load_embedder("all-MiniLM-L6-v2", "cuda:1")
    assert loads == ["cpu", "cuda:1"]


def test_a_run_embeds_on_the_gpu_when_there_is_one(tmp_path, settings, monkeypatch, loads):
    from newstrace.pipeline.local import run

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    (tmp_path / "a.txt").write_text("Strike in Selmer\n\nPolice detained 40 dockers in Selmer on Monday, "
                                    "the union said.\n")
    assert settings.embedding_device == "auto"  # the default
    run([str(tmp_path / "a.txt")], settings)
    assert loads and set(loads) == {"cuda"}
