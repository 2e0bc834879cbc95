"""Disjoint sets: the grouping step every linker ends with (copy families, quote clusters, stories,
claims), and average linkage for groups that must hold together as a whole."""

from __future__ import annotations

import heapq


class UnionFind:
    """Groups over 0..n-1. The smaller index is always the root, so the groups are the same
    whatever order the unions come in."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        """Join the groups of ``a`` and ``b``; False when they were one already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True

    def groups(self) -> list[list[int]]:
        """Every group, members ascending, groups in order of their first member."""
        found: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            found.setdefault(self.find(i), []).append(i)
        return list(found.values())


def average_linkage(count: int, rows, cols, weights, threshold: float) -> list[list[int]]:
    """Groups over 0..count-1 by average linkage: the two groups whose pairs of members weigh
    most on average (a pair not given weighs 0) join while that average is at least
    ``threshold``. Unlike chains of close pairs (single linkage), a group holds together as
    a whole: one member close to two others never joins them by itself.

    The weights are kept per pair of groups as sums, and a heap holds each pair's average
    when it last changed, so a join costs the number of groups next to the two joined.
    Ties go to the pair with the smallest members, so the groups never depend on the order
    the pairs come in. Groups ascending, in order of their first member."""
    size = [1] * count
    version = [0] * count
    links: list[dict[int, float]] = [{} for _ in range(count)]
    for i, j, w in zip(rows, cols, weights):
        i, j, w = int(i), int(j), float(w)
        if i != j:
            links[i][j] = links[i].get(j, 0.0) + w
            links[j][i] = links[j].get(i, 0.0) + w
    heap = [(-w, i, j, 0, 0) for i in range(count) for j, w in links[i].items() if i < j and w >= threshold]
    heapq.heapify(heap)
    members = UnionFind(count)
    while heap:
        negative, a, b, version_a, version_b = heapq.heappop(heap)
        if version[a] != version_a or version[b] != version_b:
            continue  # one of the two has grown since: its current average is in the heap too
        if -negative < threshold:
            break
        keep, gone = a, b  # a < b: the group keeps its first member's name
        members.union(keep, gone)
        merged = links[keep] if len(links[keep]) >= len(links[gone]) else links[gone]
        other = links[gone] if merged is links[keep] else links[keep]
        for k, w in other.items():
            merged[k] = merged.get(k, 0.0) + w
        merged.pop(keep, None)
        merged.pop(gone, None)
        links[keep], links[gone] = merged, {}
        size[keep] += size[gone]
        size[gone] = 0
        version[keep] += 1
        version[gone] += 1
        for k, w in merged.items():
            row = links[k]
            row.pop(gone, None)
            row[keep] = w
            average = w / (size[keep] * size[k])
            if average >= threshold:
                x, y = min(keep, k), max(keep, k)
                heapq.heappush(heap, (-average, x, y, version[x], version[y]))
    return members.groups()
