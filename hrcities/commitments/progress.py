"""Progress roll-up: actions to parent actions to commitments to the declaration.

The rules, which the pages explain to readers as well:
- An action without sub-actions counts its own progress (as entered, or its status's
  usual progress).
- An action with sub-actions counts the weighted mean of its sub-actions.
- A commitment counts the weighted mean of its top-level actions; one with no actions
  yet stands at 0 %.
- A declaration counts the weighted mean of its commitments.
- Actions whose status does not count (cancelled) are left out everywhere; a weight of
  0 leaves an action or commitment out as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .models import Action, Commitment, Declaration


def weighted_mean(pairs: Iterable[tuple[float, Decimal]]) -> float | None:
    """Return the mean of values by weight, or None when nothing carries weight."""
    total = Decimal("0")
    weights = Decimal("0")
    for value, weight in pairs:
        total += Decimal(str(value)) * weight
        weights += weight
    if weights == 0:
        return None
    return float(total / weights)


@dataclass
class ActionNode:
    action: Action
    children: list[ActionNode] = field(default_factory=list)
    progress: float = 0.0

    @property
    def counts(self) -> bool:
        return self.action.status.counts_in_progress


def build_tree(actions: Iterable[Action]) -> list[ActionNode]:
    """Arrange actions into trees (roots first) and compute every node's progress."""
    nodes = {action.pk: ActionNode(action) for action in actions}
    roots: list[ActionNode] = []
    for node in nodes.values():
        parent = nodes.get(node.action.parent_id) if node.action.parent_id else None
        (parent.children if parent else roots).append(node)
    for root in roots:
        _compute(root, set())
    return roots


def _compute(node: ActionNode, visiting: set[int]) -> float:
    visiting.add(node.action.pk)
    counted = [
        (_compute(child, visiting), child.action.weight)
        for child in node.children
        if child.counts and child.action.pk not in visiting
    ]
    mean = weighted_mean(counted) if counted else None
    node.progress = mean if mean is not None else float(node.action.own_progress)
    return node.progress


def commitment_progress(roots: list[ActionNode]) -> float:
    return weighted_mean((n.progress, n.action.weight) for n in roots if n.counts) or 0.0


@dataclass
class CommitmentProgress:
    commitment: Commitment
    progress: float
    roots: list[ActionNode]
    action_count: int
    overdue: list[Action]
    owners: list[object]


@dataclass
class DeclarationProgress:
    declaration: Declaration
    progress: float
    commitments: list[CommitmentProgress]


def declaration_progress(declaration: Declaration) -> DeclarationProgress:
    """Compute the progress of a declaration and each of its commitments in two queries."""
    commitments = list(declaration.commitments.order_by("number"))
    actions = (
        Action.objects.filter(commitment__declaration=declaration)
        .select_related("status", "city", "organisation", "commitment")
        .order_by("start_date", "id")
    )
    by_commitment: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        by_commitment[action.commitment_id].append(action)
    parts = [progress_of(commitment, by_commitment[commitment.pk]) for commitment in commitments]
    overall = weighted_mean((p.progress, p.commitment.weight) for p in parts) or 0.0
    return DeclarationProgress(declaration, overall, parts)


def progress_of(commitment: Commitment, actions: list[Action] | None = None) -> CommitmentProgress:
    """Compute one commitment's progress from its actions (loaded if not given)."""
    if actions is None:
        actions = list(
            commitment.actions.select_related("status", "city", "organisation").order_by(
                "start_date", "id"
            )
        )
    roots = build_tree(actions)
    owners: list[object] = []
    for action in actions:
        if action.status.counts_in_progress and action.owner not in owners:
            owners.append(action.owner)
    return CommitmentProgress(
        commitment=commitment,
        progress=commitment_progress(roots),
        roots=roots,
        action_count=len(actions),
        overdue=[a for a in actions if a.is_overdue()],
        owners=owners,
    )


def progress_by_action(commitments: Iterable[int]) -> dict[int, float]:
    """Return the progress of every action of these commitments, by action, in one query."""
    actions = Action.objects.filter(commitment__in=list(commitments)).select_related("status")
    return {node.action.pk: node.progress for _depth, node in flatten(build_tree(actions))}


def flatten(roots: list[ActionNode], depth: int = 0) -> list[tuple[int, ActionNode]]:
    """Return (depth, node) pairs in display order."""
    rows: list[tuple[int, ActionNode]] = []
    for node in roots:
        rows.append((depth, node))
        rows.extend(flatten(node.children, depth + 1))
    return rows
