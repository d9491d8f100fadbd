"""``${...}`` parameter resolution: Conductor's ParametersUtils semantics."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from conductor.server.expressions.templating import (
    _find_expressions,
    invalid_expressions,
    is_valid_expression,
    referenced_roots,
    resolve,
    substitute_secrets,
)

DOC: dict[str, Any] = {
    "workflow": {
        "input": {
            "name": "conductor",
            "version": 2,
            "ratio": 1.0,
            "big": 1e7,
            "flag": True,
            "nothing": None,
            "key": "name",
            "index": 1,
            "mapValue": "a",
            "recordIds": [1, 2, 3],
            "map": {"a": [1, 2, 3], "b": [2, 4, 5], "c": [3, 7, 8]},
            "nested": {"a": 1, "b": "x", "c": [1, "y", None, 2.5], "d": {"e": False}},
            "items": [{"id": 1, "tag": "red"}, {"id": 5, "tag": "blue"}, {"id": 9, "tag": "red"}],
            "key with space": "spaced",
            "url": "http://h/p",
        },
        "output": {},
        "status": "RUNNING",
        "workflowId": "wf-1",
        "workflowType": "demo",
        "version": 1,
        "correlationId": None,
        "schemaVersion": 2,
        "variables": {"counter": 3},
    },
    "t1": {
        "input": {"q": "in"},
        "output": {"result": {"name": "deep", "list": [10, 20, 30]}, "count": 4, "key with space": "ks"},
        "taskType": "SIMPLE",
        "status": "COMPLETED",
        "referenceTaskName": "t1",
        "retryCount": 0,
        "taskId": "task-1",
    },
}


def r(value: Any, **kwargs: Any) -> Any:
    return resolve(value, DOC, **kwargs)


# --------------------------------------------------------------------------- typing


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # A whole-string expression keeps the value's type.
        ("${workflow.input.version}", 2),
        ("${workflow.input.ratio}", 1.0),
        ("${workflow.input.flag}", True),
        ("${workflow.input.nothing}", None),
        ("${workflow.input.recordIds}", [1, 2, 3]),
        ("${workflow.input.nested.d}", {"e": False}),
        ("${workflow.status}", "RUNNING"),
        ("${workflow.variables.counter}", 3),
        ("${t1.output.count}", 4),
        ("${t1.taskId}", "task-1"),
        ("${$.workflow.input.name}", "conductor"),
        (" ${workflow.input.version}", " 2"),  # not whole any more: interpolation
        ("${workflow.input.version} ", "2 "),
        ("${workflow.input.version}${workflow.input.version}", "22"),
        ("plain text", "plain text"),
        ("", ""),
    ],
)
def test_whole_expression_is_typed_and_anything_else_is_a_string(template: str, expected: Any) -> None:
    """Exactly one ${...} spanning the string returns the raw value; otherwise a string."""
    result = r(template)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("v=${workflow.input.version}", "v=2"),
        ("v=${workflow.input.ratio}", "v=1.0"),
        ("v=${workflow.input.big}", "v=1.0E7"),
        ("v=${workflow.input.flag}", "v=true"),
        ("v=${workflow.input.nothing}", "v=null"),
        ("v=${workflow.input.missing}", "v=null"),
        ("v=${workflow.input.recordIds}", "v=[1, 2, 3]"),
        ("v=${workflow.input.nested}", "v={a=1, b=x, c=[1, y, null, 2.5], d={e=false}}"),
        ("v=${workflow.input.items[0]}", "v={id=1, tag=red}"),
        ("Name: ${workflow.input.name}; Version: ${workflow.input.version};", "Name: conductor; Version: 2;"),
        (
            "Name: ${workflow.input.name};\r\nVersion: ${workflow.input.version};",
            "Name: conductor;\r\nVersion: 2;",
        ),
        # Indefinite paths give json-smart's JSONArray, whose toString is compact JSON.
        ("v=${workflow.input.items[*].tag}", 'v=["red","blue","red"]'),
        ("v=${workflow.input.items[?(@.id > 1)]}", 'v=[{"id":5,"tag":"blue"},{"id":9,"tag":"red"}]'),
        ("v=${workflow.input..url}", 'v=["http:\\/\\/h\\/p"]'),
        ("v=${workflow.input.items[?(@.id > 100)]}", "v=[]"),
    ],
)
def test_interpolation_uses_java_to_string(template: str, expected: str) -> None:
    """Interpolated values are printed the way Java's Objects.toString prints them."""
    assert r(template) == expected


# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("${workflow.input.recordIds[0]}", 1),
        ("${workflow.input.recordIds[-1]}", 3),
        ("${workflow.input.recordIds[7]}", None),
        ("${workflow.input['key with space']}", "spaced"),
        ('${t1.output["key with space"]}', "ks"),
        ("${t1.output.result.list[1]}", 20),
        ("${workflow.input.missing.deeper}", None),
        ("${workflow.input.name.deeper}", None),
        ("${workflow.input.recordIds.name}", None),
        ("${workflow.input.nested[0]}", None),
        ("${unknownTask.output.x}", None),
        ("${workflow.createTime}", None),
        ("${ workflow.input.name }", "conductor"),
        # deep scan, wildcard, filters, slices: indefinite -> list, [] when nothing matches
        ("${t1..name}", ["deep"]),
        ("${workflow.input.items[*].id}", [1, 5, 9]),
        ("${workflow.input.items[?(@.tag == 'red')].id}", [1, 9]),
        ("${workflow.input.items[?(@.id > 1 && @.tag == 'red')].id}", [9]),
        ("${workflow.input.items[?(@.tag =~ /bl.*/)].id}", [5]),
        ("${workflow.input.items[?(@.id > 100)].id}", []),
        ("${workflow.input.recordIds[0:2]}", [1, 2]),
        ("${workflow.input..nomatch}", []),
        # functions
        ("${workflow.input.recordIds.length()}", 3),
        ("${workflow.input.map.size()}", 3),
        ("${workflow.input.name.length()}", None),
        ("${workflow.input.recordIds.sum()}", 6.0),
        ("${workflow.input.recordIds.max()}", 3.0),
        ("${workflow.input.items[*].id.avg()}", 5.0),
        # invalid syntax is a suppressed error -> None
        ("${workflow.input.[}", None),
        ("${workflow.input.}", None),
    ],
)
def test_json_path_reads(template: str, expected: Any) -> None:
    """Jayway semantics: missing definite path -> None, indefinite without match -> []."""
    assert r(template) == expected


def test_indefinite_result_is_a_plain_list_copy() -> None:
    """Raw values handed out are copies, never the document's own containers."""
    doc = copy.deepcopy(DOC)
    result = resolve({"a": "${workflow.input.nested}", "b": "${workflow.input.items[*]}"}, doc)
    result["a"]["a"] = 99
    result["b"][0]["id"] = 99
    assert type(result["b"]) is list
    assert doc == DOC


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("${workflow.input.${workflow.input.key}}", "conductor"),
        ("${workflow.input.recordIds[${workflow.input.index}]}", 2),
        ("${workflow.input.map.${workflow.input.mapValue}[${workflow.input.index}]}", 2),
        (
            "${workflow.input.map.b[${workflow.input.map.${workflow.input.mapValue}[${workflow.input.index}]}]}",
            5,
        ),
        # inner results are stringified into the path: a missing inner value becomes "null"
        ("${workflow.input.${workflow.input.missing}}", None),
        ("x${workflow.input.${workflow.input.key}}", "xconductor"),
    ],
)
def test_nested_expressions_resolve_inner_first(template: str, expected: Any) -> None:
    """${a.${b}}: the inner value is spliced into the outer path before it is read."""
    assert r(template) == expected


# --------------------------------------------------------------------------- escaping / empty


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("${}", ""),
        ("${   }", ""),
        ("a${}b", "ab"),
        ("$${workflow.input.name}", "${workflow.input.name}"),
        ("$${workflow.input.name}afterText", "${workflow.input.name}afterText"),
        ("beforeText $${workflow.input.name}", "beforeText ${workflow.input.name}"),
        (
            "${workflow.input.name} $${workflow.input.version}${workflow.input.version} "
            "${workflow.input.version}$${workflow.input.name}",
            "conductor ${workflow.input.version}2 2${workflow.input.name}",
        ),
        ("$$$${x}", "$$${x}"),
        ("no expression $ {x} $x", "no expression $ {x} $x"),
        ("${unclosed", "${unclosed"),
        # Like Conductor's regex: nothing after an unclosed "${" is resolved.
        ("${a ${workflow.input.name}", "${a ${workflow.input.name}"),
        ("${workflow.input.name} ${a", "conductor ${a"),
    ],
)
def test_empty_expressions_and_escaping(template: str, expected: Any) -> None:
    """${} is "", and $${ is an escape turned into ${ only on the interpolation path."""
    assert r(template) == expected


