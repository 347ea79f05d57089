"""Graph algorithms over plain mappings of node to successors, with no recursion, so
that large maps cannot exhaust the interpreter's stack."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


def strongly_connected(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion; components in discovery order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(graph.get(root, [])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, []))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def has_cycle(graph: Mapping[str, list[str]]) -> bool:
    """Kahn's algorithm: whether peeling off nodes without incoming edges leaves any."""
    incoming: dict[str, int] = dict.fromkeys(graph, 0)
    for children in graph.values():
        for child in children:
            if child in incoming:
                incoming[child] += 1
    ready = [node for node, n in incoming.items() if n == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for child in graph[node]:
            if child in incoming:
                incoming[child] -= 1
                if incoming[child] == 0:
                    ready.append(child)
    return removed < len(incoming)


def cycle_through(graph: Mapping[str, list[str]], members: set[str], start: str) -> list[str]:
    """One cycle inside a strongly connected component, from ``start`` back to it."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in graph.get(node, []):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if child in members and child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start, start]  # pragma: no cover - a component always has a cycle
