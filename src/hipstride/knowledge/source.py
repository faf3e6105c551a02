"""Reading content files: YAML to plain data, remembering the line of every value.

A coach who edits a file needs errors that point at a line, so parsing keeps a map from
each value's path (``("steps", 2, "dose", "sets")``) to the line it starts on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in the wheels we install
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class ContentError:
    """One problem in the content, pointing at the file, line and field to change."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def field_name(path: PathKey) -> str:
    """Render a path the way YAML authors think of it: ``steps[2].dose.sets``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass(frozen=True)
class Located:
    """Where a parsed value came from: its file and the line of each path inside it."""

    file: str
    lines: dict[PathKey, int] = field(default_factory=dict)
    base: PathKey = ()

    def at(self, *path: str | int) -> Located:
        return Located(self.file, self.lines, self.base + path)

    def line(self, *path: str | int) -> int | None:
        """Line of the deepest known value on ``base + path``."""
        full = self.base + path
        for end in range(len(full), -1, -1):
            if full[:end] in self.lines:
                return self.lines[full[:end]]
        return None

    def error(self, message: str, *path: str | int) -> ContentError:
        return ContentError(self.file, self.line(*path), field_name(self.base + path), message)


def _collect_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            _collect_lines(value_node, key, lines)
            lines[key] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _collect_lines(item, (*path, i), lines)


def read_yaml(path: Path, shown_as: str) -> tuple[Any, Located] | ContentError:
    """Parse one file, or say on which line it stops being YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ContentError(
            shown_as, None, "", f"cannot read the file ({exc}); save it as UTF-8 text"
        )
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "invalid YAML"
        return ContentError(
            shown_as, line, "", f"not valid YAML ({problem}); check indentation and quoting"
        )
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return ({} if data is None else data), Located(shown_as, lines)


def content_files(folder: Path) -> Iterator[Path]:
    """Every YAML file below a folder, in a stable order."""
    for pattern in ("*.yaml", "*.yml"):
        yield from sorted(folder.rglob(pattern))
