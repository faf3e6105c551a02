"""The printable handout: the plan as a PDF download."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from hipstride.services.figures import printable_stills
from hipstride.services.handout import NoPlan, build_handout, save_handout
from hipstride.services.runner import NeedsProfile
from hipstride.web.deps import CatalogDep, CurrentAccount, OwnAthlete, SessionDep, Today

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/handout.pdf")
def handout_pdf(
    session: SessionDep,
    catalog: CatalogDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    today: Today,
    paper: Literal["A4", "Letter"] = "A4",
) -> Response:
    try:
        data = build_handout(
            session,
            catalog=catalog,
            athlete_id=athlete_id,
            runner=viewer.username,
            today=today,
            pictures=lambda step_id: printable_stills(catalog, step_id),
        )
    except (NoPlan, NeedsProfile) as exc:
        raise HTTPException(404, str(exc).replace("Run `hipstride plan` first.", "")) from None
    with tempfile.TemporaryDirectory() as folder:
        out = save_handout(data, Path(folder) / "plan.pdf", paper=paper)
        pdf = out.read_bytes()
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"content-disposition": 'attachment; filename="hipstride-plan.pdf"'},
    )
