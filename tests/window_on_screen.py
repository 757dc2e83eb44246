"""Run as a script: open the main window on an offscreen screen of a given size, as a user's restored
layout from a bigger monitor would, and print where it landed as JSON. A separate process, because Qt's
offscreen screen size is fixed when the QApplication starts (tests/test_gui_lecture.py runs it)."""

import json
import os
import sys
import tempfile


def main(width: int, height: int, png: str | None = None) -> None:
    config = os.path.join(tempfile.mkdtemp(), "screen.json")
    with open(config, "w") as f:
        json.dump({"screens": [{"name": "projector", "x": 0, "y": 0, "width": width, "height": height,
                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}, f)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    from PySide6.QtCore import QRect

    from gui.app import create_app
    from gui.window.main_window import MainWindow
    from gui.tools.screenshot import pump_for

    app = create_app([])
    first = MainWindow(fit_screen=False, analysis=False)
    first.ask_before_discard = False
    first.setGeometry(QRect(300, 200, 1900, 1150))  # saved on a big monitor
    first.show()
    first.close()
    window = MainWindow(analysis=False)
    window.ask_before_discard = False
    window.show()
    pump_for(0.5)
    area, frame = window.screen().availableGeometry(), window.frameGeometry()
    docks = {title: [d.widget().width(), d.widget().height()] for title, d in window.docks.items()
             if d.isVisible() and not d.visibleRegion().isEmpty()}
    if png:
        window.grab().save(png)
    print(json.dumps({"screen": [area.x(), area.y(), area.width(), area.height()],
                      "frame": [frame.x(), frame.y(), frame.width(), frame.height()], "docks": docks,
                      "run_settings_folded": window.panel.run_body.isHidden()}))
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