# Spans found by Conductor's own regex (java.util.regex, run on JDK 17) for tricky strings.
JAVA_SPANS: list[tuple[str, list[tuple[int, int]]]] = [
    ("${a}", [(0, 4)]),
    ("x ${a} y ${b}", [(2, 6), (9, 13)]),
    ("${a.${b}}", [(0, 9)]),
    ("${a}}", [(0, 4)]),
    ("{${a}", [(1, 5)]),
    ("${a {b} c}", [(0, 10)]),
    ("${a", []),
    ("${a ${b}", []),
    ("${a} {", [(0, 4)]),
    ("} ${a}", [(2, 6)]),
    ("${a}{}${b}", [(0, 4), (6, 10)]),
    ("$${a}", []),
    ("${a}$${b}", [(0, 4)]),
    ("${}", [(0, 3)]),
    ("${{a}", []),
    ("{{${a}}}", [(2, 6)]),
    ('${x[?(@.a == "}")]}', [(0, 15)]),
    ("$$a{${${}${a", []),
    ("${${a}", []),
    ("${${}a${a${", []),
]


@pytest.mark.parametrize(("text", "spans"), JAVA_SPANS)
def test_expression_matching_agrees_with_conductors_regex(text: str, spans: list[tuple[int, int]]) -> None:
    """The brace scanner finds the same spans as ParametersUtils.PATTERN."""
    assert list(_find_expressions(text)) == spans


# --------------------------------------------------------------------------- containers


def test_containers_are_walked_and_keys_left_alone() -> None:
    """Maps and lists are resolved recursively; keys and non-string scalars are untouched."""
    params = {
        "${workflow.input.name}": "${workflow.input.name}",
        "list": [
            "${workflow.input.version}",
            7,
            None,
            ["${workflow.input.flag}"],
            {"k": "${t1.output.count}"},
        ],
        "num": 1.5,
        "bool": False,
        "none": None,
    }
    original = copy.deepcopy(params)
    assert r(params) == {
        "${workflow.input.name}": "conductor",
        "list": [2, 7, None, [True], {"k": 4}],
        "num": 1.5,
        "bool": False,
        "none": None,
    }
    assert params == original


# --------------------------------------------------------------------------- special names


@pytest.mark.parametrize(
    ("template", "task_id", "env", "expected"),
    [
        ("${workflow.secrets.DB_PASSWORD}", "id", {}, "${workflow.secrets.DB_PASSWORD}"),
        ("Bearer ${workflow.secrets.TOKEN}!", "id", {}, "Bearer ${workflow.secrets.TOKEN}!"),
        ("${workflow.env.REGION}", None, {"CONDUCTOR_ENV_REGION": "us-east-1"}, "us-east-1"),
        ("r=${workflow.env.REGION}", None, {"CONDUCTOR_ENV_REGION": "us-east-1"}, "r=us-east-1"),
        ("${workflow.env.REGION}", None, {"REGION": "not-this-one"}, None),
        ("${workflow.env.CONFIG.host}", None, {"CONDUCTOR_ENV_CONFIG": '{"host":"db","port":5432}'}, "db"),
        ("${workflow.env.CONFIG.port}", None, {"CONDUCTOR_ENV_CONFIG": '{"host":"db","port":5432}'}, 5432),
        ("${workflow.env.CONFIG.host}", None, {"CONDUCTOR_ENV_CONFIG": "not json"}, None),
        ("${CPEWF_TASK_ID}", "task-42", {}, "task-42"),
        ("id=${CPEWF_TASK_ID}", "task-42", {}, "id=task-42"),
        ("${CPEWF_TASK_ID}", None, {}, "${CPEWF_TASK_ID}"),
        ("id=${CPEWF_TASK_ID}", None, {}, "id=${CPEWF_TASK_ID}"),
        ("${NETFLIX_ENV}", None, {}, "${NETFLIX_ENV}"),
        ("${NETFLIX_ENV}", None, {"NETFLIX_ENV": "prod"}, "prod"),
    ],
)
def test_special_names(template: str, task_id: str | None, env: dict[str, str], expected: Any) -> None:
    """Secrets stay literal, workflow.env reads CONDUCTOR_ENV_*, CPEWF_TASK_ID is the task id."""
    assert r(template, task_id=task_id, env=env) == expected


