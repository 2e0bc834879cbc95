"""Settings: defaults in one place, a TOML file overrides what it sets, flags override the file."""

from __future__ import annotations

import pytest

from newstrace.settings import Settings, SettingsError


def test_toml_overrides_only_what_it_sets(tmp_path):
    path = tmp_path / "newstrace.toml"
    path.write_text("max_document_bytes = 1000\nfetch_timeout = 5\n")
    settings = Settings.from_toml(path)
    assert settings.max_document_bytes == 1000 and settings.fetch_timeout == 5.0
    assert settings.max_redirects == Settings().max_redirects


def test_flags_override_the_file_and_unset_flags_do_not(tmp_path):
    path = tmp_path / "newstrace.toml"
    path.write_text("jobs = 3\n")
    settings = Settings.from_toml(path).with_overrides(jobs=None, max_document_bytes=10)
    assert settings.jobs == 3 and settings.max_document_bytes == 10


@pytest.mark.parametrize("content, message", [
    ("nonsense = 1\n", "unknown setting 'nonsense'"),
    ("jobs = 'four'\n", "must be int"),
    ("jobs = \n", "not valid TOML"),
])
def test_bad_settings_files_get_clear_messages(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(SettingsError, match=message):
        Settings.from_toml(path)
