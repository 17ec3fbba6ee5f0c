"""The safety screens: the first-start acknowledgement, the Help copy, and the advice shown
after the user stops because pain spread down the leg. All wording comes from
``sciatica_coach.core.safety``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core import safety
from sciatica_coach.i18n import _
from sciatica_coach.ui.colours import BIG_CHECKBOX_STYLE, red_flag_accent, red_flag_tier_style
from sciatica_coach.ui.dialog_parts import (
    BASE_POINT_SIZE,
    HEADING_POINT_SIZE,
    TITLE_POINT_SIZE,
    bullet_list,
    fit_to_screen,
    make_roomy,
    scrolling,
    sized_label,
    use_readable_font,
)
from sciatica_coach.ui.settings_keys import ACK_KEY


class RedFlagBox(QFrame):
    """One tier of warning signs in a frame: its heading, the signs, then what to do.

    The emergency tier has a red edge and a faint red wash, the same-day tier an amber one,
    and the soon tier a plain edge. The colours are picked for the current palette (deeper on
    light, softer on dark) so the headings stay readable, and again if the palette changes.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        tier: safety.RedFlagTier = safety.EMERGENCY,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.tier = tier
        self.setObjectName(f"{tier.code}Flags")
        emergency = tier is safety.EMERGENCY
        if compact:
            heading_size = BASE_POINT_SIZE
        else:
            heading_size = TITLE_POINT_SIZE - 2 if emergency else HEADING_POINT_SIZE
        shown = tier.translated()
        self.heading = sized_label(shown.heading + ":", heading_size, bold=True)
        self.heading.setObjectName(f"{tier.code}Heading")
        self.items = bullet_list(shown.items)
        self.action = sized_label(shown.action, BASE_POINT_SIZE, bold=emergency)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.items)
        layout.addWidget(self.action)
        self._restyling = False
        self._apply_accent()

    def accent(self) -> str:
        return red_flag_accent(self.palette())

    def _apply_accent(self) -> None:
        self._restyling = True
        self.setStyleSheet(red_flag_tier_style(self.palette(), self.tier.code))
        self._restyling = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and not self._restyling:
            self._apply_accent()
        super().changeEvent(event)


class SafetyDialog(QDialog):
    """The safety information. With ``require_ack`` the user must tick a box to continue;
    closing the window any other way rejects the dialog.

    The warning signs come first, most urgent first; then who should ask a clinician before
    starting, and the stop rules.
    """

    def __init__(self, parent: QWidget | None = None, *, require_ack: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Before you start") if require_ack else _("Safety information"))
        use_readable_font(self)

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(28, 24, 28, 16)
        body.setSpacing(12)
        title = _("Please read this first") if require_ack else _("Safety information")
        body.addWidget(sized_label(title, TITLE_POINT_SIZE, bold=True))
        body.addWidget(sized_label(_(safety.DISCLAIMER), BASE_POINT_SIZE))
        body.addWidget(sized_label(_(safety.REASSURANCE), BASE_POINT_SIZE))
        body.addSpacing(4)
        self.tiers = [RedFlagBox(tier=tier) for tier in safety.RED_FLAG_TIERS]
        self.red_flags = self.tiers[0]
        for box in self.tiers:
            body.addWidget(box)
        for heading, items in (
            (safety.CHECK_FIRST_HEADING, safety.CHECK_FIRST),
            (safety.STOP_HEADING, safety.STOP_SIGNS),
            (safety.SETTLE_HEADING, safety.SETTLE_SIGNS),
            (safety.OKAY_HEADING, safety.OKAY_SIGNS),
        ):
            body.addSpacing(10)
            body.addWidget(sized_label(_(heading) + ":", HEADING_POINT_SIZE, bold=True))
            body.addWidget(bullet_list(tuple(_(item) for item in items)))
        body.addStretch(1)
        self.scroll_area = scrolling(content)

        self.acknowledge: QCheckBox | None = None
        buttons = QDialogButtonBox()
        if require_ack:
            self.acknowledge = QCheckBox(
                _("I have read this and understand it is not medical advice")
            )
            self.acknowledge.setStyleSheet(BIG_CHECKBOX_STYLE)
            self.acknowledge.setFont(self.font())
            self.continue_button = QPushButton(_("Continue"))
            self.continue_button.setEnabled(False)
            self.continue_button.setDefault(True)
            self.acknowledge.toggled.connect(self.continue_button.setEnabled)
            quit_button = QPushButton(_("Quit"))
            quit_button.setAutoDefault(False)
            buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        else:
            close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
            close.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        make_roomy(buttons)

        footer = QVBoxLayout()
        footer.setContentsMargins(28, 8, 28, 20)
        footer.setSpacing(12)
        if self.acknowledge is not None:
            footer.addWidget(self.acknowledge)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll_area, 1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(rule)
        layout.addLayout(footer)
        self.scroll_area.setFocus()
        fit_to_screen(self, 760, 820)

    def accept(self) -> None:
        if self.acknowledge is not None and not self.acknowledge.isChecked():
            return
        super().accept()


def safety_acknowledged(settings: QSettings) -> bool:
    """Whether the user has acknowledged the current version of the safety text."""
    stored = settings.value(ACK_KEY, 0)
    try:
        return int(str(stored)) >= safety.SAFETY_VERSION
    except (TypeError, ValueError):
        return False


def ensure_safety_acknowledged(settings: QSettings, parent: QWidget | None = None) -> bool:
    """Show the safety screen unless the current version was already acknowledged.

    Returns whether the user may go on; an acknowledgement is stored straight away.
    """
    if safety_acknowledged(settings):
        return True
    dialog = SafetyDialog(parent, require_ack=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    settings.setValue(ACK_KEY, safety.SAFETY_VERSION)
    problem = sync_settings(settings)
    if problem:
        from sciatica_coach.ui.plain_text import show_warning

        show_warning(
            parent,
            _("Not saved"),
            _("{problem} You will be asked to read this again.").format(problem=problem),
        )
    return True


def sync_settings(settings: QSettings) -> str:
    """Write ``settings`` to disk now; an empty string, or one line saying what went wrong.

    QSettings replaces its file only once the new one is complete, so a failed write leaves
    the previous settings as they were.
    """
    settings.sync()
    if settings.status() == QSettings.Status.NoError:
        return ""
    return _("Your settings could not be saved to {file}.").format(file=settings.fileName())


class StopAdviceDialog(QDialog):
    """Shown after the user stops because pain spread down the leg: what to do now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Take a rest"))
        use_readable_font(self)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(28, 24, 28, 16)
        body.setSpacing(14)
        body.addWidget(sized_label(_("You stopped. Time to rest."), TITLE_POINT_SIZE, bold=True))
        body.addWidget(sized_label(_(safety.STOP_ADVICE), BASE_POINT_SIZE))
        self.red_flags = RedFlagBox(compact=True)
        body.addWidget(self.red_flags)
        body.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        make_roomy(buttons)
        footer = QVBoxLayout()
        footer.setContentsMargins(28, 8, 28, 20)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(content), 1)
        layout.addLayout(footer)
        ok.setFocus()
        fit_to_screen(self, 680, 820)
