import keyring.backends.fail
import pytest

from desktop import appinfo
from desktop.config import ApiKey, SecretStore, SecretStoreUnavailable, Settings, SettingsStore


def test_settings_round_trip_through_an_ini_file(tmp_path):
    store = SettingsStore(tmp_path / "settings.ini")
    assert store.load() == Settings()
    wanted = Settings("https://relay.example", "gpt-realtime", "marin", "用中文回答")
    store.save(wanted)
    assert SettingsStore(tmp_path / "settings.ini").load() == wanted


def test_command_line_overrides_only_what_was_given():
    base = Settings()
    assert base.with_overrides(base_url=None, model="gpt-realtime").model == "gpt-realtime"
    assert base.with_overrides(base_url=None, model=None) == base


def test_the_key_lives_in_the_keyring_under_the_contract_names(memory_keyring):
    secrets = SecretStore(memory_keyring)
    secrets.set("sk-secret-123")
    assert memory_keyring.passwords == {
        (appinfo.KEYRING_SERVICE, appinfo.KEYRING_USERNAME): "sk-secret-123"
    }
    assert secrets.get() == "sk-secret-123"
    secrets.delete()
    assert secrets.get() is None
    secrets.delete()  # deleting twice is fine


def test_no_keyring_backend_is_reported_not_worked_around():
    secrets = SecretStore(keyring.backends.fail.Keyring())
    assert not secrets.available
    with pytest.raises(SecretStoreUnavailable) as info:
        secrets.set("sk-secret-123")
    assert "sk-secret-123" not in str(info.value)


def test_a_turned_off_shortcut_and_sounds_stay_off(tmp_path):
    store = SettingsStore(tmp_path / "settings.ini")
    assert store.load().global_shortcut == "Ctrl+Alt+Space"
    assert store.load().turn_sounds is True
    store.save(Settings(global_shortcut="", turn_sounds=False, close_to_tray="tray"))
    loaded = SettingsStore(tmp_path / "settings.ini").load()
    assert (loaded.global_shortcut, loaded.turn_sounds, loaded.close_to_tray) == ("", False, "tray")


def test_a_key_for_this_run_wins_over_the_keyring_and_is_never_stored(memory_keyring):
    secrets = SecretStore(memory_keyring)
    key = ApiKey(secrets)
    assert key.current() is None
    secrets.set("sk-stored")
    assert key.current() == "sk-stored"
    key.use_for_this_run("sk-this-run")
    assert key.current() == "sk-this-run"
    assert secrets.get() == "sk-stored"
    key.use_for_this_run("")
    assert key.current() == "sk-stored"


def test_without_a_keyring_only_a_key_for_this_run_is_there():
    key = ApiKey(SecretStore(keyring.backends.fail.Keyring()))
    assert key.current() is None
    key.use_for_this_run("sk-this-run")
    assert key.current() == "sk-this-run"
