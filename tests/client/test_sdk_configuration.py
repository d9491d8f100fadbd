"""Configuration: server address resolution, credentials and logging from arguments or env."""

from __future__ import annotations

import logging
import pickle

import httpx
import pytest

from conductor.client.configuration.configuration import Configuration
from conductor.client.configuration.settings.authentication_settings import AuthenticationSettings
from conductor.client.configuration.settings.metrics_settings import MetricsSettings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "CONDUCTOR_SERVER_URL",
        "CONDUCTOR_UI_SERVER_URL",
        "CONDUCTOR_AUTH_KEY",
        "CONDUCTOR_AUTH_SECRET",
        "CONDUCTOR_LOG_LEVEL",
        "CONDUCTOR_REGISTER_SCHEMAS",
    ):
        monkeypatch.delenv(name, raising=False)


def test_default_host_is_localhost() -> None:
    """Without arguments or environment the SDK talks to http://localhost:8080/api."""
    config = Configuration()
    assert config.host == "http://localhost:8080/api"
    assert config.ui_host == "http://localhost:8080"
    assert config.authentication_settings is None


def test_host_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """server_api_url beats base_url, which beats CONDUCTOR_SERVER_URL."""
    monkeypatch.setenv("CONDUCTOR_SERVER_URL", "http://env:1/api")
    assert Configuration().host == "http://env:1/api"
    assert Configuration(base_url="http://base:2").host == "http://base:2/api"
    assert (
        Configuration(base_url="http://base:2", server_api_url="http://exact:3/x").host == "http://exact:3/x"
    )


def test_ui_host_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDUCTOR_UI_SERVER_URL", "http://ui:5000")
    assert Configuration().ui_host == "http://ui:5000"


def test_credentials_from_environment_need_both(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys come from CONDUCTOR_AUTH_KEY and CONDUCTOR_AUTH_SECRET only when both are set."""
    monkeypatch.setenv("CONDUCTOR_AUTH_KEY", "key")
    assert Configuration().authentication_settings is None
    monkeypatch.setenv("CONDUCTOR_AUTH_SECRET", "secret")
    settings = Configuration().authentication_settings
    assert settings is not None
    assert (settings.key_id, settings.key_secret) == ("key", "secret")


def test_explicit_credentials_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDUCTOR_AUTH_KEY", "env-key")
    monkeypatch.setenv("CONDUCTOR_AUTH_SECRET", "env-secret")
    config = Configuration(authentication_settings=AuthenticationSettings("k", "very-secret"))
    assert config.authentication_settings is not None
    assert config.authentication_settings.key_id == "k"
    assert "very-secret" not in repr(config.authentication_settings)


def test_log_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """debug selects DEBUG; log_level or CONDUCTOR_LOG_LEVEL override it."""
    assert Configuration().log_level == logging.INFO
    assert Configuration(debug=True).log_level == logging.DEBUG
    assert Configuration(log_level="warning").log_level == logging.WARNING
    monkeypatch.setenv("CONDUCTOR_LOG_LEVEL", "ERROR")
    assert Configuration(debug=True).log_level == logging.ERROR


def test_token_ttl_and_register_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Configuration(auth_token_ttl_min=2).auth_token_ttl_msec == 120_000
    assert Configuration().register_schema is None
    monkeypatch.setenv("CONDUCTOR_REGISTER_SCHEMAS", "true")
    assert Configuration().register_schema is True


def test_configuration_pickles_without_its_http_client() -> None:
    """Configurations travel to worker processes; a live httpx client must not."""
    config = Configuration(server_api_url="http://127.0.0.1:1/api")
    config.http_connection = httpx.Client()
    copy = pickle.loads(pickle.dumps(config))
    assert copy.host == config.host
    assert copy.http_connection is None
    config.http_connection.close()


def test_metrics_settings_are_stored_without_side_effects(tmp_path: object) -> None:
    settings = MetricsSettings(
        directory="/nonexistent/metrics", file_name="m.log", update_interval=1.5, http_port=9
    )
    assert settings.directory == "/nonexistent/metrics"
    assert settings.file_path == "/nonexistent/metrics/m.log"
    assert (settings.update_interval, settings.http_port) == (1.5, 9)
