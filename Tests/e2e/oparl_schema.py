"""The OParl 1.1 schemas copied from ../shared/data/oparl-1.1-schema, as jsonschema validators, and the rule for a
deleted object (OParl 1.1, section 2.8: it keeps id, type and created, modified is the time of deletion, and
`deleted` is true; every other attribute may go, so the type's schema, which requires some, does not apply).
"""
import glob
import json
import os

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SCHEMA_DIR = os.path.join(os.path.dirname(__file__), "oparl-1.1-schema")
TYPE_PREFIX = "https://schema.oparl.org/1.1/"
TOMBSTONE_KEYS = {"id", "type", "created", "modified", "deleted"}


def load_validators():
    schemas, resources = {}, []
    for path in glob.glob(os.path.join(SCHEMA_DIR, "*.json")):
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
        name = os.path.basename(path)[:-5]
        schemas[name] = schema
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        resources += [(TYPE_PREFIX + name + ".json", resource), (schema["$id"], resource)]
    registry = Registry().with_resources(resources)
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    return {name: jsonschema.Draft7Validator(schema, registry=registry, format_checker=checker) for name, schema in schemas.items()}


def problems(validators, obj, where):
    """What is wrong with one object (not its embedded ones), as sentences; none for a valid object."""
    kind = obj.get("type", "")
    if not kind.startswith(TYPE_PREFIX) or kind[len(TYPE_PREFIX):] not in validators:
        return [f"{where}: object without an OParl type: {obj.get('id')}"]
    name = kind[len(TYPE_PREFIX):]
    if obj.get("deleted") is True:
        found = []
        if set(obj) != TOMBSTONE_KEYS:
            found.append(f"{where}: deleted {name} {obj.get('id')} has {sorted(set(obj) ^ TOMBSTONE_KEYS)} beyond or missing from {sorted(TOMBSTONE_KEYS)}")
        if not (obj.get("modified", "") >= obj.get("created", "~")):
            found.append(f"{where}: deleted {name} {obj.get('id')} was modified before it was created")
        return found
    return [f"{where}: {name} {obj.get('id')}: {error.message} at {list(error.absolute_path)}"
            for error in validators[name].iter_errors(obj)]