def test_server_environment_never_leaks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bare names are document paths, even when the OS environment has a variable of that name."""
    monkeypatch.setenv("PYCONDUCTOR_TEST_SECRET", "hunter2")
    monkeypatch.setenv("CONDUCTOR_ENV_LEAK", "hunter2")
    assert r("${PYCONDUCTOR_TEST_SECRET}") is None
    assert r("${workflow.env.LEAK}") is None
    assert r("x${HOME}") == "xnull"


def test_substitute_secrets() -> None:
    """Deferred secret references are filled in at hand-off; unchanged values keep identity."""
    secrets = {"DB_PASSWORD": "s3cr3t", "CREDS": '{"user":"neo","pass":"zion"}', "BAD": "not-json"}
    params = {
        "pwd": "${workflow.secrets.DB_PASSWORD}",
        "user": "${workflow.secrets.CREDS.user}",
        "header": "Bearer ${workflow.secrets.DB_PASSWORD}",
        "unknown": "${workflow.secrets.NOPE}",
        "inline_unknown": "[${workflow.secrets.NOPE}]",
        "bad": "${workflow.secrets.BAD.field}",
        "list": ["Bearer ${workflow.secrets.DB_PASSWORD}", "static"],
    }
    out = substitute_secrets(params, secrets.get)
    assert out == {
        "pwd": "s3cr3t",
        "user": "neo",
        "header": "Bearer s3cr3t",
        "unknown": None,
        "inline_unknown": "[]",
        "bad": None,
        "list": ["Bearer s3cr3t", "static"],
    }
    assert params["pwd"] == "${workflow.secrets.DB_PASSWORD}"
    plain = {"a": "plain", "b": {"c": "no secret"}, "d": [1, 2, "x"]}
    assert substitute_secrets(plain, secrets.get) is plain


# --------------------------------------------------------------------------- validation helpers


def test_referenced_roots() -> None:
    """The first path segment of every expression, for registration-time checks."""
    params = {
        "a": "${workflow.input.x}",
        "b": ["${t1.output.y} and ${$.t2.output.z}", {"c": "${$['t3'].output}"}],
        "d": "${t4['output']} ${t5[0]} ${ t6.output }",
        "e": "${CPEWF_TASK_ID} ${$..deep} ${} $${escaped.x}",
        "f": "${t7.output.${t8.output.key}}",
        "g": "${${t9.output.name}.output}",
        "h": 42,
    }
    assert referenced_roots(params) == {"workflow", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"}


@pytest.mark.parametrize(
    ("expr", "valid"),
    [
        ("workflow.input.a", True),
        ("t1.output['key with space'][0]", True),
        ("$..x", True),
        ("a[?(@.b > 1)]", True),
        ("a.length()", True),
        ("", True),
        ("CPEWF_TASK_ID", True),
        ("workflow.secrets.X", True),
        ("workflow.input.${workflow.input.k}", True),
        ("workflow.input.[", False),
        ("workflow.input.", False),
        ("a[?(@.b >", False),
        ("x.${a[?(}", False),
    ],
)
def test_is_valid_expression(expr: str, valid: bool) -> None:
    """Path texts are valid when they compile (nested ones are checked inside)."""
    assert is_valid_expression(expr) is valid


def test_invalid_expressions_lists_bad_paths() -> None:
    """invalid_expressions reports each bad path text found in a parameter map."""
    params = {"ok": "${workflow.input.a}", "bad": ["x ${workflow.input.[} y"], "n": {"m": "${a[?(}"}}
    assert invalid_expressions(params) == ["workflow.input.[", "a[?("]
