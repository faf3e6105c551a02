"""Reading plain HTML form fields: a wrong value names its field, so the page can say which."""

from __future__ import annotations

from datetime import date

from starlette.datastructures import FormData


class FormProblem(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def number(
    form: FormData, name: str, *, low: float, high: float, label: str, whole: bool = True
) -> float:
    """A number from ``low`` to ``high``; ``label`` is how the page calls the field."""
    raw = text(form, name).replace(",", ".")
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise FormProblem(name, f"{label}: enter {kind} from {low:g} to {high:g}.") from None
    if not low <= value <= high:
        raise FormProblem(name, f"{label}: enter a number from {low:g} to {high:g}.")
    return value


def whole(form: FormData, name: str, *, low: int, high: int, label: str) -> int:
    return int(number(form, name, low=low, high=high, label=label))


def checked(form: FormData, name: str) -> bool:
    return text(form, name) in ("on", "yes", "true", "1")


def optional_date(form: FormData, name: str, *, label: str) -> date | None:
    raw = text(form, name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FormProblem(name, f"{label}: {raw!r} is not a date; use YYYY-MM-DD.") from None


def many(form: FormData, name: str) -> list[str]:
    """Every value of a repeated field (a group of checkboxes)."""
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]
