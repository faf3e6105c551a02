"""SQLAlchemy 2 tables: what hipstride keeps about a runner, portable between SQLite and PostgreSQL.

Every exportable record has a UUID primary key. Timestamps are timezone-aware and kept in UTC
(``UtcDateTime`` converts on the way in and tags on the way out, since SQLite keeps no zone).
Lists and small dicts are JSON columns. Constraint names follow ``NAMING_CONVENTION`` so
Alembic migrations stay stable.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SIDES = ("left", "right")


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored in UTC; naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware value")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite drops the zone; we only ever wrote UTC
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """Default for creation timestamps (the store is an edge; it may read the clock)."""
    return datetime.now(UTC)


def _in(column: str, values: tuple[str, ...], *, nullable: bool = False) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    check = f"{column} IN ({listed})"
    return f"{column} IS NULL OR {check}" if nullable else check


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012 - SQLAlchemy's class-level map
        datetime: UtcDateTime,
        date: Date,
        uuid.UUID: Uuid,
        str: String(200),
    }


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(primary_key=True, default=uuid.uuid4)


class Athlete(Base):
    __tablename__ = "athletes"
    __table_args__ = (CheckConstraint(_in("units", ("km", "mi")), name="units"),)

    id: Mapped[uuid.UUID] = _id()
    name: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    units: Mapped[str] = mapped_column(String(2), default="km", server_default="km")
    # Local wall-clock time for a daily reminder ("HH:MM" in ``time_zone``); None: no reminder.
    reminder_time: Mapped[time | None] = mapped_column(Time)


class Profile(Base):
    """The runner's week and means; history is kept, the latest by ``created_at`` is current."""

    __tablename__ = "profiles"
    __table_args__ = (
        CheckConstraint(
            "long_run_day IS NULL OR long_run_day BETWEEN 0 AND 6", name="long_run_day"
        ),
        CheckConstraint("minutes_per_session > 0", name="minutes_per_session"),
        CheckConstraint("sessions_per_week BETWEEN 1 AND 7", name="sessions_per_week"),
        Index(None, "athlete_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    running_days: Mapped[list[int]] = mapped_column(JSON)
    long_run_day: Mapped[int | None]
    hard_days: Mapped[list[int]] = mapped_column(JSON, default=list)
    race_date: Mapped[date | None]
    experience: Mapped[str] = mapped_column(String(20))
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    minutes_per_session: Mapped[int]
    sessions_per_week: Mapped[int]
    allow_consecutive: Mapped[bool] = mapped_column(default=False)


class PainScreen(Base):
    __tablename__ = "pain_screens"
    __table_args__ = (Index(None, "athlete_id", "taken_at"),)

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    answers: Mapped[dict[str, bool]] = mapped_column(JSON)
    red_flags: Mapped[list[str]] = mapped_column(JSON, default=list)


class Clearance(Base):
    __tablename__ = "clearances"
    __table_args__ = (
        CheckConstraint(_in("kind", ("clinician", "self-confirmed")), name="kind"),
        Index(None, "athlete_id", "cleared_at"),
    )

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    cleared_at: Mapped[datetime] = mapped_column(default=utcnow)
    cleared_by: Mapped[str]
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)


class SelfTestResult(Base):
    """One side (or the whole) of one self-test taking."""

    __tablename__ = "self_test_results"
    __table_args__ = (
        CheckConstraint(_in("side", SIDES, nullable=True), name="side"),
        CheckConstraint(_in("source", ("self", "camera")), name="source"),
        Index(None, "athlete_id", "test_id", "taken_at"),
    )

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    test_id: Mapped[str] = mapped_column(String(100))
    side: Mapped[str | None] = mapped_column(String(5))
    measures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    score: Mapped[int | None]
    outcomes: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(10), default="self", server_default="self")


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint(_in("status", ("active", "replaced")), name="status"),
        CheckConstraint("weeks > 0", name="weeks"),
        Index(None, "athlete_id", "status"),
    )

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    start_date: Mapped[date]
    weeks: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), default="active", server_default="active")
    replaced_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)
    explanations: Mapped[list[str]] = mapped_column(JSON, default=list)

    sessions: Mapped[list[PlannedSession]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PlannedSession.day",
    )


class PlannedSession(Base):
    __tablename__ = "planned_sessions"
    __table_args__ = (Index(None, "plan_id", "day"),)

    id: Mapped[uuid.UUID] = _id()
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    day: Mapped[date]
    week: Mapped[int]
    week_kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="sessions")
    prescriptions: Mapped[list[Prescription]] = relationship(
        back_populates="planned_session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Prescription.position",
    )


