"""Bodies of the runner's own API: profile, settings, self-tests, plan, check-ins, history,
progress. Field names match the web forms and ``hipstride ... --json``."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal

from pydantic import BaseModel, Field

from hipstride.training.progress import StepReached, TestPoint, Week

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class ProfileBody(BaseModel):
    """The running week and means, checked as ``hipstride profile`` checks them."""

    running_days: list[Weekday] = Field(description="Days you run; the long-run day is added.")
    long_run_day: Weekday | None = None
    hard_days: list[Weekday] = Field(default_factory=list, description="Intervals, tempo, races.")
    race_date: date | None = None
    experience: Literal["new", "some", "regular"] = "new"
    equipment: list[str] = Field(default_factory=lambda: ["mat", "chair"])
    minutes_per_session: int = Field(30, ge=10, le=90)
    sessions_per_week: int = Field(3, ge=2, le=3)
    allow_consecutive: bool = False


class SettingsBody(BaseModel):
    units: Literal["km", "mi"] = "km"
    time_zone: str = Field("UTC", min_length=1, max_length=64, examples=["Europe/Berlin"])
    reminder_time: time | None = Field(None, description="Local time of a daily reminder.")


class PainQuestionPublic(BaseModel):
    id: str
    ask: str
    explain: str | None
    stops_training: bool


class PainScreenPublic(BaseModel):
    intro: str
    questions: list[PainQuestionPublic]
    referral: str
    all_clear: str


class PainScreenAnswers(BaseModel):
    answers: dict[str, bool] = Field(description="Every question id, answered true (yes) or no.")


class PainScreenOutcome(BaseModel):
    clear_to_train: bool
    red_flags: list[str]
    message: str = Field(description="The referral when a red flag stops the tests.")
    lines: list[str]


class SquatBody(BaseModel):
    reached_depth: bool = Field(description="Buttocks reached the heels.")
    heels_lift: bool = False
    forward_lean: bool = False
    falls_back: bool = False
    pain: int = Field(0, ge=0, le=10)


class BridgeSideBody(BaseModel):
    hold_seconds: float = Field(ge=0, le=600, description="Seconds on this foot, pelvis level.")
    hamstring_cramp: bool = False
    pain: int = Field(0, ge=0, le=10)


class BridgeBody(BaseModel):
    left: BridgeSideBody
    right: BridgeSideBody


class TestOutcome(BaseModel):
    test_id: str
    score: int
    outcomes: list[str]
    lines: list[str]
    stop: bool = Field(description="Pain in the test: see a clinician, no plan until cleared.")
    referral: str | None = None


class LatestTestsPublic(BaseModel):
    deep_squat: TestOutcome | None
    single_leg_bridge: TestOutcome | None
    on_hold: str | None = Field(description="Why training is on hold, if it is.")


class ClearanceBody(BaseModel):
    cleared_by: str = Field(min_length=1, max_length=200, description="The clinician's name.")
    note: str | None = Field(None, max_length=2000)


class PlanBody(BaseModel):
    start: date | None = Field(None, description="First day; today where you live if left out.")
    weeks: int = Field(8, ge=1, le=26)


class PlanMade(BaseModel):
    start: date
    weeks: int
    sessions: int
    explanations: list[str]


class CheckinBody(BaseModel):
    day: date | None = Field(None, description="The morning; today if left out.")
    pain: int = Field(ge=0, le=10, description="Pain this morning, 0-10.")
    note: str | None = Field(None, max_length=2000)


class CheckinPublic(BaseModel):
    day: date
    pain: int
    note: str | None


class CheckinOutcome(CheckinPublic):
    warning: str | None
    adaptations: list[str] = Field(description="How the next sessions changed, and why.")


class HistorySet(BaseModel):
    step_id: str
    name: str
    set_number: int
    side: str | None
    target_reps: int | None
    target_hold_seconds: int | None
    reps: int | None
    held_seconds: int | None
    pain: int
    reps_in_reserve: int | None


class HistorySession(BaseModel):
    day: date | None
    started_at: datetime
    finished_at: datetime | None
    status: str
    guided: bool
    worst_pain: int | None
    sets: list[HistorySet]


class HistoryPublic(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int
    sessions: list[HistorySession]


class ProgressPublic(BaseModel):
    as_of: date
    adherence: float | None
    total_sets: int
    tests: list[TestPoint]
    steps: list[StepReached]
    weeks: list[Week]
    morning_pain: list[tuple[date, int]]
