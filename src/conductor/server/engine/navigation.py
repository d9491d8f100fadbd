"""Positional successors in a workflow definition (Conductor's `WorkflowDef.getNextTask`)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from conductor.server.domain.definitions import WorkflowDef, WorkflowTask
from conductor.server.domain.task_types import TaskType


@dataclass(frozen=True, slots=True)
class _Place:
    siblings: list[WorkflowTask]
    index: int
    parent: WorkflowTask | None  # the SWITCH / FORK / DO_WHILE holding this list, if any


class Navigator:
    """An index of where every reference name sits in a definition."""

    def __init__(self, definition: WorkflowDef) -> None:
        self.definition = definition
        self._places: dict[str, _Place] = {}
        self._index(definition.tasks, None)

    def _index(self, nodes: list[WorkflowTask], parent: WorkflowTask | None) -> None:
        for i, node in enumerate(nodes):
            self._places[node.task_reference_name] = _Place(nodes, i, parent)
            for branch in node.children():
                self._index(branch, node)

    def node(self, ref: str) -> WorkflowTask | None:
        place = self._places.get(ref)
        return place.siblings[place.index] if place else None

    def parent(self, ref: str) -> WorkflowTask | None:
        place = self._places.get(ref)
        return place.parent if place else None

    def is_top_level(self, ref: str) -> bool:
        place = self._places.get(ref)
        return place is not None and place.parent is None

    def next_node(self, ref: str) -> WorkflowTask | None:
        """The node scheduled after `ref` completes, or None at the end of the workflow.

        The last node of a switch case continues after the switch; the last node of a fork
        branch yields the node after the fork (its JOIN); the last node of a loop body yields
        the DO_WHILE itself (which already exists, so callers drop it)."""
        place = self._places.get(ref)
        if place is None:
            return None
        node = place.siblings[place.index]
        if node.type == TaskType.TERMINATE:
            return None
        if place.index + 1 < len(place.siblings):
            return place.siblings[place.index + 1]
        parent = place.parent
        if parent is None:
            return None
        if parent.type == TaskType.DO_WHILE:
            return parent
        return self.next_node(parent.task_reference_name)

    def top_level_refs(self) -> list[str]:
        return [n.task_reference_name for n in self.definition.tasks]


_CACHE: OrderedDict[int, tuple[WorkflowDef, Navigator]] = OrderedDict()
_CACHE_SIZE = 512


def navigator_for(definition: WorkflowDef) -> Navigator:
    """A Navigator for this definition object, reused while the object lives in a running
    workflow's cached state (the cache entry holds the object, so its id cannot be reused)."""
    key = id(definition)
    entry = _CACHE.get(key)
    if entry is not None and entry[0] is definition:
        _CACHE.move_to_end(key)
        return entry[1]
    nav = Navigator(definition)
    _CACHE[key] = (definition, nav)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return nav