class Prescription(Base):
    __tablename__ = "prescriptions"
    __table_args__ = (
        UniqueConstraint("planned_session_id", "position"),
        CheckConstraint(_in("extra_set_side", SIDES, nullable=True), name="extra_set_side"),
        CheckConstraint("sets > 0", name="sets"),
    )

    id: Mapped[uuid.UUID] = _id()
    planned_session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("planned_sessions.id", ondelete="CASCADE")
    )
    position: Mapped[int]
    family_id: Mapped[str] = mapped_column(String(100))
    step_id: Mapped[str] = mapped_column(String(100))
    sets: Mapped[int]
    reps_min: Mapped[int | None]
    reps_max: Mapped[int | None]
    hold_seconds: Mapped[int | None]
    rest_seconds: Mapped[int]
    tempo: Mapped[str | None] = mapped_column(String(20))
    one_side: Mapped[bool] = mapped_column(default=False)
    extra_set_side: Mapped[str | None] = mapped_column(String(5))
    # The unscaled level progression continues from; sets/extra_set_side above are this
    # session's, already lightened in deload and race weeks.
    working_sets: Mapped[int | None]
    working_extra_set_side: Mapped[str | None] = mapped_column(String(5))
    note: Mapped[str] = mapped_column(Text, default="")
    override_note: Mapped[str | None] = mapped_column(Text)
    override_by: Mapped[str | None]

    planned_session: Mapped[PlannedSession] = relationship(back_populates="prescriptions")


class SessionLog(Base):
    __tablename__ = "session_logs"
    __table_args__ = (
        CheckConstraint(_in("status", ("in-progress", "done", "abandoned")), name="status"),
        Index(None, "athlete_id", "started_at"),
    )

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    # A log outlives its plan: replacing or deleting a plan keeps what was done.
    planned_session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("planned_sessions.id", ondelete="SET NULL"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    guided: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(
        String(12), default="in-progress", server_default="in-progress"
    )

    sets: Mapped[list[SetLog]] = relationship(
        back_populates="session_log",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SetLog.logged_at",
    )


class SetLog(Base):
    __tablename__ = "set_logs"
    __table_args__ = (
        CheckConstraint("pain BETWEEN 0 AND 10", name="pain"),
        CheckConstraint(_in("side", SIDES, nullable=True), name="side"),
        CheckConstraint("set_number > 0", name="set_number"),
        CheckConstraint("reps_in_reserve IS NULL OR reps_in_reserve >= 0", name="reps_in_reserve"),
        Index(None, "step_id", "logged_at"),
    )

    id: Mapped[uuid.UUID] = _id()
    session_log_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("session_logs.id", ondelete="CASCADE"), index=True
    )
    prescription_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("prescriptions.id", ondelete="SET NULL"), index=True
    )
    step_id: Mapped[str] = mapped_column(String(100))
    set_number: Mapped[int]
    side: Mapped[str | None] = mapped_column(String(5))
    target_reps: Mapped[int | None]
    target_hold_seconds: Mapped[int | None]
    reps: Mapped[int | None]
    held_seconds: Mapped[int | None]
    pain: Mapped[int]
    reps_in_reserve: Mapped[int | None]
    logged_at: Mapped[datetime] = mapped_column(default=utcnow)
    idempotency_key: Mapped[str | None] = mapped_column(String(100), unique=True)

    session_log: Mapped[SessionLog] = relationship(back_populates="sets")


class Checkin(Base):
    """Next-morning pain, once a day."""

    __tablename__ = "checkins"
    __table_args__ = (
        UniqueConstraint("athlete_id", "day"),
        CheckConstraint("morning_pain BETWEEN 0 AND 10", name="morning_pain"),
    )

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[date]
    morning_pain: Mapped[int]
    note: Mapped[str | None] = mapped_column(Text)


# --- web accounts ------------------------------------------------------------------------
# Sign-in state lives here, not in the web process, so any number of workers can serve.
# Tokens are never stored: only their SHA-256, so a copy of the database signs no one in.

ROLES = ("runner", "coach")


