"""imported runs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 22:35:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("elapsed_seconds", sa.Double(), nullable=False),
        sa.Column("moving_seconds", sa.Double(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=False),
        sa.Column("ascent_m", sa.Double(), nullable=True),
        sa.Column("avg_heart_rate", sa.Integer(), nullable=True),
        sa.Column("max_heart_rate", sa.Integer(), nullable=True),
        sa.Column("avg_cadence_spm", sa.Double(), nullable=True),
        sa.Column("sport", sa.String(length=10), nullable=False),
        sa.Column("sport_detail", sa.String(length=200), nullable=True),
        sa.Column("device", sa.String(length=200), nullable=True),
        sa.Column("indoor", sa.Boolean(), nullable=False),
        sa.Column("counts_for_load", sa.Boolean(), nullable=False),
        sa.Column("laps", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("source_format", sa.String(length=4), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "sport IN ('run', 'walk', 'hike', 'ride', 'swim', 'other')",
            name=op.f("ck_runs_sport"),
        ),
        sa.CheckConstraint("distance_m >= 0 AND elapsed_seconds >= 0", name=op.f("ck_runs_totals")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_runs_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
        sa.UniqueConstraint(
            "athlete_id", "source_hash", name=op.f("uq_runs_athlete_id_source_hash")
        ),
    )
    op.create_index(op.f("ix_runs_athlete_id_start"), "runs", ["athlete_id", "start"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_runs_athlete_id_start"), table_name="runs")
    op.drop_table("runs")
