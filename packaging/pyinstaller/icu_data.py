"""A smaller ICU data library for the bundle: Qt's libicudata (32 MB) less what Qt never asks
for in the languages the app speaks.

Qt uses ICU for collation, case mapping and (on request) legacy text encodings; its locale
names, dates and numbers are its own. So the bundle's copy keeps ICU's core tables, the
break rules and, of the locale data, only the root and the app's languages (in every
region), and leaves out the display names (languages, regions, currencies, units, zones),
number spell-out, transliteration and the legacy encodings' tables: about 6 MB. A locale
left out collates as the root does.

ICU's data library is one symbol (icudt<version>_dat) holding a "common data" package: a
header, a table of contents of named items, then the items. The items kept are copied
unchanged into a new package, which a two-line assembly file makes into a library of the
same name (the gcc and readelf of the machine building the bundle). Linux only.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Iterable
from pathlib import Path

LEFT_OUT_TREES = ("unit/", "curr/", "zone/", "lang/", "region/", "rbnf/", "translit/")
LOCALE_BUNDLE = re.compile(r"^(?:coll/)?([a-z]{2,3})(?:_[A-Za-z0-9]+)*\.res$")
ALIGNMENT = 16


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's header and its items (name, bytes) in order."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    count = struct.unpack_from("<I", data, header_size)[0]
    entries = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    names = []
    for name_offset, _ in entries:
        start = header_size + name_offset
        names.append(data[start : data.index(b"\0", start)].decode("ascii"))
    starts = [header_size + offset for _, offset in entries]
    ends = [*starts[1:], len(data)]
    return data[:header_size], [(n, data[s:e]) for n, s, e in zip(names, starts, ends, strict=True)]


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A package of ``items`` behind ``header``, each item 16-byte aligned as ICU needs."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items) + len(names)
    names += b"\xaa" * (-toc_size % ALIGNMENT)
    offset = toc_size + (-toc_size % ALIGNMENT)
    entries, blobs, name_offset = [], [], 4 + 8 * len(items)
    for name, blob in items:
        blob += b"\0" * (-len(blob) % ALIGNMENT)
        entries.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name) + 1
        offset += len(blob)
        blobs.append(blob)
    return header + struct.pack("<I", len(items)) + b"".join(entries) + names + b"".join(blobs)


def wanted(item: str, languages: Iterable[str]) -> bool:
    name = item.split("/", 1)[1]  # after the package's own name, "icudt73l/"
    if name.startswith(LEFT_OUT_TREES) or name.endswith(".cnv"):
        return False
    bundle = LOCALE_BUNDLE.match(name)
    if bundle is None or name.rsplit("/", 1)[-1].startswith(("res_index", "pool")):
        return True
    return bundle.group(1) in {"root", *languages}


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size."""
    symbols = subprocess.run(["readelf", "-sW", library], capture_output=True, text=True).stdout
    symbol = r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+(icudt\d+_dat)"
    found = re.search(symbol, symbols)
    if found is None:
        raise ValueError("no icudt*_dat symbol")
    address, size, section = int(found[1], 16), int(found[2], 0), int(found[3])
    sections = subprocess.run(["readelf", "-SW", library], capture_output=True, text=True).stdout
    line = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if line is None:
        raise ValueError("no section for the data symbol")
    return found[4], address - int(line[1], 16) + int(line[2], 16), size


def smaller_library(library: Path, languages: Iterable[str], folder: Path) -> Path:
    """``folder``/<library's name>: ``library`` with only the data the app can use."""
    gcc = shutil.which("gcc")
    if gcc is None:
        raise FileNotFoundError("gcc")
    name, offset, size = _symbol(library)
    with library.open("rb") as file:
        file.seek(offset)
        header, items = read_package(file.read(size))
    kept = [(item, blob) for item, blob in items if wanted(item, set(languages))]
    folder.mkdir(parents=True, exist_ok=True)
    package = folder / f"{name}.bin"
    package.write_bytes(write_package(header, kept))
    source = folder / "icu_data.S"
    source.write_text(
        f"    .section .rodata\n    .globl {name}\n    .type {name}, @object\n"
        f'    .balign {ALIGNMENT}\n{name}:\n    .incbin "{package}"\n'
        f'    .size {name}, . - {name}\n    .section .note.GNU-stack,"",@progbits\n'
    )
    result = folder / library.name
    soname = re.search(
        r"SONAME.*\[(.*)\]",
        subprocess.run(["readelf", "-dW", library], capture_output=True, text=True).stdout,
    )
    subprocess.run(
        [
            gcc,
            "-shared",
            "-nostdlib",
            f"-Wl,-soname,{soname[1] if soname else library.name}",
            "-o",
            result,
            source,
        ],
        check=True,
    )
    return result