class Account(Base):
    """Who signs in to the web app; a runner's account is linked to their athlete."""

    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    username: Mapped[str] = mapped_column(String(200), unique=True)  # an email or a name
    password_hash: Mapped[str | None] = mapped_column(String(200))  # None: sign-in links only
    role: Mapped[str] = mapped_column(String(10), default="runner", server_default="runner")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebSession(Base):
    """A signed-in browser: the hash of its cookie, and its per-session CSRF token."""

    __tablename__ = "web_sessions"

    id: Mapped[uuid.UUID] = _id()
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class SignInLink(Base):
    """A one-time sign-in link, such as the one ``hipstride serve`` prints."""

    __tablename__ = "sign_in_links"

    id: Mapped[uuid.UUID] = _id()
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class SignInFailure(Base):
    """A failed password sign-in, counted per account and per address to slow guessing."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index(None, "ip", "at"),)

    id: Mapped[uuid.UUID] = _id()
    account_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


# --- coaching and scripts ------------------------------------------------------------------
# A coach sees a runner only through a live link the runner accepted; revoking keeps the row
# (revoked_at set) so who could see what, and when, stays on record.


class CoachLink(Base):
    """A coach account linked to a runner's athlete, from acceptance until revoked."""

    __tablename__ = "coach_links"
    __table_args__ = (Index(None, "coach_account_id", "revoked_at"),)

    id: Mapped[uuid.UUID] = _id()
    coach_account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE")
    )
    athlete_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class CoachInvitation(Base):
    """A coach's one-time invitation code (only its SHA-256 is kept) that a runner accepts."""

    __tablename__ = "coach_invitations"

    id: Mapped[uuid.UUID] = _id()
    coach_account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_athlete_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="SET NULL")
    )


class AccessToken(Base):
    """A personal access token for scripts: shown once, kept only as its SHA-256."""

    __tablename__ = "access_tokens"

    id: Mapped[uuid.UUID] = _id()
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


RUN_SPORTS = ("run", "walk", "hike", "ride", "swim", "other")


class Run(Base):
    """An imported activity (runs and other sports); laps are kept as JSON, as the device gave them.

    ``source_hash`` (SHA-256 of the file) is unique per athlete, so re-importing a file is a
    no-op. ``counts_for_load`` starts true for runs only; the runner may change it.
    """

    __tablename__ = "runs"
    __table_args__ = (
        CheckConstraint(_in("sport", RUN_SPORTS), name="sport"),
        CheckConstraint("distance_m >= 0 AND elapsed_seconds >= 0", name="totals"),
        UniqueConstraint("athlete_id", "source_hash"),
        Index(None, "athlete_id", "start"),
    )

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    start: Mapped[datetime]
    elapsed_seconds: Mapped[float]
    moving_seconds: Mapped[float]
    distance_m: Mapped[float]
    ascent_m: Mapped[float | None]
    avg_heart_rate: Mapped[int | None]
    max_heart_rate: Mapped[int | None]
    avg_cadence_spm: Mapped[float | None]
    sport: Mapped[str] = mapped_column(String(10))
    sport_detail: Mapped[str | None]
    device: Mapped[str | None]
    indoor: Mapped[bool] = mapped_column(default=False)
    counts_for_load: Mapped[bool]
    laps: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_format: Mapped[str] = mapped_column(String(4))
    source_hash: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarFeed(Base):
    """A private calendar subscription URL; the token is its credential, kept only as SHA-256."""

    __tablename__ = "calendar_feeds"

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_read_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


JOB_STATUSES = ("queued", "running", "done", "failed")


class CameraJob(Base):
    """A camera check being analysed: its state lives here, not in the web process, so any
    worker on any machine can report it; ``updated_at`` is the worker's heartbeat."""

    __tablename__ = "camera_jobs"
    __table_args__ = (
        CheckConstraint(_in("status", JOB_STATUSES), name="status"),
        CheckConstraint(_in("kind", ("test", "exercise")), name="kind"),
    )

    id: Mapped[uuid.UUID] = _id()
    athlete_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(100))
    """The self-test's name (deep-squat, bridge) or the step id."""
    filename: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[float] = mapped_column(default=0.0)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    still: Mapped[bytes | None] = mapped_column(LargeBinary)
    """A JPEG of one frame with the skeleton drawn (kept in the store, not on one machine)."""
    error: Mapped[str | None] = mapped_column(Text)
    keep_video: Mapped[bool] = mapped_column(default=False)
    video_path: Mapped[str | None] = mapped_column(Text)
    saved: Mapped[str | None] = mapped_column(Text)
    """What saving the result did, once it is saved."""
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
