#!/usr/bin/env python3
"""Validates recorded API responses against the OpenAPI document.

    validate_openapi.py openapi.yaml responses.json

responses.json is a list of {"method", "path" (the spec's template, e.g. /proposals/{id}), "status", "body"}.
Every response must be documented for its path, method and status, and its JSON body must match the schema
(components resolved, OpenAPI 3.1 = JSON Schema 2020-12). Prints one line per failure; exits non-zero on any.
"""
import json, sys

import jsonschema
import yaml
from referencing import Registry, Resource


def main():
    spec = yaml.safe_load(open(sys.argv[1]))
    responses = json.load(open(sys.argv[2]))
    from referencing.jsonschema import DRAFT202012
    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:openapi", resource)
    failures, checked = [], 0
    for r in responses:
        where = f'{r["method"]} {r["path"]} {r["status"]}'
        operation = spec["paths"].get(r["path"], {}).get(r["method"].lower())
        if operation is None:
            failures.append(f"{where}: not in the document")
            continue
        documented = operation["responses"].get(str(r["status"]))
        if documented is None:
            failures.append(f"{where}: status not documented")
            continue
        if "$ref" in documented:
            name = documented["$ref"].split("/")[-1]
            documented = spec["components"]["responses"][name]
        schema = documented.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            if r["body"] not in (None, ""):
                failures.append(f"{where}: a body where none is documented")
            continue
        wrapped = json.loads(json.dumps(schema).replace('"#/components/', '"urn:openapi#/components/'))
        validator = jsonschema.Draft202012Validator(wrapped, registry=registry)
        errors = sorted(validator.iter_errors(r["body"]), key=lambda e: list(e.path))
        for e in errors[:3]:
            failures.append(f"{where}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
        checked += 1
    for f in failures:
        print(f)
    print(f"{checked} responses checked against the document, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
