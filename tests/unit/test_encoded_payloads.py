"""The identity memo of encoded payloads (domain/encoded_payloads.py) and the DO_WHILE's spliced
output JSON (systasks/do_while.py)."""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.domain import encoded_payloads
from conductor.server.domain.encoded_payloads import IdentityMemo, encoded, recall
from conductor.server.engine.payloads import payload_size
from conductor.server.systasks import do_while


def test_a_memo_answers_only_for_the_very_object() -> None:
    memo: IdentityMemo[str] = IdentityMemo(max_bytes=100)
    a: dict[str, Any] = {"k": 1}
    memo.remember(a, "A", 10)
    assert memo.recall(a) == "A"
    assert memo.recall({"k": 1}) is None  # equal is not enough


def test_a_memo_keeps_to_its_byte_budget_dropping_the_oldest() -> None:
    memo: IdentityMemo[int] = IdentityMemo(max_bytes=100)
    objs = [object() for _ in range(5)]
    for i, obj in enumerate(objs):
        memo.remember(obj, i, 30)
    assert [memo.recall(o) for o in objs] == [None, None, 2, 3, 4]
    memo.remember(object(), 9, 101)  # alone above the budget: not kept, nothing dropped
    assert len(memo) == 3


def test_small_payloads_are_not_remembered_and_encode_as_usual() -> None:
    small = {"a": "b"}
    encoded_payloads.remember(small, b'{"a":"b"}')
    assert recall(small) is None
    assert encoded(small) == b'{"a":"b"}'


def test_the_spliced_loop_output_is_the_output_s_json() -> None:
    entry = {"body": {"result": "x" * 3000}}
    output: dict[str, Any] = {"iteration": 1}
    for n in range(1, 12):
        history = do_while._appended_history(output, str(n), entry)
        output = {**output, str(n): entry}
        following = do_while._with_item(output, ["i"] * 20, n + 1)
        do_while._remember_json(following, history)
        output = following
    data = recall(output)
    assert data is not None
    assert msgspec.json.decode(data) == output
    assert payload_size(output) == len(msgspec.json.encode(output))


def test_an_unknown_key_in_the_loop_output_falls_back_to_plain_encoding() -> None:
    before = {"iteration": 1, "1": {"x": "y" * 20000}, "note": "?"}
    history = do_while._appended_history(before, "2", {"x": "z"})
    after = {**before, "2": {"x": "z"}}
    do_while._remember_json(after, history)
    assert recall(after) is None
    assert payload_size(after) == len(msgspec.json.encode(after))


def test_a_re_run_iteration_is_encoded_afresh() -> None:
    before = {"iteration": 2, "1": {"x": 1}, "2": {"x": 2}}
    assert do_while._appended_history(before, "2", {"x": 3}) is None
