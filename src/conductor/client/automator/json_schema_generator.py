"""JSON Schema Generator from Python Type Hints

Generates JSON Schema (draft-07) from Python function signatures and type hints.
Used for automatic task definition registration with input/output schemas.

Ported from the official SDK (``conductor.client.automator.json_schema_generator``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

import inspect
import logging
from dataclasses import fields, is_dataclass
from typing import Any, Union, get_args, get_origin

logger = logging.getLogger(__name__)


def _is_optional_type(type_hint: Any) -> bool:
    """
    Check if a type hint is Optional[T] (which is Union[T, None]).

    Returns True if the type is Optional, False otherwise.
    """
    origin = get_origin(type_hint)
    if origin is Union:
        args = get_args(type_hint)
        return type(None) in args
    return False


def generate_json_schema_from_function(
    func: Any, schema_name: str, strict_schema: bool = False
) -> dict[str, Any] | None:
    """
    Generate JSON Schema draft-07 from function signature.

    Args:
        func: The function to analyze (can be sync or async)
        schema_name: Name for the schema
        strict_schema: If True, set additionalProperties=false (strict validation)
                      If False (default), set additionalProperties=true (lenient)

    Returns:
        Dict containing JSON Schema, or None if schema cannot be generated

    Example:
        >>> def my_worker(user_id: str, age: int) -> dict:
        ...     pass
        >>> schema = generate_json_schema_from_function(my_worker, "my_worker_input")
        >>> # Returns: {"$schema": "http://json-schema.org/draft-07/schema#", ...}
    """
    try:
        sig = inspect.signature(func)
        return_annotation = sig.return_annotation
        input_schema = _generate_input_schema(sig, schema_name, strict_schema)
        output_schema = _generate_output_schema(return_annotation, schema_name, strict_schema)
        return {"input": input_schema, "output": output_schema}
    except Exception as e:
        logger.debug(f"Could not generate JSON schema for {func.__name__}: {e}")
        return None


def _generate_input_schema(
    sig: inspect.Signature, schema_name: str, strict_schema: bool = False
) -> dict[str, Any] | None:
    """Generate JSON schema for function input parameters."""
    try:
        properties = {}
        required = []
        for param_name, param in sig.parameters.items():
            if param.annotation == inspect.Parameter.empty:
                return None
            param_schema = _type_to_json_schema(param.annotation, strict_schema)
            if param_schema is None:
                return None
            properties[param_name] = param_schema
            has_default = param.default != inspect.Parameter.empty
            is_optional = _is_optional_type(param.annotation)
            if not has_default and (not is_optional):
                required.append(param_name)
        if not properties:
            return {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "type": "object",
                "properties": {},
                "additionalProperties": not strict_schema,
            }
        schema = {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "properties": properties,
            "additionalProperties": not strict_schema,
        }
        if required:
            schema["required"] = required
        return schema
    except Exception as e:
        logger.debug(f"Could not generate input schema: {e}")
        return None


def _generate_output_schema(
    return_annotation: Any, schema_name: str, strict_schema: bool = False
) -> dict[str, Any] | None:
    """Generate JSON schema for function return type."""
    try:
        if return_annotation == inspect.Signature.empty:
            return None
        origin = get_origin(return_annotation)
        if origin is Union:
            args = get_args(return_annotation)
            dict_types = [arg for arg in args if arg not in (type(None),)]
            for arg in dict_types:
                if arg is dict or get_origin(arg) is dict:
                    return_annotation = arg
                    break
                if is_dataclass(arg):
                    return_annotation = arg
                    break
        output_schema = _type_to_json_schema(return_annotation, strict_schema)
        if output_schema is None:
            return None
        return {"$schema": "http://json-schema.org/draft-07/schema#", **output_schema}
    except Exception as e:
        logger.debug(f"Could not generate output schema: {e}")
        return None


def _type_to_json_schema(type_hint: Any, strict_schema: bool = False) -> dict[str, Any] | None:
    """
    Convert Python type hint to JSON Schema.

    Args:
        type_hint: The Python type hint to convert
        strict_schema: If True, set additionalProperties=false for objects

    Supports:
    - Basic types: str, int, float, bool
    - Optional[T]
    - List[T], Dict[str, T]
    - Dataclasses
    - dict (generic)
    """
    if type_hint is type(None):
        return {"type": "null"}
    origin = get_origin(type_hint)
    if origin is Union:
        args = get_args(type_hint)
        non_none_args = [arg for arg in args if arg is not type(None)]
        if len(non_none_args) == 1:
            inner_schema = _type_to_json_schema(non_none_args[0], strict_schema)
            if inner_schema is not None:
                if inner_schema == {}:
                    return inner_schema
                return {"anyOf": [inner_schema, {"type": "null"}]}
        return None
    if origin is list:
        args = get_args(type_hint)
        if args:
            item_schema = _type_to_json_schema(args[0], strict_schema)
            if item_schema:
                return {"type": "array", "items": item_schema}
        return {"type": "array"}
    if origin is dict:
        args = get_args(type_hint)
        if len(args) >= 2 and args[0] is str:
            value_schema = _type_to_json_schema(args[1], strict_schema)
            if value_schema:
                return {"type": "object", "additionalProperties": value_schema}
        return {"type": "object"}
    if type_hint is str:
        return {"type": "string"}
    if type_hint is int:
        return {"type": "integer"}
    if type_hint is float:
        return {"type": "number"}
    if type_hint is bool:
        return {"type": "boolean"}
    if type_hint is dict:
        return {"type": "object"}
    if type_hint is list:
        return {"type": "array"}
    if is_dataclass(type_hint):
        try:
            properties = {}
            required = []
            for field in fields(type_hint):
                field_schema = _type_to_json_schema(field.type, strict_schema)
                if field_schema is None:
                    return None
                properties[field.name] = field_schema
                from dataclasses import MISSING

                has_default = field.default is not MISSING
                has_default_factory = field.default_factory is not MISSING
                if not has_default and (not has_default_factory):
                    required.append(field.name)
            schema = {"type": "object", "properties": properties, "additionalProperties": not strict_schema}
            if required:
                schema["required"] = required
            return schema
        except Exception as e:
            logger.debug(f"Could not convert dataclass {type_hint}: {e}")
            return None
    if type_hint is Any:
        return {}
    return None
