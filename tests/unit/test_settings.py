"""Settings: environment over file, a configurable status scheme."""

from pathlib import Path

import pytest

from propcore_bootstrap.settings import DEFAULT_DATABASE_URL, Settings, SettingsError

STATUSES = """
database_url = "sqlite:///from-file.db"
port = 9000

[unit_statuses]
initial = "empty"

[unit_statuses.empty]
zh_CN = "空房"
en = "Empty"
next = ["let"]

[unit_statuses.let]
zh_CN = "已出租"
en = "Let"
occupied = true
next = ["empty"]
"""


def test_defaults_need_no_file_and_no_environment(tmp_path: Path):
    settings = Settings.load(environ={}, file=None)

    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.language == "zh_CN"


def test_environment_wins_over_the_file(tmp_path: Path):
    path = tmp_path / "propcore.toml"
    path.write_text(STATUSES)

    settings = Settings.load(
        environ={"PROPCORE_PORT": "9100", "PROPCORE_SECURE_COOKIES": "true"}, file=path
    )

    assert (settings.database_url, settings.port) == ("sqlite:///from-file.db", 9100)
    assert settings.secure_cookies is True


def test_the_file_can_replace_the_unit_status_scheme(tmp_path: Path):
    path = tmp_path / "propcore.toml"
    path.write_text(STATUSES)

    scheme = Settings.load(environ={}, file=path).status_scheme()

    assert scheme.codes == ("empty", "let")
    assert scheme.initial == "empty"
    assert scheme.targets("empty") == ("let",)
    assert scheme.get("let").label("zh_CN") == "已出租"
    assert scheme.is_occupied("let")


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PROPCORE_PORT": "eighty"}, "PROPCORE_PORT"),
        ({"PROPCORE_SECURE_COOKIES": "maybe"}, "PROPCORE_SECURE_COOKIES"),
    ],
)
def test_bad_values_are_named(environ, message):
    with pytest.raises(SettingsError, match=message):
        Settings.load(environ=environ, file=None)


def test_unknown_keys_in_the_file_are_refused(tmp_path: Path):
    path = tmp_path / "propcore.toml"
    path.write_text('databse_url = "typo"\n')

    with pytest.raises(SettingsError, match="databse_url"):
        Settings.load(environ={}, file=path)


def test_the_signing_key_is_made_once_and_kept(tmp_path: Path):
    settings = Settings(secret_file=str(tmp_path / "secret"))

    first, second = settings.signing_key(), settings.signing_key()

    assert first == second
    assert len(first) >= 64


@pytest.mark.parametrize(
    ("runner", "url", "in_process"),
    [
        ("auto", "sqlite:///p.db", True),
        ("auto", "postgresql://db/propcore", False),
        ("in-process", "postgresql://db/propcore", True),
        ("off", "sqlite:///p.db", False),
    ],
)
def test_serve_runs_jobs_itself_on_sqlite_unless_told_otherwise(
    runner, url, in_process
):
    environ = {"PROPCORE_JOBS_RUNNER": runner, "PROPCORE_DATABASE_URL": url}

    settings = Settings.load(environ=environ, file=None)

    assert settings.in_process_jobs() is in_process


def test_an_unknown_job_runner_is_refused():
    with pytest.raises(SettingsError, match="jobs_runner"):
        Settings.load(environ={"PROPCORE_JOBS_RUNNER": "cron"}, file=None)


def test_the_bill_run_day_comes_from_the_file_or_the_environment(tmp_path: Path):
    path = tmp_path / "propcore.toml"
    path.write_text("bill_run_day = 5\n")

    from_file = Settings.load(environ={}, file=path)
    from_env = Settings.load(environ={"PROPCORE_BILL_RUN_DAY": "28"}, file=path)

    assert (from_file.bill_run_day, from_env.bill_run_day) == (5, 28)


@pytest.mark.parametrize("text", ["bill_run_day = 29", "bill_run_day = 0",
                                  'bill_run_day = "1st"'])  # fmt: skip
def test_a_bill_run_day_not_in_every_month_is_refused_by_name(tmp_path: Path, text):
    path = tmp_path / "propcore.toml"
    path.write_text(text + "\n")

    with pytest.raises(SettingsError, match="bill_run_day"):
        Settings.load(environ={}, file=path)


def test_a_misspelt_bill_run_day_is_refused_by_name(tmp_path: Path):
    path = tmp_path / "propcore.toml"
    path.write_text("bill_run_days = 5\n")

    with pytest.raises(SettingsError, match="unknown settings: bill_run_days"):
        Settings.load(environ={}, file=path)
