"""/docs: the API reference rendered from the OpenAPI schema, with no external script (works offline)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from casus.web.render import render

router = APIRouter(include_in_schema=False)

# --------------------------------------------------------------------- docs


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema without any external script (works offline)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            body_schema = None
            for ctype, content in body.items():
                ref = content.get("schema", {}).get("$ref", "")
                name = ref.rsplit("/", 1)[-1] if ref else None
                body_schema = {"type": ctype, "name": name,
                               "fields": _fields(schema, name) if name else []}
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "tags": op.get("tags", []),
                              "params": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                          "type": _type_name(p.get("schema", {})),
                                          "default": p.get("schema", {}).get("default")}
                                         for p in op.get("parameters", [])],
                              "body": body_schema})
    return render(request, "docs.html", {"endpoints": endpoints, "info": schema.get("info", {})})


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_name(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    return schema.get("type", "any")


def _fields(schema: dict[str, Any], name: str) -> list[dict[str, Any]]:
    model = schema.get("components", {}).get("schemas", {}).get(name, {})
    required = set(model.get("required", []))
    return [{"name": k, "type": _type_name(v), "required": k in required, "description": v.get("description", "")}
            for k, v in model.get("properties", {}).items()]
