"""Sets as sparse rows of 0/1, and what pairs of them share: how claim mentions compare
their people, places and words (``link.claim_pairs``) and documents their times
(``link.stories``), for many pairs at once."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix


def shared_members(matrix: csr_matrix, rows: np.ndarray, cols: np.ndarray, union: bool = False):
    """For each pair, how many members the two rows share; and whether both have any (or, with
    ``union``, how many they have between them)."""
    shared = np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()
    sizes = np.diff(matrix.indptr)
    if union:
        return shared, sizes[rows] + sizes[cols] - shared
    return shared, (sizes[rows] > 0) & (sizes[cols] > 0)


def incidence(sets, keep_vocabulary: bool = False, vocabulary: dict | None = None):
    """Rows of 0/1 for the members of each set (a shared ``vocabulary`` keeps columns aligned)."""
    vocabulary = {} if vocabulary is None else vocabulary
    grow = not vocabulary or keep_vocabulary
    indices, pointers = [], [0]
    for members in sets:
        if members:  # most are empty (a claim mention that names no one and nowhere)
            indices += sorted({vocabulary.setdefault(m, len(vocabulary)) if grow else vocabulary[m]
                               for m in members if grow or m in vocabulary})
        pointers.append(len(indices))
    matrix = csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int64),
                         np.array(pointers, dtype=np.int64)), shape=(len(sets), max(1, len(vocabulary))))
    return (matrix, vocabulary) if keep_vocabulary else matrix
