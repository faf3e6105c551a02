"""Initial schema: athletes, profiles, screens, clearances, self-tests, plans, logs, check-ins.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 19:46:43.471055
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False),
        sa.Column("units", sa.String(length=2), server_default="km", nullable=False),
        sa.CheckConstraint("units IN ('km', 'mi')", name=op.f("ck_athletes_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athletes")),
    )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("morning_pain", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("morning_pain BETWEEN 0 AND 10", name=op.f("ck_checkins_morning_pain")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_checkins_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("athlete_id", "day", name=op.f("uq_checkins_athlete_id_day")),
    )
    op.create_table(
        "clearances",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared_by", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('clinician', 'self-confirmed')", name=op.f("ck_clearances_kind")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_clearances_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearances")),
    )
    op.create_index(
        op.f("ix_clearances_athlete_id_cleared_at"),
        "clearances",
        ["athlete_id", "cleared_at"],
        unique=False,
    )

    op.create_table(
        "pain_screens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("red_flags", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_pain_screens_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pain_screens")),
    )
    op.create_index(
        op.f("ix_pain_screens_athlete_id_taken_at"),
        "pain_screens",
        ["athlete_id", "taken_at"],
        unique=False,
    )

    op.create_table(
        "plans",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="active", nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("explanations", sa.JSON(), nullable=False),
        sa.CheckConstraint("status IN ('active', 'replaced')", name=op.f("ck_plans_status")),
        sa.CheckConstraint("weeks > 0", name=op.f("ck_plans_weeks")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_plans_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    op.create_index(
        op.f("ix_plans_athlete_id_status"), "plans", ["athlete_id", "status"], unique=False
    )

    op.create_table(
        "profiles",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("running_days", sa.JSON(), nullable=False),
        sa.Column("long_run_day", sa.Integer(), nullable=True),
        sa.Column("hard_days", sa.JSON(), nullable=False),
        sa.Column("race_date", sa.Date(), nullable=True),
        sa.Column("experience", sa.String(length=20), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("minutes_per_session", sa.Integer(), nullable=False),
        sa.Column("sessions_per_week", sa.Integer(), nullable=False),
        sa.Column("allow_consecutive", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "long_run_day IS NULL OR long_run_day BETWEEN 0 AND 6",
            name=op.f("ck_profiles_long_run_day"),
        ),
        sa.CheckConstraint("minutes_per_session > 0", name=op.f("ck_profiles_minutes_per_session")),
        sa.CheckConstraint(
            "sessions_per_week BETWEEN 1 AND 7", name=op.f("ck_profiles_sessions_per_week")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_profiles_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles")),
    )
    op.create_index(
        op.f("ix_profiles_athlete_id_created_at"),
        "profiles",
        ["athlete_id", "created_at"],
        unique=False,
    )

    op.create_table(
        "self_test_results",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("test_id", sa.String(length=100), nullable=False),
        sa.Column("side", sa.String(length=5), nullable=True),
        sa.Column("measures", sa.JSON(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=10), server_default="self", nullable=False),
        sa.CheckConstraint(
            "side IS NULL OR side IN ('left', 'right')", name=op.f("ck_self_test_results_side")
        ),
        sa.CheckConstraint(
            "source IN ('self', 'camera')", name=op.f("ck_self_test_results_source")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_self_test_results_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_test_results")),
    )
    op.create_index(
        op.f("ix_self_test_results_athlete_id_test_id_taken_at"),
        "self_test_results",
        ["athlete_id", "test_id", "taken_at"],
        unique=False,
    )

    op.create_table(
        "planned_sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("week_kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_planned_sessions_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_sessions")),
    )
    op.create_index(
        op.f("ix_planned_sessions_plan_id_day"),
        "planned_sessions",
        ["plan_id", "day"],
        unique=False,
    )

    op.create_table(
        "prescriptions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("planned_session_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.String(length=100), nullable=False),
        sa.Column("step_id", sa.String(length=100), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("reps_min", sa.Integer(), nullable=True),
        sa.Column("reps_max", sa.Integer(), nullable=True),
        sa.Column("hold_seconds", sa.Integer(), nullable=True),
        sa.Column("rest_seconds", sa.Integer(), nullable=False),
        sa.Column("tempo", sa.String(length=20), nullable=True),
        sa.Column("one_side", sa.Boolean(), nullable=False),
        sa.Column("extra_set_side", sa.String(length=5), nullable=True),
        sa.Column("working_sets", sa.Integer(), nullable=True),
        sa.Column("working_extra_set_side", sa.String(length=5), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("override_note", sa.Text(), nullable=True),
        sa.Column("override_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "extra_set_side IS NULL OR extra_set_side IN ('left', 'right')",
            name=op.f("ck_prescriptions_extra_set_side"),
        ),
        sa.CheckConstraint("sets > 0", name=op.f("ck_prescriptions_sets")),
        sa.ForeignKeyConstraint(
            ["planned_session_id"],
            ["planned_sessions.id"],
            name=op.f("fk_prescriptions_planned_session_id_planned_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prescriptions")),
        sa.UniqueConstraint(
            "planned_session_id",
            "position",
            name=op.f("uq_prescriptions_planned_session_id_position"),
        ),
    )
    op.create_table(
        "session_logs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("planned_session_id", sa.Uuid(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("guided", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), server_default="in-progress", nullable=False),
        sa.CheckConstraint(
            "status IN ('in-progress', 'done', 'abandoned')", name=op.f("ck_session_logs_status")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_session_logs_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["planned_session_id"],
            ["planned_sessions.id"],
            name=op.f("fk_session_logs_planned_session_id_planned_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_logs")),
    )
    op.create_index(
        op.f("ix_session_logs_athlete_id_started_at"),
        "session_logs",
        ["athlete_id", "started_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_session_logs_planned_session_id"),
        "session_logs",
        ["planned_session_id"],
        unique=False,
    )

    op.create_table(
        "set_logs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("session_log_id", sa.Uuid(), nullable=False),
        sa.Column("prescription_id", sa.Uuid(), nullable=True),
        sa.Column("step_id", sa.String(length=100), nullable=False),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=5), nullable=True),
        sa.Column("target_reps", sa.Integer(), nullable=True),
        sa.Column("target_hold_seconds", sa.Integer(), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("held_seconds", sa.Integer(), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("reps_in_reserve", sa.Integer(), nullable=True),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "side IS NULL OR side IN ('left', 'right')", name=op.f("ck_set_logs_side")
        ),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name=op.f("ck_set_logs_pain")),
        sa.CheckConstraint(
            "reps_in_reserve IS NULL OR reps_in_reserve >= 0",
            name=op.f("ck_set_logs_reps_in_reserve"),
        ),
        sa.CheckConstraint("set_number > 0", name=op.f("ck_set_logs_set_number")),
        sa.ForeignKeyConstraint(
            ["prescription_id"],
            ["prescriptions.id"],
            name=op.f("fk_set_logs_prescription_id_prescriptions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_log_id"],
            ["session_logs.id"],
            name=op.f("fk_set_logs_session_log_id_session_logs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_set_logs")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_set_logs_idempotency_key")),
    )
    op.create_index(
        op.f("ix_set_logs_prescription_id"), "set_logs", ["prescription_id"], unique=False
    )
    op.create_index(
        op.f("ix_set_logs_session_log_id"), "set_logs", ["session_log_id"], unique=False
    )
    op.create_index(
        op.f("ix_set_logs_step_id_logged_at"), "set_logs", ["step_id", "logged_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_set_logs_step_id_logged_at"), table_name="set_logs")
    op.drop_index(op.f("ix_set_logs_session_log_id"), table_name="set_logs")
    op.drop_index(op.f("ix_set_logs_prescription_id"), table_name="set_logs")

    op.drop_table("set_logs")
    op.drop_index(op.f("ix_session_logs_planned_session_id"), table_name="session_logs")
    op.drop_index(op.f("ix_session_logs_athlete_id_started_at"), table_name="session_logs")

    op.drop_table("session_logs")
    op.drop_table("prescriptions")
    op.drop_index(op.f("ix_planned_sessions_plan_id_day"), table_name="planned_sessions")

    op.drop_table("planned_sessions")
    op.drop_index(
        op.f("ix_self_test_results_athlete_id_test_id_taken_at"), table_name="self_test_results"
    )

    op.drop_table("self_test_results")
    op.drop_index(op.f("ix_profiles_athlete_id_created_at"), table_name="profiles")

    op.drop_table("profiles")
    op.drop_index(op.f("ix_plans_athlete_id_status"), table_name="plans")

    op.drop_table("plans")
    op.drop_index(op.f("ix_pain_screens_athlete_id_taken_at"), table_name="pain_screens")

    op.drop_table("pain_screens")
    op.drop_index(op.f("ix_clearances_athlete_id_cleared_at"), table_name="clearances")

    op.drop_table("clearances")
    op.drop_table("checkins")
    op.drop_table("athletes")
