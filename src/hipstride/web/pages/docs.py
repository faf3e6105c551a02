"""/docs: the API reference rendered from the OpenAPI document, with no scripts or CDN."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hipstride.web.deps import MaybeViewer, TemplatesDep

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/docs")
def api_docs(request: Request, templates: TemplatesDep, viewer: MaybeViewer) -> Response:
    spec: dict[str, Any] = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, **operation}
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    return templates.TemplateResponse(
        request,
        "docs.html",
        {"viewer": viewer, "spec": spec, "operations": operations, "nav": "docs"},
    )
