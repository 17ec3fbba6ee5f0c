"""Wrap a module's plain user-facing string literals for translation (a helper for a first
pass; read the diff after it). Module-level literals get ``N_(...)``, those inside functions
``_(...)``. Docstrings, f-strings, ids and literals passed to loggers, settings or object
names are left alone. Usage: python tools/i18n_wrap.py FILE..."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

SKIP_CALLS = {
    "setObjectName",
    "value",
    "setValue",
    "debug",
    "info",
    "warning",
    "error",
    "exception",
    "getattr",
    "startswith",
    "endswith",
    "split",
    "join",
    "replace",
    "get",
    "setStyleSheet",
    "_",
    "N_",
    "ngettext",
    "pgettext",
    "strftime",
    "Property",
    "Signal",
    "Slot",
    "isinstance",
    "format_skeleton",
    "removesuffix",
    "QColor",
    "addAction_id",
    "setProperty",
    "property",
    "setAccessibleIdentifier",
    "Path",
    "open",
}


def user_facing(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if "://" in text or (text.startswith(("#", ".", "%", "{", "<", "&")) and " " not in text):
        return False
    return " " in text.strip() or text[:1].isupper()


def wrap(path: Path) -> int:
    source = path.read_text()
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))
        if isinstance(node, ast.JoinedStr):
            for value in ast.walk(node):
                skip.add(id(value))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in SKIP_CALLS or (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in ("logger", "logging", "log")
            ):
                for arg in ast.walk(node):
                    if arg is not node.func:
                        skip.add(id(arg))
        if isinstance(node, ast.Subscript):
            for value in ast.walk(node.slice):
                skip.add(id(value))
        if isinstance(node, ast.Compare):
            for value in ast.walk(node):
                skip.add(id(value))
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if key is not None:
                    skip.add(id(key))
    funcs: list[tuple[int, int]] = [
        (n.lineno, n.end_lineno or n.lineno)
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
    ]
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode()))
    data = source.encode()
    edits = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and user_facing(node.value)
        ):
            start = offsets[node.lineno - 1] + node.col_offset
            end = offsets[node.end_lineno - 1] + node.end_col_offset
            inside = any(a <= node.lineno <= b for a, b in funcs)
            edits.append((start, end, "_" if inside else "N_"))
    for start, end, name in sorted(edits, reverse=True):
        data = data[:start] + f"{name}(".encode() + data[start:end] + b")" + data[end:]
    path.write_text(data.decode())
    return len(edits)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg, wrap(Path(arg)))
