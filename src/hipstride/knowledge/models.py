"""The content schema: what a coach may write in a YAML file, and what each field means.

Every model forbids unknown fields, so a typo in a key is reported instead of silently
ignored. Cross-references (a step's muscles, a claim's references, a ladder's links) are
checked after all files are merged, in `checks.py`, because they may point across files.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from hipstride.knowledge.figure_models import Figure

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=60),
]
"""An id: lower-case words joined by hyphens, e.g. ``single-leg-bridge``."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]


class Strict(BaseModel):
    """Base for content models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Claim(Strict):
    """A statement shown to the runner, with what supports it.

    ``from_article`` marks advice that comes from the source article itself (its own
    recommendation, with no paper behind it); every other claim names a paper.
    """

    text: Text
    references: list[Slug] = Field(default_factory=list)
    from_article: bool = False

    @model_validator(mode="after")
    def _supported(self) -> Claim:
        if not self.references and not self.from_article:
            raise ValueError(
                "a claim needs references (paper ids) or from_article: true "
                "when it is the article's own advice"
            )
        return self


class Reference(Strict):
    """A paper. ``article_numbers`` are its positions in the source article's list."""

    id: Slug
    authors: list[Text] = Field(min_length=1)
    et_al: bool = False
    title: Text
    journal: Text
    year: int = Field(ge=1900, le=2100)
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^\d{5,9}$")] | None = None
    article_numbers: list[int] = Field(default_factory=list)
    added: bool = False
    why_added: str | None = None

    @model_validator(mode="after")
    def _identified_and_sourced(self) -> Reference:
        if not self.doi and not self.pmid:
            raise ValueError("give a doi or a pmid so the paper can be found")
        if self.added and self.article_numbers:
            raise ValueError("a paper from the article's list is not 'added'; remove added: true")
        if not self.added and not self.article_numbers:
            raise ValueError(
                "say where the paper comes from: article_numbers (its place in the "
                "article's list) or added: true with why_added"
            )
        if self.added and not self.why_added:
            raise ValueError("an added paper needs why_added: what the product relies on it for")
        return self

    @property
    def citation(self) -> str:
        """A one-line citation in the Vancouver style most of the list already uses."""
        more = self.et_al or len(self.authors) > 3
        authors = ", ".join(self.authors[:3]) + (", et al" if more else "")
        where = f"{self.journal}. {self.year}"
        if self.volume:
            where += f";{self.volume}"
            if self.issue:
                where += f"({self.issue})"
        if self.pages:
            where += f":{self.pages}"
        ident = f"doi:{self.doi}" if self.doi else f"PMID: {self.pmid}"
        title = self.title if self.title.endswith("?") else self.title.rstrip(".") + "."
        return f"{authors}. {title} {where}. {ident}"

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"


class Muscle(Strict):
    id: Slug
    name: Text
    plain_name: Text
    group: Literal["gluteal", "hip-flexor", "adductor", "thigh", "trunk", "lower-leg"]
    where: Text
    role_in_running: Text
    claims: list[Claim] = Field(default_factory=list)


class Equipment(Strict):
    id: Slug
    name: Text
    kind: Literal["band", "mat", "support"]
    resistance: Literal["light", "medium", "heavy"] | None = None
    description: Text
    substitute: str | None = None

    @model_validator(mode="after")
    def _bands_have_resistance(self) -> Equipment:
        if (self.kind == "band") != (self.resistance is not None):
            raise ValueError(
                "a band needs a resistance (light, medium, heavy); nothing else has one"
            )
        return self


class FamilyKind(StrEnum):
    STRENGTH = "strength"
    MOBILITY = "mobility"


class SessionRole(StrEnum):
    """Where an exercise sits in a session: activation first, strength next, stretches last."""

    ACTIVATION = "activation"
    STRENGTH = "strength"
    STRETCH = "stretch"


class Family(Strict):
    """An exercise family: an ordered ladder of steps, built from the steps' ``easier`` links."""

    id: Slug
    name: Text
    order: int = Field(default=100, ge=0, description="Position in listings and sessions.")
    kind: FamilyKind
    role: SessionRole
    from_article: bool
    summary: Text
    claims: list[Claim] = Field(min_length=1)


class Origin(StrEnum):
    ARTICLE_BASE = "article-base"
    ARTICLE_VARIATION = "article-variation"
    EASIER = "easier"
    LITERATURE = "literature"


