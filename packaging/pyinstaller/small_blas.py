"""A small BLAS and LAPACK for the bundle's numpy: the functions numpy calls, from the
reference implementations, in place of the OpenBLAS its wheel carries (25 MB with its
Fortran runtime, 1.4 MB this way).

numpy links one library for both (libscipy_openblas64_-<hash>.so, 64-bit integers, every
name prefixed scipy_ and suffixed 64_) and calls about 60 functions of it: matrix products
in its core, solvers and decompositions in numpy.linalg. The replacement has the same file
name and soname and exports exactly those names, each the reference function of the same
interface (Debian's ILP64 builds, liblapack64-dev and libblas64-dev, linked statically),
so no numpy file changes. The reference code is much slower on large matrices; the app's
charts multiply nothing larger than a handful of points. small_blas.c supplies the error
handlers and the three Fortran runtime helpers those functions use, so the library needs
only libc and libm.

Linux only (the gcc, nm and readelf of the machine building the bundle). Raises OSError,
ValueError or CalledProcessError when it cannot be built; the spec then keeps OpenBLAS.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

# Where Debian puts the static libraries, relative to /usr/lib/<multiarch>: LAPACK's built
# as position-independent code, BLAS's only needing the error handler of small_blas.c.
LAPACK_ARCHIVES = ("liblapack64_pic.a", "lapack64/liblapack64.a")
BLAS_ARCHIVES = ("blas64/libblas64.a",)
INSTALL_HINT = "sudo apt-get install liblapack64-dev libblas64-dev"
SOURCE = Path(__file__).with_name("small_blas.c")


def _dynamic_symbols(library: Path, *, defined: bool) -> set[str]:
    kind = "--defined-only" if defined else "--undefined-only"
    listing = subprocess.run(
        ["nm", "-D", kind, library], capture_output=True, text=True, check=True
    ).stdout
    return {line.split()[-1].split("@")[0] for line in listing.splitlines() if line.strip()}


def used_functions(library: Path, users: Iterable[Path]) -> list[str]:
    """The functions of ``library`` that any of ``users`` (numpy's modules) calls."""
    offered = _dynamic_symbols(library, defined=True)
    wanted: set[str] = set()
    for user in users:
        wanted |= _dynamic_symbols(user, defined=False) & offered
    if not wanted:
        raise ValueError(f"nothing calls {library.name}")
    return sorted(wanted)


def reference_name(name: str) -> str:
    """The reference library's name for an OpenBLAS-for-numpy one: scipy_cblas_dgemm64_ is
    cblas_dgemm, scipy_dgesv_64_ is dgesv_."""
    cblas = re.fullmatch(r"scipy_(cblas_\w+?)64_", name)
    if cblas:
        return cblas[1]
    fortran = re.fullmatch(r"scipy_(\w+?)_64_", name)
    if fortran:
        return fortran[1] + "_"
    raise ValueError(f"{name}: not a name this script knows how to map")


def _archive(folder: Path, candidates: tuple[str, ...]) -> Path:
    for candidate in candidates:
        if (folder / candidate).is_file():
            return folder / candidate
    raise FileNotFoundError(f"{folder / candidates[0]} (to build it: {INSTALL_HINT})")


def smaller_library(library: Path, users: Iterable[Path], folder: Path) -> Path:
    """``folder``/<library's name>: the functions of ``library`` that ``users`` call, from
    the reference BLAS and LAPACK."""
    gcc = shutil.which("gcc")
    if gcc is None:
        raise FileNotFoundError("gcc")
    multiarch = subprocess.run(
        [gcc, "-print-multiarch"], capture_output=True, text=True, check=True
    ).stdout.strip()
    lib = Path("/usr/lib") / multiarch
    lapack, blas = _archive(lib, LAPACK_ARCHIVES), _archive(lib, BLAS_ARCHIVES)
    names = used_functions(library, users)
    folder.mkdir(parents=True, exist_ok=True)
    exports = folder / "exports.map"
    exports.write_text("{ global:\n" + "".join(f"  {n};\n" for n in names) + "local: *; };\n")
    # Each exported name is the reference function itself (-u makes the linker take it
    # from the archive, with whatever it calls); the rest stays inside the library.
    aliases = []
    for name in names:
        aliases += [f"-Wl,--defsym={name}={reference_name(name)}", f"-Wl,-u,{reference_name(name)}"]
    soname = re.search(
        r"SONAME.*\[(.*)\]",
        subprocess.run(["readelf", "-dW", library], capture_output=True, text=True).stdout,
    )
    result = folder / library.name
    subprocess.run(
        [
            gcc,
            "-O2",
            "-fPIC",
            "-shared",
            "-s",
            f"-Wl,-soname,{soname[1] if soname else library.name}",
            f"-Wl,--version-script={exports}",
            # Fail rather than build a library that would need text relocations or a
            # function from elsewhere (a Fortran runtime helper small_blas.c lacks, say).
            "-Wl,-z,text",
            "-Wl,--no-undefined",
            *aliases,
            "-o",
            result,
            SOURCE,
            "-Wl,--start-group",
            lapack,
            blas,
            "-Wl,--end-group",
            "-lm",
        ],
        check=True,
    )
    missing = set(names) - _dynamic_symbols(result, defined=True)
    if missing:
        raise ValueError(f"the small library lacks {', '.join(sorted(missing))}")
    return result
