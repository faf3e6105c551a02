"""Errors: problem details (RFC 9457) for the API, a plain page or a redirect for pages."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from hipstride.web.deps import NotSignedIn, get_templates

PROBLEM = "application/problem+json"
API_PREFIX = "/api/"


class FieldError(BaseModel):
    """One input at fault, as a validation problem lists them."""

    field: str = Field(description="The input, dotted for nested fields, e.g. `weeks`.")
    detail: str


class ProblemDetails(BaseModel):
    """What every API error is (RFC 9457), for the OpenAPI schema; ``problem`` builds them."""

    model_config = ConfigDict(extra="allow", title="ProblemDetails")

    type: str = Field("about:blank", description="A URI for the kind of problem.")
    title: str = Field(description="The HTTP status phrase, e.g. `Not Found`.")
    status: int
    detail: str = Field(description="What went wrong and how to fix it, for a person.")
    instance: str | None = None
    field: str | None = Field(None, description="The input at fault, when there is one.")
    errors: list[FieldError] | None = Field(None, description="Every input at fault (422).")


_PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetails"}
_WHY = {
    401: "Not signed in: no session cookie and no valid access token.",
    403: "Signed in, but this is not for your account (or a form's token is missing).",
    404: "Not there, or not yours.",
    409: "In conflict with what is stored (e.g. training on hold, a key used for another set).",
    422: "An input is invalid; `field` and `errors` name it.",
}
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": why, "content": {PROBLEM: {"schema": _PROBLEM_REF}}}
    for status, why in _WHY.items()
}


def _documented(app: FastAPI) -> None:
    """Put ``ProblemDetails`` in the OpenAPI components that ``PROBLEM_RESPONSES`` refer to."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        if "ProblemDetails" not in schemas:
            body = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(body.pop("$defs", {}))
            schemas["ProblemDetails"] = body
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def problem(
    status: int, detail: str, *, extra: dict[str, Any] | None = None, type_: str = "about:blank"
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **(extra or {}),
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def field_problem(status: int, detail: str, field: str) -> JSONResponse:
    """A problem with one input at fault, shaped like a validation error's."""
    return problem(
        status, detail, extra={"field": field, "errors": [{"field": field, "detail": detail}]}
    )


def _page(request: Request, status: int, detail: str) -> Response:
    return get_templates(request).TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": HTTPStatus(status).phrase, "detail": detail, "viewer": None},
        status_code=status,
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if _is_api(request):
        response: Response = problem(exc.status_code, detail)
    else:
        response = _page(request, exc.status_code, detail)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def _field(location: tuple[Any, ...]) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "body"


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field(tuple(e["loc"])), "detail": e["msg"]} for e in exc.errors()]
    first = errors[0] if errors else {"field": "body", "detail": "invalid"}
    if not _is_api(request):
        return _page(request, 422, f"{first['field']}: {first['detail']}")
    return problem(
        422,
        f"{first['field']}: {first['detail']}",
        extra={"field": first["field"], "errors": errors},
    )


async def _not_signed_in(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        detail = str(exc) or "Sign in first: this needs a signed-in account or an access token."
        response = problem(401, detail)
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    return RedirectResponse("/sign-in", status_code=303)


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(NotSignedIn, _not_signed_in)
    _documented(app)
