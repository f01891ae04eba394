from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, StyleSettings, load_settings

EXAMPLE = Path(__file__).parents[2] / "config.example.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_example_config_is_valid_and_documents_every_key() -> None:
    settings = load_settings(EXAMPLE)
    text = EXAMPLE.read_text()
    for section, model in settings:
        if isinstance(model, dict):  # [styles.NAME] tables: shown as a commented example
            assert f"[{section}." in text
            for key in StyleSettings.model_fields:
                assert f"\n# {key} =" in text, f"{section}.NAME.{key} undocumented"
            continue
        assert f"[{section}]" in text
        for key in type(model).model_fields:
            assert f"\n{key} =" in text or f"\n# {key} =" in text, f"{section}.{key} undocumented"


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.engine.model == "starter"
    assert settings.queue.backend == "local"
    assert settings.data.dir == Path("data")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[queue]\nmax_batch = 0\n",
            "queue.max_batch: Input should be greater than or equal to 1 (got 0)",
        ),
        ("[engine]\ndevice = 'gpu'\n", "engine.device: String should match pattern"),
        ("[engine]\nsteps = 500\n", "engine.steps"),
        ("[engine]\nwidth = 100\n", "multiple of 8"),
        ("[queue]\nbackend = 'kafka'\n", "queue.backend: Input should be 'local' or 'redis'"),
        ("[engine]\nstepz = 5\n", "engine.stepz: unknown key"),
        ("[nonsense]\n", "nonsense: unknown key"),
        ("[engine\nmodel = 'x'\n", "not valid TOML"),
    ],
)
def test_bad_values_give_one_line_naming_the_key(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, text))
    message = str(error.value)
    assert expected in message and "\n" not in message and "Traceback" not in message


def test_tokens_from_environment_and_never_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:SECRET")
    monkeypatch.setenv("PICTOLINGO_DISCORD__TOKEN", "DSECRET")
    settings = load_settings(write(tmp_path, ""))
    assert settings.telegram.token.get_secret_value() == "123:SECRET"
    assert settings.discord.token.get_secret_value() == "DSECRET"
    assert "SECRET" not in repr(settings) and "SECRET" not in str(settings.model_dump())


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOLINGO_ENGINE__STEPS", "7")
    settings = load_settings(write(tmp_path, "[engine]\nsteps = 3\n"))
    assert settings.engine.steps == 7


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read it"):
        load_settings(tmp_path / "nope.toml")


def test_a_webhook_without_a_secret_is_refused(tmp_path: Path) -> None:
    url = 'mode = "webhook"\nwebhook_url = "https://bot.school.example/pictolingo"\n'
    with pytest.raises(ConfigError, match=r"telegram.*webhook_secret must be set"):
        load_settings(write(tmp_path, f"[telegram]\n{url}"))
    with pytest.raises(ConfigError, match="webhook_secret must be set"):
        load_settings(write(tmp_path, f'[telegram]\n{url}webhook_secret = "short"\n'))
    good = load_settings(write(tmp_path, f'[telegram]\n{url}webhook_secret = "{"s" * 32}"\n'))
    assert good.telegram.mode == "webhook"
