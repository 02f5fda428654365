"""site.toml: defaults, validation, and errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli.skeleton import SITE_TOML
from site_builder.config import load_config
from site_builder.errors import ConfigError


def _config_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value).replace(str(path), "site.toml")


def test_defaults_without_a_file_resolve_paths_under_root(tmp_path: Path) -> None:
    config = load_config(root=tmp_path)
    assert config.content_dir == tmp_path.resolve() / "content"
    assert config.output_dir == tmp_path.resolve() / "output"
    assert config.relative_urls is True


def test_values_and_sections_are_read(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(
        'title = "Desk"\ncontent_dir = "articles"\n[summary]\nsentences = 2\n'
        '[words_per_minute]\nde = 180\n[dedup]\npreferred_outlets = ["Reuters"]\n'
    )
    config = load_config(tmp_path / "site.toml")
    assert config.title == "Desk"
    assert config.content_dir == tmp_path.resolve() / "articles"
    assert config.summary.sentences == 2
    assert config.reading_speed("de") == 180
    assert config.reading_speed("fr") == 200
    assert config.dedup.preferred_outlets == ("Reuters",)


def test_the_skeleton_file_documents_a_valid_config(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(SITE_TOML)
    config = load_config(tmp_path / "site.toml")
    assert config.title == "Briefing"
    assert config.topic_min_stories == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title = "x"\ncolour = "red"\n', "site.toml:2: unknown key 'colour'"),
        (
            'title = "x"\n[summary]\nlength = 3\n',
            "site.toml:3: unknown key [summary] 'length'",
        ),
        ("per_page = 0\n", "site.toml:1: per_page must be 1 or more"),
        (
            'title = "x"\ntopic_min_stories = 0\n',
            "site.toml:2: topic_min_stories must be 1 or more",
        ),
        ('per_page = "ten"\n', "site.toml:1: per_page must be int, not str"),
        (
            'title = "x"\ntitle = "y"\n',
            "site.toml:2: invalid TOML: Cannot overwrite a value",
        ),
        ("relative_urls = 1\n", "site.toml:1: relative_urls must be bool, not int"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    assert _config_error(tmp_path, text).startswith(message)
