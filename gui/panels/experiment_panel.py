"""The experiment panel: data set, method (grouped by family), its hyper-parameters, the run's settings.

It owns no run: it says what the user picked (``config()``) and signals changes; the main window
decides whether a change is applied live, on Reset, or after asking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QScrollArea,
                               QToolButton, QVBoxLayout, QWidget)

from gui.i18n_engine import engine_text, engine_tr, param_label
from gui.panels.param_form import ParamForm

FOLDER_ITEM = "Image folder…"
DRAW_ITEM = "Draw 2-D points…"
DOWNLOAD_SUFFIX = "  (download)"


def _tr(text: str) -> str:
    """The panel's words in the user's language (gui/translations/, context "ExperimentPanel")."""
    return QCoreApplication.translate("ExperimentPanel", text)


class ExperimentPanel(QScrollArea):
    structure_changed = Signal(str, object)  # "dataset"/"method"/a non-live param name, new value
    live_changed = Signal(str, object)  # a live hyper-parameter (method or run), new value
    draw_points_requested = Signal()  # "Draw 2-D points…" was picked: the window opens the drawing dialog

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)

        data_box = QGroupBox(_tr("Data"))
        form = QFormLayout(data_box)
        self.dataset = QComboBox()
        self.dataset.setToolTip(_tr("The embedded sets work offline; the others download once."))
        form.addRow(_tr("data set"), self.dataset)
        self.dataset_info = QLabel()
        self.dataset_info.setWordWrap(True)
        self.dataset_info.setStyleSheet("color: gray")
        form.addRow(self.dataset_info)
        layout.addWidget(data_box)

        method_box = QGroupBox(_tr("Method"))
        mform = QVBoxLayout(method_box)
        self.method = QComboBox()
        mform.addWidget(self.method)
        self.paper = QLabel()
        self.paper.setWordWrap(True)
        self.paper.setStyleSheet("color: gray")
        mform.addWidget(self.paper)
        self.method_form = ParamForm()
        mform.addWidget(self.method_form)
        self.preset_note = QLabel()  # the known-good preset of the method and data set chosen, when it has one
        self.preset_note.setWordWrap(True)
        self.preset_note.setStyleSheet("color: #2a5d8a")
        self.preset_note.hide()
        mform.addWidget(self.preset_note)
        layout.addWidget(method_box)

        run_box = QGroupBox(_tr("Run"))
        rform = QVBoxLayout(run_box)
        # On a projector's 720 lines the run's settings would push the form past the screen: they fold
        # into one line of what they are, and unfold with a click.
        self.run_toggle = QToolButton()
        self.run_toggle.setCheckable(True)
        self.run_toggle.setChecked(True)
        self.run_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.run_toggle.setAutoRaise(True)
        self.run_toggle.toggled.connect(self._show_run_settings)
        self.run_summary = QLabel()
        self.run_summary.setWordWrap(True)
        self.run_summary.setStyleSheet("color: gray")
        header = QHBoxLayout()
        header.addWidget(self.run_toggle)
        header.addWidget(self.run_summary, 1)
        rform.addLayout(header)
        self.run_body = QWidget()
        body_layout = QVBoxLayout(self.run_body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.run_form = ParamForm()
        body_layout.addWidget(self.run_form)
        legend = QLabel(_tr("● changes while training; the rest on Reset (R)"))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: gray")
        body_layout.addWidget(legend)
        rform.addWidget(self.run_body)
        self._show_run_settings(True)
        layout.addWidget(run_box)
        layout.addStretch(1)

        self.loading_note = QLabel(_tr("The settings appear once the training engine has started (a few "
                                       "seconds on first launch, while PyTorch loads)."))
        self.loading_note.setWordWrap(True)
        self.loading_note.setStyleSheet("color: #8a5a00")
        layout.insertWidget(0, self.loading_note)
        self.folder_path: str | None = None
        self._shown_dataset_index = 0  # where to go back to when a folder dialog is cancelled
        self.setEnabled(False)  # until the engine is loaded

    # -- filling ----------------------------------------------------------------------------------
    def populate(self) -> None:
        """Fill the lists from the engine's registries (called once the engine is imported)."""
        from engine.training.config import RunParams
        from engine.data import dataset_names, embedded_names
        from engine.training.device import available_devices
        from engine.methods import methods_by_family

        self.dataset.blockSignals(True)
        embedded = set(embedded_names())
        for name in dataset_names():
            self.dataset.addItem(name + ("" if name in embedded else _tr(DOWNLOAD_SUFFIX)), name)
        self.dataset.addItem(_tr(FOLDER_ITEM), "folder:")
        self.dataset.addItem(_tr(DRAW_ITEM), "points:")
        self.dataset.blockSignals(False)

        self.method.blockSignals(True)
        model = self.method.model()
        for family, classes in methods_by_family().items():
            header = QStandardItem(engine_tr(family).upper())
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading, not a choice
            model.appendRow(header)
            for cls in classes:
                self.method.addItem("   " + cls.label, cls.name)
        self.method.setCurrentIndex(self.method.findData("autoencoder"))
        self.method.blockSignals(False)

        self.run_form.build(RunParams)
        device = self.run_form.widget("device")
        avail = available_devices()
        for i in range(device.count()):
            name = device.itemData(i)
            if name != "auto" and not avail.get(name, False):
                device.model().item(i).setEnabled(False)  # unavailable devices are shown, not choosable
                device.setItemData(i, _tr("{0} is not available on this machine").format(name.upper()),
                                   Qt.ItemDataRole.ToolTipRole)
        self._build_method_form()
        self.dataset.currentIndexChanged.connect(self._on_dataset_chosen)
        self.method.currentIndexChanged.connect(self._on_method_chosen)
        self.method_form.changed.connect(self._on_param_changed)
        self.run_form.changed.connect(self._on_param_changed)
        self.loading_note.hide()
        self.setEnabled(True)
        self._refresh_run_summary()

    def _build_method_form(self, values: dict[str, Any] | None = None) -> None:
        from engine.methods import get_method

        cls = get_method(self.method_name())
        self.method_form.build(cls.Params, values)
        self.paper.setText(cls.paper)

    # -- what the user picked ---------------------------------------------------------------------
    def method_name(self) -> str:
        return self.method.currentData()

    def dataset_name(self) -> str:
        data = self.dataset.currentData()
        return f"folder:{self.folder_path}" if data == "folder:" else data

    def config(self, **extra: Any):
        from engine.training.config import RunConfig

        return RunConfig(method=self.method_name(), dataset=self.dataset_name(),
                         method_params=self.method_form.values(), run_params=self.run_form.values(), **extra)

    def show_run(self, method: str, dataset: str, params: dict[str, Any], run_params: dict[str, Any]) -> None:
        """Show a run's settings (e.g. an opened checkpoint's) without signalling any change."""
        for combo in (self.dataset, self.method):
            combo.blockSignals(True)
        i = self.method.findData(method)
        if i >= 0:
            self.method.setCurrentIndex(i)
        if dataset.startswith("folder:"):
            self.folder_path = dataset.split(":", 1)[1]
            self.dataset.setCurrentIndex(self.dataset.findData("folder:"))
        elif dataset.startswith("points:"):  # a drawing (a checkpoint or a lesson may name one not listed yet)
            self.dataset.setCurrentIndex(self._points_index(dataset))
        else:
            j = self.dataset.findData(dataset)
            if j >= 0:
                self.dataset.setCurrentIndex(j)
        self._shown_dataset_index = self.dataset.currentIndex()
        for combo in (self.dataset, self.method):
            combo.blockSignals(False)
        self._build_method_form(params)
        self.run_form.set_values(run_params)
        self._refresh_run_summary()

    def set_run_collapsed(self, collapsed: bool) -> None:
        self.run_toggle.setChecked(not collapsed)

    def _show_run_settings(self, shown: bool) -> None:
        self.run_body.setVisible(shown)
        self.run_summary.setVisible(not shown)
        self.run_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.run_toggle.setText(_tr("hide") if shown else _tr("show"))
        self.run_toggle.setToolTip(_tr("Hide the run's settings") if shown else
                                   _tr("Show the run's settings: optimiser, learning rate, batch size, seed, device"))
        self._refresh_run_summary()

    def _refresh_run_summary(self) -> None:
        values = self.run_form.values()
        if not values:  # before the engine has filled the form
            self.run_summary.setText(_tr("optimiser, learning rate, batch size, seed, device"))
            return
        lr = values.get("lr")
        self.run_summary.setText(" · ".join(str(v) for v in (
            values.get("optimizer"), f"lr {lr:g}" if isinstance(lr, float) else None,
            _tr("batch {0}").format(values.get("batch_size")), _tr("seed {0}").format(values.get("seed")), values.get("device")) if v))

    def describe_change(self, name: str, value: Any) -> str:
        """The change in the words the user sees ("switch to β-VAE / VAE", "change batch size to 64")."""
        if name == "method":
            i = self.method.findData(value)
            return _tr("switch to {0}").format(self.method.itemText(i).strip() if i >= 0 else value)
        if name == "dataset":
            data = "folder:" if str(value).startswith("folder:") else value
            i = self.dataset.findData(data)
            shown = self.dataset.itemText(i).replace(_tr(DOWNLOAD_SUFFIX), "") if i >= 0 else value
            if data == "folder:":
                return _tr("switch to the images in {0}").format(self.folder_path)
            if str(value).startswith("points:"):
                return _tr("switch to the points drawn in {0}").format(Path(str(value)[7:]).name)
            return _tr("switch to the {0} data").format(shown)
        shown_value = f"{value:g}" if isinstance(value, float) else str(value)
        return _tr("change {0} to {1}").format(engine_tr(param_label(name)), shown_value)

    def set_dataset_info(self, text: str) -> None:
        self.dataset_info.setText(engine_text(text))  # in the engine catalogue: a literal, or a Words (a folder's)

    # -- slots ------------------------------------------------------------------------------------
    def select_points(self, path: str, method: str = "gan") -> None:
        """Train on the 2-D points in ``path`` (a drawing): listed and chosen as any data set is, so the window
        starts a run on them (asking first, as for any switch). A method that trains on images only is
        swapped for ``method`` in the same switch: the drawing would otherwise start a run that fails."""
        from engine.methods import get_method

        if "points" not in get_method(self.method_name()).data_kinds and self.method.findData(method) >= 0:
            self.method.blockSignals(True)
            self.method.setCurrentIndex(self.method.findData(method))
            self.method.blockSignals(False)
            self._build_method_form()
        self.dataset.setCurrentIndex(self._points_index(f"points:{path}"))

    def _points_index(self, dataset: str) -> int:
        """The list's entry of the points data set ``dataset`` ("points:PATH"), added above the dialogs'
        entries the first time (a drawing is a data set of its own, as each embedded set is)."""
        i = self.dataset.findData(dataset)
        if i < 0:
            i = self.dataset.findData("folder:")
            blocked = self.dataset.blockSignals(True)
            self.dataset.insertItem(i, _tr("drawn: {0}").format(Path(dataset[7:]).stem), dataset)
            self.dataset.setItemData(i, dataset[7:], Qt.ItemDataRole.ToolTipRole)
            self.dataset.blockSignals(blocked)
            if i <= self._shown_dataset_index:  # (a folder's entry, shown, moved down one)
                self._shown_dataset_index += 1
        return i

    def _on_dataset_chosen(self, _index: int) -> None:
        if self.dataset.currentData() == "points:":  # a dialog, not a data set: back to the one shown
            self.dataset.blockSignals(True)
            self.dataset.setCurrentIndex(self._shown_dataset_index)
            self.dataset.blockSignals(False)
            self.draw_points_requested.emit()
            return
        if self.dataset.currentData() == "folder:":
            path = QFileDialog.getExistingDirectory(self, _tr("Choose a folder of images"))
            if not path:
                self.dataset.blockSignals(True)
                self.dataset.setCurrentIndex(self._shown_dataset_index)
                self.dataset.blockSignals(False)
                return
            self.folder_path = path
        self.apply_preset()
        self.structure_changed.emit("dataset", self.dataset_name())

    def _on_method_chosen(self, _index: int) -> None:
        self._build_method_form()
        self.apply_preset()
        self.structure_changed.emit("method", self.method_name())

    def apply_preset(self) -> None:
        """Choosing a method and a data set that have a known-good preset (assets/presets/) sets its settings
        and says so under the form, so that a first Play works (a GAN on the ring with an image GAN's
        settings drew a line, not the ring); the user changes any of them as usual."""
        from engine.presets import preset_for
        from gui.i18n import current_language

        preset = preset_for(self.method_name(), self.dataset_name() or "")
        self.preset_note.setVisible(preset is not None)
        if preset is None:
            return
        self.method_form.set_values(preset.settings)
        self.run_form.set_values(preset.run)
        self._refresh_run_summary()
        language = "zh" if current_language() == "zh_CN" else "en"
        self.preset_note.setText(_tr("Preset: {0}").format(preset.text("label", language)))
        self.preset_note.setToolTip(preset.text("note", language))

    def _on_param_changed(self, name: str, value: Any) -> None:
        self._refresh_run_summary()
        form = self.sender()
        if isinstance(form, ParamForm) and form.is_live(name):
            self.live_changed.emit(name, value)
        else:
            self.structure_changed.emit(name, value)
