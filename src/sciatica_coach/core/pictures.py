"""Safety rules for the picture a user's routine names: no Qt, only what can be seen in the bytes.

A picture may not make the app read anything else or allocate without bound:

- at most MAX_PICTURE_BYTES on disk (MAX_SVG_BYTES for drawings);
- a PNG or GIF at most MAX_SIDE pixels a side and MAX_PIXELS in all, read from its header
  (PNG) or from the screen and every frame (GIF), so decoding never needs more than
  MAX_PIXELS * 4 bytes;
- an SVG is well-formed UTF-8 XML with no DOCTYPE (so no entities, internal or external), no
  processing instructions, no ``<image>``, ``<script>`` or ``<foreignObject>``, no ``href`` but
  ``#fragment`` and no ``url(...)`` but ``url(#fragment)``, nested at most MAX_SVG_DEPTH deep.

The path a routine gives for its picture has rules of its own (`resolve_picture_path`): it is
relative and stays inside the routine's folder.

Whether a PNG or GIF really decodes is left to the Qt side (`illustrations.qt_pictures`), which
runs these rules first on the same bytes.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from sciatica_coach.core.safe_read import FileRefused, read_regular_file
from sciatica_coach.i18n import _

PICTURE_SUFFIXES = (".svg", ".png", ".gif")
# A 1080p screenshot PNG is 1-3 MB and an exercise GIF a few MB; 16 MiB leaves room and keeps
# a file read into memory small. Drawings are text: 2 MiB is many times a detailed drawing.
MAX_PICTURE_BYTES = 16 * 1024 * 1024
MAX_SVG_BYTES = 2 * 1024 * 1024
# A 12-megapixel phone photo fits; the decoded image is then at most about 100 MB.
MAX_SIDE = 8192
MAX_PIXELS = 25_000_000
# Qt draws nested groups recursively; a drawing by hand or from an editor nests a dozen deep.
MAX_SVG_DEPTH = 64

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
GIF_SIGNATURES = (b"GIF87a", b"GIF89a")
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_FORBIDDEN_ELEMENTS = {"image", "script", "foreignobject"}
_FEED = 64 * 1024


class PictureError(ValueError):
    """The picture breaks a safety rule or is not what its name says; the message says which."""


def resolve_picture_path(folder: Path, relative: str) -> Path:
    """The picture a routine names by ``relative``, resolved against the routine's ``folder``.

    The path must be relative (on any system: no drive, no leading ``/``, ``\\`` or ``~``),
    stay inside ``folder`` once symbolic links and ".." are resolved, end in .svg, .png or .gif
    there, and exist and not be a folder. Raises `PictureError` otherwise, with a message that
    reads on after the word "image". The bytes are not read: `read_picture` does that.
    """
    if not relative.strip():
        raise PictureError(_("must not be empty"))
    if any(ord(c) < 32 or ord(c) == 127 for c in relative):
        # Shown escaped: a raw control character would garble the terminal or the label.
        shown = "".join(c if 32 <= ord(c) != 127 else f"\\x{ord(c):02x}" for c in relative)
        raise PictureError(
            _("must not contain control characters, got {short}").format(short=_short(shown))
        )
    if (
        PurePosixPath(relative).is_absolute()
        or PureWindowsPath(relative).is_absolute()
        or relative.startswith(("~", "\\"))
        or ":" in relative
    ):
        raise PictureError(
            _("must be a path relative to the routine file, got {relative}").format(
                relative=relative
            )
        )
    try:
        root = folder.resolve()
        resolved = (root / relative).resolve()
    except (OSError, RuntimeError) as error:
        # RuntimeError is how Python 3.11 reports a symbolic link loop.
        raise PictureError(
            _("{relative} cannot be followed: {error}").format(relative=relative, error=error)
        ) from None
    if not resolved.is_relative_to(root):
        raise PictureError(
            _("must stay inside the folder {root}, got {relative}, which points outside it").format(
                root=root, relative=relative
            )
        )
    if resolved.suffix.lower() not in PICTURE_SUFFIXES:
        raise PictureError(
            _("must be an SVG, PNG or GIF file, got {relative} (an unsupported type)").format(
                relative=relative
            )
        )
    if not resolved.exists():
        raise PictureError(_("file {resolved} does not exist").format(resolved=resolved))
    if resolved.is_dir():
        raise PictureError(_("{relative} is a folder, not a file").format(relative=relative))
    return resolved


def read_picture(path: Path) -> bytes:
    """The bytes of a picture file, read safely and checked with `check_picture`."""
    suffix = path.suffix.lower()
    limit = MAX_SVG_BYTES if suffix == ".svg" else MAX_PICTURE_BYTES
    try:
        data = read_regular_file(path, limit)
    except FileRefused as error:
        raise PictureError(str(error)) from None
    check_picture(data, suffix)
    return data


def check_picture(data: bytes, suffix: str) -> None:
    """Raise `PictureError` if ``data``, a picture of type ``suffix``, breaks a safety rule."""
    suffix = suffix.lower()
    if suffix == ".svg":
        _check_svg(data)
    elif suffix == ".png":
        _check_png(data)
    elif suffix == ".gif":
        _check_gif(data)
    else:
        raise PictureError(
            _("has an unsupported type {suffix}; use SVG, PNG or GIF").format(
                suffix=suffix or _("(none)")
            )
        )


def check_dimensions(width: int, height: int, what: str = "is") -> None:
    """Raise `PictureError` for a picture larger than MAX_SIDE a side or MAX_PIXELS in all."""
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise PictureError(
            _(
                "{what} {width} x {height} pixels; pictures may be at most {most} pixels a side "
                "and {megapixels} megapixels"
            ).format(
                what=what,
                width=width,
                height=height,
                most=MAX_SIDE,
                megapixels=MAX_PIXELS // 1_000_000,
            )
        )


def _check_png(data: bytes) -> None:
    if not data.startswith(PNG_SIGNATURE):
        raise PictureError(_("is not a PNG picture (it does not start with the PNG signature)"))
    # The IHDR chunk always comes first. A file too short to hold it has no size to check and
    # cannot be decoded at all; the decoder reports it.
    if len(data) < 24:
        return
    if data[12:16] != b"IHDR":
        raise PictureError(_("is damaged: it does not begin with a PNG header (IHDR) chunk"))
    width, height = struct.unpack(">II", data[16:24])
    check_dimensions(width, height)


def _check_gif(data: bytes) -> None:
    if data[:6] not in GIF_SIGNATURES:
        raise PictureError(_("is not a GIF picture (it does not start with GIF87a or GIF89a)"))
    if len(data) < 13:
        return
    width, height, flags = struct.unpack("<HHB", data[6:11])
    frames: list[tuple[int, int]] = []
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    # Walk the blocks for each frame's extent. The walk is checked before the sizes so a file
    # of noise is called damaged, not huge; a truncated file just ends the walk (it will not
    # decode past that point either).
    while position < len(data):
        kind = data[position]
        if kind == 0x3B:
            break
        if kind == 0x21:
            position = _skip_sub_blocks(data, position + 2)
        elif kind == 0x2C:
            if position + 10 > len(data):
                break
            descriptor = data[position + 1 : position + 10]
            left, top, frame_width, frame_height, frame_flags = struct.unpack("<HHHHB", descriptor)
            frames.append((left + frame_width, top + frame_height))
            position += 10
            if frame_flags & 0x80:
                position += 3 << ((frame_flags & 7) + 1)
            position = _skip_sub_blocks(data, position + 1)
        else:
            raise PictureError(
                _("is damaged: unexpected byte 0x{kind:02x} at offset {position}").format(
                    kind=kind, position=position
                )
            )
    check_dimensions(width, height)
    for number, (right, bottom) in enumerate(frames, start=1):
        check_dimensions(right, bottom, _("has frame {number} reaching").format(number=number))


def _skip_sub_blocks(data: bytes, position: int) -> int:
    while position < len(data):
        size = data[position]
        position += 1 + size
        if size == 0:
            break
    return position


def _check_svg(data: bytes) -> None:
    if data.startswith(b"\x1f\x8b"):
        raise PictureError(_("is a compressed drawing (SVGZ); save it as plain .svg"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PictureError(
            _("is not UTF-8 text (at byte offset {start})").format(start=error.start)
        ) from None
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        raise PictureError(_("has a DOCTYPE or ENTITY declaration, which could load other files"))
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end", "pi"))
    walk = _SvgWalk()
    try:
        # Fed in pieces and checked as it goes, so a file of nothing but nested groups is
        # turned away at MAX_SVG_DEPTH instead of being built into a tree first.
        for start in range(0, len(text), _FEED):
            parser.feed(text[start : start + _FEED])
            walk.check(parser.read_events())
        parser.close()
        walk.check(parser.read_events())
    except ParseError as error:
        line, column = error.position
        raise PictureError(
            _("is damaged: it is not well-formed XML (line {line}, column {column})").format(
                line=line, column=column + 1
            )
        ) from None


class _SvgWalk:
    """Checks parser events in order, remembering how deep the current element is."""

    def __init__(self) -> None:
        self.depth = 0
        self.seen_root = False

    def check(self, events: Iterable[tuple[Any, ...]]) -> None:
        for event, element in events:
            if event == "pi":
                raise PictureError(
                    _("has a processing instruction (<?...?>); it could load a file")
                )
            if event == "end":
                # A style sheet's text is only complete at its end tag.
                if _local(element.tag) == "style" and element.text:
                    _check_reference("style", "style", element.text)
                self.depth -= 1
                element.clear()
                continue
            self.depth += 1
            tag = _local(element.tag)
            if not self.seen_root and tag != "svg":
                raise PictureError(
                    _("is not an SVG drawing (its outer element is <{tag}>)").format(tag=tag)
                )
            self.seen_root = True
            if self.depth > MAX_SVG_DEPTH:
                raise PictureError(
                    _("nests elements more than {depth} deep").format(depth=MAX_SVG_DEPTH)
                )
            if tag.lower() in _FORBIDDEN_ELEMENTS:
                raise PictureError(
                    _("has an <{tag}> element; a picture must not show other files").format(tag=tag)
                )
            for name, value in element.attrib.items():
                _check_reference(tag, _local(name), value)


def _check_reference(tag: str, name: str, value: str) -> None:
    if name == "href" and not value.strip().startswith("#"):
        raise PictureError(
            _(
                "has <{tag} {name}={short}> pointing outside the drawing; only #fragment links "
                "are allowed"
            ).format(tag=tag, name=name, short=_short(value))
        )
    for match in _URL.finditer(value):
        if not match.group(2).strip().startswith("#"):
            raise PictureError(
                _(
                    "has url({short}) in <{tag}> pointing outside the drawing; only "
                    "url(#fragment) is allowed"
                ).format(short=_short(match.group(2)), tag=tag)
            )
    if "@import" in value.lower():
        raise PictureError(
            _("has @import in <{tag}>, which could load another file").format(tag=tag)
        )


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _short(value: str) -> str:
    value = " ".join(value.split())
    return f'"{value}"' if len(value) <= 40 else f'"{value[:37]}..."'
