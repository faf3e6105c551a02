"""Scoring the pain screen: any "yes" to a stopping question means see a clinician first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hipstride.knowledge.models import PainScreen


class UnknownQuestion(ValueError):
    """An answer to a question the screen does not ask (a typo would otherwise hide a flag)."""


@dataclass(frozen=True)
class PainScreenResult:
    """What the screen found. ``message`` is the catalog's referral or all-clear text."""

    red_flags: tuple[str, ...]  # stopping questions answered "yes"
    noted: tuple[str, ...]  # non-stopping questions answered "yes" (e.g. a healed injury)
    unanswered: tuple[str, ...]  # stopping questions with no answer yet
    message: str
    lines: tuple[str, ...]  # one plain-language line per flag or gap

    @property
    def clear_to_train(self) -> bool:
        """Only a complete screen with no red flag clears the runner on their own word."""
        return not self.red_flags and not self.unanswered


def score_pain_screen(screen: PainScreen, answers: Mapping[str, bool]) -> PainScreenResult:
    """Red flags in question order, with the screen's own explanation for each."""
    known = {q.id for q in screen.questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise UnknownQuestion(f"no pain-screen question with id {', '.join(map(repr, unknown))}")
    flags = tuple(q.id for q in screen.questions if q.stops_training and answers.get(q.id))
    noted = tuple(q.id for q in screen.questions if not q.stops_training and answers.get(q.id))
    gaps = tuple(q.id for q in screen.questions if q.stops_training and q.id not in answers)
    lines: list[str] = []
    for q in screen.questions:
        if q.id in flags:
            lines.append(f"You answered yes to: {q.ask} {q.explain or ''}".strip())
        elif q.id in gaps:
            lines.append(f"Please answer: {q.ask}")
    if flags:
        message = screen.referral
    elif gaps:
        message = "Answer every question before the tests: each one can stop training."
    else:
        message = screen.all_clear
    return PainScreenResult(flags, noted, gaps, message, tuple(lines))
