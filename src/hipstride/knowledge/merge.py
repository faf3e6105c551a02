"""Turning folders of YAML into validated items, merged by id.

The bundled folder comes first; a user's folder comes after it and wins: an item with an
id that already exists replaces it, a new id adds to it. Each item keeps where it came
from so later checks can point at the right line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from hipstride.knowledge.models import (
    Equipment,
    Family,
    Muscle,
    PainScreen,
    Reference,
    SelfTest,
    Step,
)
from hipstride.knowledge.source import ContentError, Located, content_files, read_yaml

SECTIONS: dict[str, type[BaseModel]] = {
    "references": Reference,
    "muscles": Muscle,
    "equipment": Equipment,
    "families": Family,
    "steps": Step,
    "self_tests": SelfTest,
}

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Placed(Generic[M]):
    """A validated item and where it was written."""

    item: M
    where: Located


@dataclass
class Merged:
    """All items of every section after merging, plus what went wrong on the way."""

    sections: dict[str, dict[str, Placed[Any]]] = field(
        default_factory=lambda: {name: {} for name in SECTIONS}
    )
    pain_screen: Placed[PainScreen] | None = None
    errors: list[ContentError] = field(default_factory=list)


def _explain(error: Any, model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """Say what pydantic found and what is expected, in a YAML author's terms."""
    kind = error["type"]
    if kind == "missing":
        return "is missing; add it"
    if kind == "extra_forbidden":
        owner: type[BaseModel] = model
        for part in loc[:-1]:
            if isinstance(part, int):
                continue
            annotation = owner.model_fields[part].annotation if part in owner.model_fields else None
            inner = getattr(annotation, "__args__", (annotation,))
            found = next(
                (a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None
            )
            if found is None:
                break
            owner = found
        allowed = ", ".join(owner.model_fields)
        return f"is not a known field; use one of: {allowed}"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "family", "easier"):
        message = "must be lower-case words joined by hyphens, e.g. single-leg-bridge"
    return message[0].lower() + message[1:]


def _validate(model: type[M], data: Any, where: Located, errors: list[ContentError]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            errors.append(where.error(_explain(err, model, loc), *loc))
        return None


def _read_folder(folder: Path, label: str, merged: Merged, replaced: set[tuple[str, str]]) -> None:
    seen_here: dict[tuple[str, str], Located] = {}
    for path in content_files(folder):
        shown = f"{label}/{path.relative_to(folder).as_posix()}"
        parsed = read_yaml(path, shown)
        if isinstance(parsed, ContentError):
            merged.errors.append(parsed)
            continue
        data, where = parsed
        if not isinstance(data, dict):
            merged.errors.append(
                where.error("the file must be a mapping of sections such as steps: or references:")
            )
            continue
        for section, body in data.items():
            if section == "pain_screen":
                screen = _validate(PainScreen, body, where.at(section), merged.errors)
                if screen is not None:
                    merged.pain_screen = Placed(screen, where.at(section))
                continue
            model = SECTIONS.get(section)
            if model is None:
                allowed = ", ".join([*SECTIONS, "pain_screen"])
                merged.errors.append(
                    where.error(f"unknown section; use one of: {allowed}", section)
                )
                continue
            if not isinstance(body, list):
                merged.errors.append(
                    where.error("must be a list of items (lines starting with -)", section)
                )
                continue
            for index, raw in enumerate(body):
                item_where = where.at(section, index)
                item = _validate(model, raw, item_where, merged.errors)
                if item is None:
                    continue
                key = (section, str(item.id))  # type: ignore[attr-defined]
                if key in seen_here:
                    first = seen_here[key]
                    merged.errors.append(
                        item_where.error(
                            f"duplicate id {key[1]!r}: already defined at "
                            f"{first.file}:{first.line()}; rename one of them",
                            "id",
                        )
                    )
                    continue
                seen_here[key] = item_where
                if key[1] in merged.sections[section]:
                    replaced.add(key)
                merged.sections[section][key[1]] = Placed(item, item_where)


def merge_folders(folders: Sequence[tuple[Path, str]]) -> tuple[Merged, set[tuple[str, str]]]:
    """Read each ``(folder, label)`` in order; later folders override earlier ones.

    Returns the merge and the ``(section, id)`` pairs that a later folder replaced.
    """
    merged = Merged()
    replaced: set[tuple[str, str]] = set()
    for folder, label in folders:
        if not folder.is_dir():
            merged.errors.append(
                ContentError(label, None, "", "is not a folder; give a folder of .yaml files")
            )
            continue
        _read_folder(folder, label, merged, replaced)
    return merged, replaced