class Laterality(StrEnum):
    BOTH = "both"
    ONE_SIDE = "one-side"


class RepRange(Strict):
    min: int = Field(ge=1, le=50)
    max: int = Field(ge=1, le=50)

    @model_validator(mode="after")
    def _ordered(self) -> RepRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self

    def __str__(self) -> str:
        return f"{self.min}-{self.max}" if self.min != self.max else str(self.min)


class Dose(Strict):
    """A default prescription. Reps count each side separately for one-sided steps."""

    sets: int = Field(ge=1, le=5)
    reps: RepRange | None = None
    hold_seconds: int | None = Field(default=None, ge=5, le=180)
    rest_seconds: int = Field(ge=0, le=300)
    tempo: Annotated[str, StringConstraints(pattern=r"^\d-\d-\d$")] | None = None

    @model_validator(mode="after")
    def _reps_or_hold(self) -> Dose:
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("give either reps (a range such as {min: 8, max: 12}) or hold_seconds")
        return self

    def describe(self, laterality: Laterality) -> str:
        """E.g. ``2 × 10-15 reps per side, rest 45 s, tempo 2-1-2``."""
        work = f"{self.reps} reps" if self.reps else f"{self.hold_seconds} s hold"
        side = " per side" if laterality is Laterality.ONE_SIDE else ""
        text = f"{self.sets} × {work}{side}, rest {self.rest_seconds} s"
        return f"{text}, tempo {self.tempo}" if self.tempo else text


class Fault(Strict):
    fault: Text
    fix: Text


class Step(Strict):
    """One rung of a ladder. ``easier`` names the rung below; the lowest has none."""

    id: Slug
    family: Slug
    name: Text
    easier: Slug | None = None
    origin: Origin
    laterality: Laterality
    equipment: list[Slug] = Field(default_factory=list)
    band_position: Literal["above-knees", "ankles", "feet", "knee-pinned"] | None = None
    primary_muscles: list[Slug] = Field(min_length=1)
    secondary_muscles: list[Slug] = Field(default_factory=list)
    setup: Text
    steps: list[Text] = Field(min_length=2)
    cues: list[Text] = Field(min_length=1)
    faults: list[Fault] = Field(min_length=1)
    safety: list[Text] = Field(default_factory=list)
    dose: Dose
    glute_tfl_index: int | None = Field(default=None, ge=0, le=500)
    claims: list[Claim] = Field(min_length=1)
    figure: Figure | None = Field(default=None, description="Keyframes for its illustration.")

    @property
    def references(self) -> list[str]:
        """Every paper behind this step's claims, in first-cited order."""
        return list(dict.fromkeys(r for c in self.claims for r in c.references))


class RubricLevel(Strict):
    score: int = Field(ge=0, le=3)
    label: Text
    criteria: Text


class Measure(Strict):
    id: Slug
    label: Text
    kind: Literal["seconds", "yes-no", "pain-0-10", "score"]
    per_side: bool = False


class Outcome(Strict):
    """A finding a self-test can produce, what it means and what the plan does about it."""

    id: Slug
    label: Text
    meaning: Text
    training: Text


class SelfTest(Strict):
    id: Slug
    name: Text
    purpose: Text
    setup: Text
    procedure: list[Text] = Field(min_length=2)
    observe: list[Text] = Field(min_length=1)
    measures: list[Measure] = Field(min_length=1)
    rubric: list[RubricLevel] = Field(min_length=2)
    outcomes: list[Outcome] = Field(min_length=1)
    safety: list[Text] = Field(default_factory=list)
    claims: list[Claim] = Field(min_length=1)
    figure: Figure | None = Field(default=None, description="Keyframes for its illustration.")


class PainQuestion(Strict):
    id: Slug
    ask: Text
    explain: str | None = None
    stops_training: bool


class PainScreen(Strict):
    intro: Text
    questions: list[PainQuestion] = Field(min_length=1)
    referral: Text
    all_clear: Text
    during_training: Text
    claims: list[Claim] = Field(min_length=1)


class ContentFile(Strict):
    """One YAML file. Any file may hold any of these sections; items merge by id."""

    references: list[Reference] = Field(default_factory=list)
    muscles: list[Muscle] = Field(default_factory=list)
    equipment: list[Equipment] = Field(default_factory=list)
    families: list[Family] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    self_tests: list[SelfTest] = Field(default_factory=list)
    pain_screen: PainScreen | None = None
