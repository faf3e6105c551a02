"""Request and response bodies of the API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field


class SetSlotPublic(BaseModel):
    position: int
    step_id: str
    set_number: int
    side: Literal["left", "right"] | None
    target_reps: int | None
    target_hold_seconds: int | None
    label: str


class PrescriptionPublic(BaseModel):
    position: int
    step_id: str
    family_id: str
    name: str
    dose: str
    rest_seconds: int
    note: str


class SessionPublic(BaseModel):
    day: date
    week: int
    week_kind: str
    note: str
    items: list[PrescriptionPublic]
    done_sets: int
    remaining: list[SetSlotPublic]


class SetCreate(BaseModel):
    """One set as done. Send the same ``idempotency_key`` when retrying: it is stored once."""

    day: date = Field(description="The planned session's day.")
    position: int = Field(ge=0, description="The exercise's position in that session.")
    set_number: int = Field(ge=1, le=20)
    side: Literal["left", "right"] | None = None
    reps: int | None = Field(default=None, ge=0, le=500)
    held_seconds: int | None = Field(default=None, ge=0, le=3600)
    pain: int = Field(ge=0, le=10, description="Pain during the set, 0-10.")
    reps_in_reserve: int | None = Field(default=None, ge=0, le=20)
    idempotency_key: str = Field(min_length=8, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$")


class SetPublic(BaseModel):
    id: uuid.UUID
    step_id: str
    set_number: int
    side: str | None
    target_reps: int | None
    target_hold_seconds: int | None
    reps: int | None
    held_seconds: int | None
    pain: int
    reps_in_reserve: int | None
    logged_at: datetime
    idempotency_key: str | None


class FinishPublic(BaseModel):
    day: date
    status: Literal["done"]
    explanations: list[str] = Field(description="What the next sessions hold, and why.")
