"""Plain factory functions for users and roles in tests."""

from __future__ import annotations

import itertools
from typing import Any

from hrcities.accounts.models import RoleAssignment, User

_seq = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_user(username: str | None = None, **overrides: Any) -> User:
    username = username or f"user{next(_seq)}"
    user = User(username=username, **overrides)
    user.set_password(PASSWORD)
    user.save()
    return user


def give_role(
    user: User, role: str, *, city: Any = None, organisation: Any = None
) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, city=city, organisation=organisation)
