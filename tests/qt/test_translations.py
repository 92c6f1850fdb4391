from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.app import install_translators
from desktop.resources import translations_dir

TS = Path(__file__).resolve().parents[2] / "translations" / "desktop_zh_CN.ts"


def test_every_string_has_a_chinese_translation():
    unfinished = [
        m.findtext("source")
        for m in ET.parse(TS).getroot().iter("message")
        if m.find("translation[@type='unfinished']") is not None or not m.findtext("translation")
    ]
    assert unfinished == []


def test_the_compiled_translation_matches_its_source(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(fresh)], check=True)
    shipped = translations_dir() / "desktop_zh_CN.qm"
    assert fresh.read_bytes() == shipped.read_bytes(), "run scripts/update-translations"


def test_a_chinese_desktop_gets_a_chinese_window(qtbot, app_parts):
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = set(app.findChildren(QTranslator))
    install_translators(app, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        window = app_parts.build(key=None, connect=False)
        window.show_missing_key()
        assert window.talk_button.text() == "按住说话（空格键）"
        assert "API 密钥" in window.banner.text()
    finally:
        for translator in set(app.findChildren(QTranslator)) - before:
            app.removeTranslator(translator)
