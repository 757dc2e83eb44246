"""The interface's language: Qt's own translation system (QCoreApplication.translate, a .ts source and a
compiled .qm in gui/translations/), the user's choice in View ▸ Language, else the system locale, and a
check that a font which can draw Chinese is there before the Chinese interface is shown."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QActionGroup, QFont, QFontDatabase

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # each shown in its own language, so anyone finds theirs
SETTINGS_KEY = "language"
# Tried in order when the default font has no Chinese glyphs; Qt usually falls back by itself, but not
# on every platform (the offscreen one, a bare Linux box), so the app picks one it knows can.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                "Microsoft YaHei", "PingFang SC", "Droid Sans Fallback")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Language", text)


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"encoder_lab_{language}.qm"


def engine_qm_path(language: str) -> Path:
    """The engine's words (hyper-parameters, augmentations, figures): gui/i18n_engine.py's catalogue."""
    return TRANSLATIONS_DIR / f"encoder_lab_engine_{language}.qm"


def system_language(locale: QLocale | None = None) -> str:
    """zh_CN for any Chinese locale (the only translation shipped), else English."""
    locale = locale or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def chosen_language(settings=None) -> str:
    """The language picked in View ▸ Language, else the system locale's."""
    if settings is None:
        from gui.window.settings import app_settings

        settings = app_settings()
    value = settings.value(SETTINGS_KEY, "")
    return value if value in LANGUAGES else system_language()


def install_translator(app, language: str) -> QTranslator | None:
    """Load ``language``'s .qm into ``app``; English is the source text and needs none."""
    remove_translator(app)
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        print(f"encoder-lab: no translation for {language} at {qm_path(language)}; using English",
              file=sys.stderr)
        return None
    app.installTranslator(translator)
    app._encoder_lab_translator = translator  # keep it alive as long as the app
    engine = QTranslator(app)
    if engine.load(str(engine_qm_path(language))):
        app.installTranslator(engine)
        app._encoder_lab_engine_translator = engine
    else:  # the window in Chinese still helps; the engine's words stay English
        print(f"encoder-lab: no translation of the engine's words at {engine_qm_path(language)}", file=sys.stderr)
    # Qt's own words (OK, Cancel, Discard, the file dialogs) from the translations Qt ships beside itself;
    # without them every message box of the Chinese window had English buttons.
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        app._encoder_lab_qt_translator = qt
    if language.startswith("zh"):
        ensure_cjk_font(app)
    return translator


def current_language(app=None) -> str:
    """The language the interface shows now: "zh_CN" while its Chinese translation is installed in
    ``app`` (the running application by default), else "en" (the source text)."""
    app = app if app is not None else QCoreApplication.instance()
    return "zh_CN" if getattr(app, "_encoder_lab_translator", None) is not None else "en"


def remove_translator(app) -> None:
    for attribute in ("_encoder_lab_translator", "_encoder_lab_engine_translator", "_encoder_lab_qt_translator"):
        old = getattr(app, attribute, None)
        if old is not None:
            app.removeTranslator(old)
            setattr(app, attribute, None)


def cjk_families() -> list[str]:
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def ensure_cjk_font(app) -> str | None:
    """Make sure Chinese text renders: returns the family used, or None with a message on stderr."""
    families = cjk_families()
    if not families:
        print("encoder-lab: no font that can draw Chinese was found, so the Chinese interface would show "
              "empty boxes. Install one (e.g. the package fonts-noto-cjk or noto-sans-cjk-fonts) and "
              "start again, or choose View ▸ Language ▸ English.", file=sys.stderr)
        return None
    font = app.font()
    if font.family() in families:
        return font.family()
    family = next((f for f in CJK_FAMILIES if f in families), families[0])
    # Keep the default font for Latin text and let Chinese fall back to the CJK family.
    font = QFont(app.font())
    font.setFamilies([app.font().family(), family])
    app.setFont(font)
    return family


def build_language_menu(window, parent_menu):
    """View ▸ Language: English / 简体中文. The choice is saved and takes effect on the next start."""
    from gui.window.settings import app_settings

    menu = parent_menu.addMenu(_tr("&Language"))
    group = QActionGroup(menu)
    group.setExclusive(True)
    current = chosen_language(app_settings())
    for code, name in LANGUAGES.items():
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)

    def choose(action) -> None:
        app_settings().setValue(SETTINGS_KEY, action.data())
        window.statusBar().showMessage(_tr("The language changes when Encoder Lab starts again"), 8000)

    group.triggered.connect(choose)
    window.language_menu = menu
    return menu
